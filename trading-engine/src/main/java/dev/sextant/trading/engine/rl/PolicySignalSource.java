package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.engine.InstrumentState;
import dev.sextant.trading.engine.internal.FeatureEngineBytes;
import dev.sextant.trading.engine.RestorableSignalSource;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureEngineState;
import dev.sextant.trading.models.policy.PolicyLayout;
import dev.sextant.trading.models.policy.PolicyModel;
import dev.sextant.trading.models.policy.PolicyObservation;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A trained policy ({@link PolicyModel}: a {@link PpoPolicy} or an actor exported to ONNX) as the
 * pipeline's signal source: on each closed bar it builds the observation
 * the {@link TradingEnvironment} would give (streaming features of the policy's spec, scaled as in
 * training, and the account's position, unrealised PnL and time in position) and turns the
 * policy's most probable direction and mean size into the signal ({@link Action#toSignal}): the
 * direction, and the size as the confidence that the sizer
 * ({@link dev.sextant.trading.risk.SizingMethod.ConfidenceScaled}) turns into a target position,
 * which the pre-trade checks still bound. Run in a backtest from the bar where an environment
 * episode starts, it takes the environment's actions, so the equity is the environment's.
 *
 * <p>The account comes from a {@code Supplier<Portfolio>}: give one (live, a view of the
 * venue's account), or let {@link dev.sextant.trading.engine.Backtester} bind its paper broker's
 * account ({@link #usePortfolio}). Until the feature window is defined the source is warming up.
 *
 * <p>Its per-instrument state is restorable ({@link RestorableSignalSource}): the feature engine,
 * the window of feature vectors, how many of them are filled, and the position bookkeeping (the
 * position seen on the last bar and the bars held in its direction, from which the observation's
 * time in position counts on). The account is not part of it: it is the account's, read from the
 * portfolio supplier on every bar, so a restored source observes whatever account it is given
 * (the one the saved source traded, to continue exactly). The policy is not part of it either: a
 * state is restored into any source whose policy has the same layout's feature spec and window
 * ({@link #stateKey()}), so a retrained policy of that layout continues from it.
 *
 * <p>Not thread-safe: one thread feeds all instruments (the pipeline's contract).
 */
public final class PolicySignalSource implements RestorableSignalSource {
    private final PolicyModel policy;
    private final PolicyLayout layout;
    private final PolicyObservation observations;
    private final double[] probabilities = new double[3];
    private final String modelId;
    private final String modelVersion;
    private final Map<Instrument, State> states = new HashMap<>();
    private Supplier<Portfolio> portfolio;
    private String stateKey;

    private final class State {
        final FeatureEngine engine = FeatureEngine.create(layout.spec());
        final double[] vector = new double[layout.spec().size()];
        final double[] window = new double[layout.window() * layout.spec().size()];
        int filled;
        int barsInPosition;
        double lastPosition;
    }

    /**
     * A source running {@code policy}: a {@link PpoPolicy} trained here, or any other
     * {@link PolicyModel} such as an actor exported to ONNX ({@link PolicyBundle#load}).
     *
     * @param portfolio    the account the observations read, or null to have a backtest bind it;
     *                     the account's, not part of the source's restorable state
     * @param modelId      id stamped on every signal (e.g. the bundle id)
     * @param modelVersion version stamped on every signal
     */
    public PolicySignalSource(PolicyModel policy, Supplier<Portfolio> portfolio, String modelId, String modelVersion) {
        this.policy = Checks.notNull(policy, "policy");
        this.layout = policy.layout();
        this.observations = new PolicyObservation(layout);
        this.portfolio = portfolio;
        this.modelId = Checks.notBlank(modelId, "modelId");
        this.modelVersion = Checks.notBlank(modelVersion, "modelVersion");
    }

    /**
     * Reads the account from {@code view} from now on (the backtester binds its paper broker's).
     * The account is not part of the restorable state.
     */
    public void usePortfolio(Supplier<Portfolio> view) {
        this.portfolio = Checks.notNull(view, "view");
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if no portfolio was given or bound
     * @throws IllegalArgumentException if the bar is out of order or invalid (from the feature engine)
     */
    @Override
    public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(timeFrame, "timeFrame");
        if (portfolio == null) {
            throw new IllegalStateException("PolicySignalSource has no portfolio to observe: pass one to the"
                    + " constructor or run it in a Backtester");
        }
        State s = states.computeIfAbsent(instrument, i -> new State());
        Portfolio account = portfolio.get();
        Position p = account.position(instrument);
        s.barsInPosition = EnvironmentData.nextBarsInPosition(s.barsInPosition, s.lastPosition, p.quantity());
        s.lastPosition = p.quantity();
        if (!s.engine.onBar(bar, s.vector)) {
            return SignalResult.warmingUp();
        }
        int f = s.vector.length;
        System.arraycopy(s.window, f, s.window, 0, s.window.length - f);
        System.arraycopy(s.vector, 0, s.window, s.window.length - f, f);
        if (s.filled < layout.window()) {
            s.filled++;
            if (s.filled < layout.window()) {
                return SignalResult.warmingUp();
            }
        }
        double[] obs = observations.observe(s.window, p.quantity(), p.averagePrice(), bar.close(), account.equity(),
                s.barsInPosition);
        double size = policy.act(obs, probabilities);
        Action a = Action.mostProbable(probabilities, size);
        return SignalResult.of(a.toSignal(instrument, Instant.ofEpochMilli(bar.time() + timeFrame.millis()), modelId,
                modelVersion));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The policy's feature spec hash and window length, e.g. {@code policy spec 3f2a...,
     * window 3}: what the instrument's state (the feature engine and the window of vectors) is
     * shaped by. The policy's weights, scaler and largest position are not part of it: they act on
     * the state, so a new policy of the same spec and window continues from a state saved with the
     * previous one. It never equals a {@link dev.sextant.trading.engine.ModelSignalSource}'s key,
     * whose state has another form.
     */
    @Override
    public String stateKey() {
        // Hashing the spec costs time; a keyed operator may snapshot every bar.
        if (stateKey == null) {
            stateKey = "policy spec " + layout.spec().hash() + ", window " + layout.window();
        }
        return stateKey;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Writes whether the instrument has state, then its {@link FeatureEngineState} bytes
     * (length first), the window's length in vectors and the features per vector, how many
     * vectors are filled, the window's values (oldest first, as doubles), the bars in position
     * and the last position seen.
     */
    @Override
    public void writeState(Instrument instrument, DataOutput out) throws IOException {
        Checks.notNull(instrument, "instrument");
        State s = states.get(instrument);
        out.writeBoolean(s != null);
        if (s != null) {
            FeatureEngineBytes.write(s.engine, out);
            out.writeInt(layout.window());
            out.writeInt(s.vector.length);
            out.writeInt(s.filled);
            for (double v : s.window) {
                out.writeDouble(v);
            }
            out.writeInt(s.barsInPosition);
            out.writeDouble(s.lastPosition);
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StateFormatException also ({@link StateFormatException.Problem#CORRUPT}) if the
     *                              window's length or width is not this policy's, the filled
     *                              count is negative or above the window, the bars in position
     *                              are negative, the last position is not finite, or the two
     *                              disagree (in position for no bar, or flat for some)
     */
    @Override
    public void readState(Instrument instrument, DataInput in) throws IOException {
        Checks.notNull(instrument, "instrument");
        states.remove(instrument);
        if (!in.readBoolean()) {
            return;
        }
        State s = new State();
        FeatureEngineBytes.read(s.engine, in, instrument.id());
        int window = in.readInt();
        int features = in.readInt();
        if (window != layout.window() || features != s.vector.length) {
            throw corrupt("window of " + window + " vectors of " + features + " features for " + instrument.id()
                    + " but the policy reads " + layout.window() + " of " + s.vector.length);
        }
        int filled = in.readInt();
        if (filled < 0 || filled > window) {
            throw corrupt(filled + " vectors filled for " + instrument.id() + " in a window of " + window);
        }
        s.filled = filled;
        for (int i = 0; i < s.window.length; i++) {
            s.window[i] = in.readDouble();
        }
        int bars = in.readInt();
        double position = in.readDouble();
        if (bars < 0) {
            throw corrupt(bars + " bars in position for " + instrument.id());
        }
        if (!Double.isFinite(position)) {
            throw corrupt("last position " + position + " of " + instrument.id());
        }
        boolean flat = Math.abs(position) <= Position.FLAT_EPSILON;
        if (flat != (bars == 0)) {
            throw corrupt("last position " + position + " of " + instrument.id() + " held for " + bars + " bars");
        }
        s.barsInPosition = bars;
        s.lastPosition = position;
        states.put(instrument, s);
    }

    private static StateFormatException corrupt(String detail) {
        return new StateFormatException(InstrumentState.KIND, StateFormatException.Problem.CORRUPT, detail);
    }

    @Override
    public void forget(Instrument instrument) {
        states.remove(Checks.notNull(instrument, "instrument"));
    }
}

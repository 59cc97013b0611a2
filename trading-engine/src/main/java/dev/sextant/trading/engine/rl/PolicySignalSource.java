package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.models.policy.PolicyLayout;
import dev.sextant.trading.models.policy.PolicyModel;
import dev.sextant.trading.models.policy.PolicyObservation;
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
 * <p>Not thread-safe: one thread feeds all instruments (the pipeline's contract).
 */
public final class PolicySignalSource implements SignalSource {
    private final PolicyModel policy;
    private final PolicyLayout layout;
    private final PolicyObservation observations;
    private final double[] probabilities = new double[3];
    private final String modelId;
    private final String modelVersion;
    private final Map<Instrument, State> states = new HashMap<>();
    private Supplier<Portfolio> portfolio;

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
     * @param portfolio    the account the observations read, or null to have a backtest bind it
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

    /** Reads the account from {@code view} from now on (the backtester binds its paper broker's). */
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
}

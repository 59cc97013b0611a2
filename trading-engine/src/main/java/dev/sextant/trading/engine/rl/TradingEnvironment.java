package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.internal.SimulatedMarket;
import dev.sextant.trading.models.policy.PolicyObservation;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * A trading environment with a Gymnasium-style contract ({@link #reset(long)}, {@link #step})
 * whose dynamics are the backtester's own: each episode runs the same simulated market as
 * {@link dev.sextant.trading.engine.Backtester} (simulated clock, seeded paper broker with the
 * cost model and slippage, risk engine with every pre-trade check, the
 * {@link dev.sextant.trading.engine.TradingPipeline} and its sizer). An action is handed to the
 * pipeline as the signal it stands for ({@link Action#toSignal}); its order fills at the next
 * bar's open at the earliest. So a backtest of the same actions gives the same equity and fees,
 * and there is no state that exists only in training or only live.
 *
 * <p>Time: the observation returned by {@link #reset} and by each step is taken at a bar's close
 * and reads bars up to that close only. {@link #step} decides on that bar with the action, then
 * lets the next bar arrive (fills at its open, mark at its close) and returns the observation
 * there.
 *
 * <p>Deterministic: the same data, configuration, seed and actions give the same results. Not
 * thread-safe; one episode at a time. For many episodes at once see {@link VectorTradingEnvironment}.
 */
public final class TradingEnvironment {
    /** The model id stamped on the signals an environment's actions become. */
    public static final String MODEL_ID = "rl-environment";

    private final EnvironmentData data;
    private final EnvironmentConfig config;
    private final int first;
    private final ActionSignals signals = new ActionSignals();
    private SimulatedMarket market;
    private int bar;
    private int steps;
    private boolean over = true;
    private int barsInPosition;
    private double previousEquity;
    private double highWater;
    private double previousDrawdown;

    /**
     * An environment over {@code data}.
     *
     * @throws IllegalArgumentException if the data's features are not the configuration's, or
     *                                  fewer than two bars have a defined observation
     */
    public TradingEnvironment(EnvironmentData data, EnvironmentConfig config) {
        this.data = Checks.notNull(data, "data");
        this.config = Checks.notNull(config, "config");
        if (!data.spec().equals(config.spec())) {
            throw new IllegalArgumentException("data has features " + data.spec().name() + " but the configuration "
                    + config.spec().name());
        }
        this.first = data.firstObservable(config.window());
        if (first >= data.size() - 1) {
            throw new IllegalArgumentException("series " + data.series().name() + " of " + data.size()
                    + " bars has no observable bar followed by another (first observable bar " + first + ")");
        }
    }

    /** The first bar an episode can start at. */
    public int firstBar() {
        return first;
    }

    /** The last bar of the data (an episode ends there at the latest). */
    public int lastBar() {
        return data.size() - 1;
    }

    /** The bar whose close the current observation was taken at. */
    public int currentBar() {
        return bar;
    }

    /** The configuration. */
    public EnvironmentConfig config() {
        return config;
    }

    /**
     * Starts an episode at a bar drawn uniformly from those that leave a full episode (or from
     * {@link #firstBar()} when the data is shorter), with the paper broker seeded by
     * {@code seed}.
     *
     * @return the observation at the start bar's close
     */
    public double[] reset(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int latest = Math.max(first, lastBar() - config.episodeLength());
        return start(first + random.nextInt(latest - first + 1), seed);
    }

    /**
     * Starts an episode at bar {@code start} with the backtest configuration's broker seed, as a
     * backtest from that bar starts.
     *
     * @throws IllegalArgumentException if {@code start} is before {@link #firstBar()} or at or after {@link #lastBar()}
     */
    public double[] resetAt(int start) {
        Checks.inRange(start, first, lastBar() - 1, "start");
        return start(start, config.backtest().seed());
    }

    private double[] start(int start, long seed) {
        BacktestConfig cfg = config.backtest().toBuilder().seed(seed).build();
        bar = start;
        steps = 0;
        barsInPosition = 0;
        Bar b = data.series().bar(start);
        market = new SimulatedMarket(cfg, b, signals, false);
        market.arrive(b);
        previousEquity = market.equity();
        highWater = previousEquity;
        previousDrawdown = 0;
        over = false;
        return observation();
    }

    /**
     * Decides on the current bar with {@code action}, lets the next bar arrive and returns what
     * happened.
     *
     * @throws IllegalStateException if no episode is running (call {@link #reset} first and after
     *                               an episode ends)
     */
    public StepResult step(Action action) {
        Checks.notNull(action, "action");
        if (over) {
            throw new IllegalStateException("no episode is running: call reset first (and again after an episode ends)");
        }
        signals.next = action;
        Decision decision = market.decide(data.series().bar(bar));
        double notionalBefore = market.notional();
        bar++;
        steps++;
        double positionBefore = market.position();
        market.arrive(data.series().bar(bar));
        double position = market.position();
        barsInPosition = EnvironmentData.nextBarsInPosition(barsInPosition, positionBefore, position);
        double equity = market.equity();
        double notional = market.notional() - notionalBefore;
        boolean terminated = !(equity > 0);
        double reward;
        if (terminated) {
            reward = -config.rewardScale();
        } else {
            highWater = Math.max(highWater, equity);
            double drawdown = (highWater - equity) / highWater;
            reward = config.rewardScale() * (Math.log(equity / previousEquity)
                    - config.drawdownPenalty() * Math.max(0, drawdown - previousDrawdown)
                    - config.turnoverPenalty() * notional / previousEquity);
            previousDrawdown = drawdown;
        }
        previousEquity = equity;
        boolean truncated = !terminated && (steps >= config.episodeLength() || bar >= lastBar());
        over = terminated || truncated;
        StepInfo info = new StepInfo(bar, closeTime(bar), equity, position, market.fees(), market.slippage(), notional,
                decision.kind());
        return new StepResult(observation(), reward, terminated, truncated, info);
    }

    private long closeTime(int t) {
        return data.series().time(t) + config.backtest().timeFrame().millis();
    }

    private double[] observation() {
        double[] out = new double[config.observationSize()];
        data.writeFeatures(bar, config.window(), out, 0);
        Instrument instrument = config.backtest().instrument();
        Position p = market.portfolio().position(instrument);
        PolicyObservation.writePortfolio(p.quantity(), p.averagePrice(), data.series().close(bar), market.equity(),
                barsInPosition, config.maxFraction(), out, config.window() * data.spec().size());
        return out;
    }

    /** The pending action as the pipeline's signal source. */
    private static final class ActionSignals implements SignalSource {
        Action next = Action.HOLD;

        @Override
        public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
            Action a = next;
            next = Action.HOLD;
            Instant close = Instant.ofEpochMilli(bar.time() + timeFrame.millis());
            return SignalResult.of(a.toSignal(instrument, close, MODEL_ID, "1"));
        }
    }
}

package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.policy.PolicyObservation;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;

/**
 * Settings of a {@link TradingEnvironment}: the backtest it simulates (market, account, costs,
 * sizing, risk limits, broker seed), the features observed and the reward. Build one with
 * {@link #builder(Instrument, TimeFrame)}.
 *
 * <h2>Observation</h2>
 * {@link #observationSize()} values: the last {@link #window()} feature vectors of the
 * {@link #spec()}, oldest first, each scaled by the environment's
 * {@link dev.sextant.trading.features.FeatureScaler} and clipped to [-{@value #FEATURE_CLIP},
 * {@value #FEATURE_CLIP}]; then the portfolio state: exposure (position value / equity /
 * {@link #maxFraction()}, in about [-1, 1]), unrealised PnL (percent of equity divided by
 * {@link #maxFraction()}) and time in position ({@code min(1, bars / }{@value #TIME_IN_POSITION_BARS}{@code )}).
 *
 * <h2>Reward</h2>
 * {@code rewardScale * (log(E_t+1 / E_t) - drawdownPenalty * max(0, D_t+1 - D_t)
 * - turnoverPenalty * notional_t / E_t)}, with equity E marked at each close after fees and
 * slippage, drawdown D from the episode's high-water mark as a fraction, and the notional traded
 * at the open of the new bar. The default scale, 10,000, gives rewards in basis points of equity.
 *
 * @param backtest        the backtest simulated; its sizing method must be
 *                        {@link SizingMethod.ConfidenceScaled} (actions set the confidence)
 * @param spec            the features observed
 * @param window          feature vectors per observation, positive; default 1
 * @param episodeLength   steps per episode before truncation, positive; default 1,000
 * @param drawdownPenalty penalty per unit of drawdown increase, non-negative; default 0
 * @param turnoverPenalty penalty per unit of turnover (notional / equity), non-negative; default 0
 * @param rewardScale     factor on the reward, positive; default 10,000
 */
public record EnvironmentConfig(BacktestConfig backtest, FeatureSpec spec, int window, int episodeLength,
        double drawdownPenalty, double turnoverPenalty, double rewardScale) {

    /** Scaled features are clipped to this magnitude. */
    public static final double FEATURE_CLIP = PolicyObservation.FEATURE_CLIP;
    /** Bars in position at which the time-in-position observation reaches 1. */
    public static final int TIME_IN_POSITION_BARS = PolicyObservation.TIME_IN_POSITION_BARS;
    /** Portfolio values at the end of each observation. */
    public static final int PORTFOLIO_VALUES = PolicyObservation.PORTFOLIO_VALUES;
    /** The default largest position as a fraction of equity: below the default 5% position limit. */
    public static final double DEFAULT_MAX_FRACTION = 0.04;

    /** Validates. */
    public EnvironmentConfig {
        Checks.notNull(backtest, "backtest");
        Checks.notNull(spec, "spec");
        Checks.positive(window, "window");
        Checks.positive(episodeLength, "episodeLength");
        Checks.nonNegative(drawdownPenalty, "drawdownPenalty");
        Checks.nonNegative(turnoverPenalty, "turnoverPenalty");
        Checks.positive(rewardScale, "rewardScale");
        if (!(backtest.sizing().method() instanceof SizingMethod.ConfidenceScaled)) {
            throw new IllegalArgumentException("backtest.sizing.method must be ConfidenceScaled (an action's size is"
                    + " the signal's confidence) but was " + backtest.sizing().method());
        }
    }

    /** Values per observation: {@code window * spec.size() + }{@value #PORTFOLIO_VALUES}. */
    public int observationSize() {
        return window * spec.size() + PORTFOLIO_VALUES;
    }

    /** The largest position as a fraction of equity, the sizing method's {@code maxFraction}. */
    public double maxFraction() {
        return ((SizingMethod.ConfidenceScaled) backtest.sizing().method()).maxFraction();
    }

    /**
     * A builder for {@code instrument} on {@code timeFrame} bars: the backtest defaults of
     * {@link BacktestConfig.Builder} except sizing, which is {@code ConfidenceScaled(}{@value #DEFAULT_MAX_FRACTION}{@code , 0)}
     * with a minimum edge of 0 and shorts allowed; features {@code standard-24}.
     */
    public static Builder builder(Instrument instrument, TimeFrame timeFrame) {
        return new Builder(BacktestConfig.builder(instrument, timeFrame).sizing(sizing(DEFAULT_MAX_FRACTION)).build());
    }

    /**
     * The sizing an environment's actions (and a policy's signals) are meant for:
     * {@code ConfidenceScaled(maxFraction, 0)}, minimum edge 0, shorts allowed.
     */
    public static SizingPolicy sizing(double maxFraction) {
        return new SizingPolicy(new SizingMethod.ConfidenceScaled(maxFraction, 0), 0, true);
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder(backtest);
        b.spec = spec;
        b.window = window;
        b.episodeLength = episodeLength;
        b.drawdownPenalty = drawdownPenalty;
        b.turnoverPenalty = turnoverPenalty;
        b.rewardScale = rewardScale;
        return b;
    }

    /** Builder of {@link EnvironmentConfig}; each setter validates its value. Not thread-safe. */
    public static final class Builder {
        private BacktestConfig backtest;
        private FeatureSpec spec = FeatureSpec.standard24();
        private int window = 1;
        private int episodeLength = 1_000;
        private double drawdownPenalty;
        private double turnoverPenalty;
        private double rewardScale = 10_000;

        private Builder(BacktestConfig backtest) {
            this.backtest = backtest;
        }

        /** The backtest simulated (its sizing method must be ConfidenceScaled). */
        public Builder backtest(BacktestConfig value) {
            this.backtest = Checks.notNull(value, "backtest");
            return this;
        }

        /** The features observed (default standard-24). */
        public Builder spec(FeatureSpec value) {
            this.spec = Checks.notNull(value, "spec");
            return this;
        }

        /** Feature vectors per observation (default 1). */
        public Builder window(int value) {
            this.window = Checks.positive(value, "window");
            return this;
        }

        /** Steps per episode (default 1,000). */
        public Builder episodeLength(int value) {
            this.episodeLength = Checks.positive(value, "episodeLength");
            return this;
        }

        /** Penalty per unit of drawdown increase (default 0). */
        public Builder drawdownPenalty(double value) {
            this.drawdownPenalty = Checks.nonNegative(value, "drawdownPenalty");
            return this;
        }

        /** Penalty per unit of turnover (default 0). */
        public Builder turnoverPenalty(double value) {
            this.turnoverPenalty = Checks.nonNegative(value, "turnoverPenalty");
            return this;
        }

        /** Factor on the reward (default 10,000: basis points of equity). */
        public Builder rewardScale(double value) {
            this.rewardScale = Checks.positive(value, "rewardScale");
            return this;
        }

        /** The configuration. */
        public EnvironmentConfig build() {
            return new EnvironmentConfig(backtest, spec, window, episodeLength, drawdownPenalty, turnoverPenalty,
                    rewardScale);
        }
    }
}

package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;

/**
 * The market, the account and the pipeline settings of a backtest. Build one with
 * {@link #builder(Instrument, TimeFrame)}: every other setting has a default.
 *
 * <pre>{@code
 * BacktestConfig cfg = BacktestConfig.builder(instrument, TimeFrame.M1)
 *         .initialCash(50_000)
 *         .sizing(new SizingPolicy(new SizingMethod.FixedFractional(0.05), 0, false))
 *         .keepDecisions(true)
 *         .build();
 * }</pre>
 *
 * @param instrument       the instrument traded
 * @param timeFrame        the bar length
 * @param initialCash      starting cash, positive; default 100,000
 * @param costs            transaction costs (the paper broker charges them; the sizer expects
 *                         them); default {@code CostModel.ofBps(2, 1)}: 2 bps spread, 1 bp commission
 * @param sizing           position sizing policy; default 5% of equity per position, the SDK's
 *                         minimum edge of {@value SizingPolicy#DEFAULT_MIN_EDGE_BPS} bps, shorts allowed
 * @param limits           pre-trade risk limits; default {@link RiskLimits#defaults()}
 * @param expectedMove     minimum expected move per trade for sizing, fraction of price; default 0.001
 * @param atrPeriod        bars in the ATR given to the sizer; default 14
 * @param volatilityWindow one-bar log returns in the sizer's rolling volatility, at least 2; default 60
 * @param periodsPerYear   bars per year, for annualised ratios; default {@link #periodsPerYear(TimeFrame)}
 *                         (525,960 for 1m bars traded 24/7)
 * @param trials           configurations tried (for the deflated Sharpe ratio); default 1
 * @param seed             seed of the paper broker; default 42
 * @param keepDecisions    keep every {@link Decision} in the result (memory grows with bars);
 *                         default false (the result counts them by kind either way)
 */
public record BacktestConfig(Instrument instrument, TimeFrame timeFrame, double initialCash, CostModel costs,
        SizingPolicy sizing, RiskLimits limits, double expectedMove, int atrPeriod, int volatilityWindow,
        double periodsPerYear, int trials, long seed, boolean keepDecisions) {

    private static final double DAYS_PER_YEAR = 365.25;

    /** Validates. */
    public BacktestConfig {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(timeFrame, "timeFrame");
        Checks.positive(initialCash, "initialCash");
        Checks.notNull(costs, "costs");
        Checks.notNull(sizing, "sizing");
        Checks.notNull(limits, "limits");
        Checks.positive(expectedMove, "expectedMove");
        Checks.positive(atrPeriod, "atrPeriod");
        if (volatilityWindow < 2) {
            throw new IllegalArgumentException("volatilityWindow must be at least 2 but was " + volatilityWindow);
        }
        Checks.positive(periodsPerYear, "periodsPerYear");
        Checks.positive(trials, "trials");
    }

    /** A builder for {@code instrument} on bars of {@code timeFrame}, every other setting at its default. */
    public static Builder builder(Instrument instrument, TimeFrame timeFrame) {
        return new Builder(Checks.notNull(instrument, "instrument"), Checks.notNull(timeFrame, "timeFrame"));
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(instrument, timeFrame);
        b.initialCash = initialCash;
        b.costs = costs;
        b.sizing = sizing;
        b.limits = limits;
        b.expectedMove = expectedMove;
        b.atrPeriod = atrPeriod;
        b.volatilityWindow = volatilityWindow;
        b.periodsPerYear = periodsPerYear;
        b.trials = trials;
        b.seed = seed;
        b.keepDecisions = keepDecisions;
        return b;
    }

    /** Bars per year for a market open around the clock (365.25 days a year). */
    public static double periodsPerYear(TimeFrame timeFrame) {
        return DAYS_PER_YEAR * TimeFrame.MILLIS_PER_DAY / timeFrame.millis();
    }

    /** Builder of {@link BacktestConfig}; each setter validates its value. Not thread-safe. */
    public static final class Builder {
        private final Instrument instrument;
        private final TimeFrame timeFrame;
        private double initialCash = 100_000;
        private CostModel costs = CostModel.ofBps(2, 1);
        private SizingPolicy sizing = SizingPolicy.of(new SizingMethod.FixedFractional(0.05));
        private RiskLimits limits = RiskLimits.defaults();
        private double expectedMove = 0.001;
        private int atrPeriod = TradingPipeline.DEFAULT_ATR_PERIOD;
        private int volatilityWindow = TradingPipeline.DEFAULT_VOLATILITY_WINDOW;
        private double periodsPerYear = Double.NaN;
        private int trials = 1;
        private long seed = 42;
        private boolean keepDecisions;

        private Builder(Instrument instrument, TimeFrame timeFrame) {
            this.instrument = instrument;
            this.timeFrame = timeFrame;
        }

        /** Starting cash, positive (default 100,000). */
        public Builder initialCash(double value) {
            this.initialCash = Checks.positive(value, "initialCash");
            return this;
        }

        /** Transaction costs (default 2 bps spread, 1 bp commission). */
        public Builder costs(CostModel value) {
            this.costs = Checks.notNull(value, "costs");
            return this;
        }

        /** Position sizing policy (default 5% of equity, minimum edge 20 bps, shorts allowed). */
        public Builder sizing(SizingPolicy value) {
            this.sizing = Checks.notNull(value, "sizing");
            return this;
        }

        /** Pre-trade risk limits (default {@link RiskLimits#defaults()}). */
        public Builder limits(RiskLimits value) {
            this.limits = Checks.notNull(value, "limits");
            return this;
        }

        /** Minimum expected move per trade for sizing, fraction of price (default 0.001). */
        public Builder expectedMove(double value) {
            this.expectedMove = Checks.positive(value, "expectedMove");
            return this;
        }

        /** Bars in the ATR given to the sizer (default 14). */
        public Builder atrPeriod(int bars) {
            this.atrPeriod = Checks.positive(bars, "atrPeriod");
            return this;
        }

        /** One-bar log returns in the sizer's rolling volatility, at least 2 (default 60). */
        public Builder volatilityWindow(int returns) {
            if (returns < 2) {
                throw new IllegalArgumentException("volatilityWindow must be at least 2 but was " + returns);
            }
            this.volatilityWindow = returns;
            return this;
        }

        /** Bars per year for annualised ratios (default {@link BacktestConfig#periodsPerYear(TimeFrame)}). */
        public Builder periodsPerYear(double value) {
            this.periodsPerYear = Checks.positive(value, "periodsPerYear");
            return this;
        }

        /** Configurations tried, for the deflated Sharpe ratio (default 1). */
        public Builder trials(int value) {
            this.trials = Checks.positive(value, "trials");
            return this;
        }

        /** Seed of the paper broker (default 42). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Keep every decision in the result (default false). */
        public Builder keepDecisions(boolean value) {
            this.keepDecisions = value;
            return this;
        }

        /** The configuration. */
        public BacktestConfig build() {
            return new BacktestConfig(instrument, timeFrame, initialCash, costs, sizing, limits, expectedMove, atrPeriod,
                    volatilityWindow, Double.isNaN(periodsPerYear) ? BacktestConfig.periodsPerYear(timeFrame) : periodsPerYear,
                    trials, seed, keepDecisions);
        }
    }
}

package dev.sextant.trading.flink;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.Serial;
import java.io.Serializable;

/**
 * The settings of every account the job trades: bar length, starting cash, costs, fixed-fractional
 * sizing and risk limits, the same settings {@code sextant backtest} takes. Serialisable, because
 * Flink ships them to every task; immutable and thread-safe. Build with {@link #builder(TimeFrame)}.
 */
public final class AccountSettings implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long frameMillis;
    private final double initialCash;
    private final double spreadBps;
    private final double commissionBps;
    private final double fraction;
    private final double minEdgeBps;
    private final boolean allowShort;
    private final long seed;
    private final String limitsJson;

    private AccountSettings(Builder b) {
        this.frameMillis = b.frameMillis;
        this.initialCash = b.initialCash;
        this.spreadBps = b.spreadBps;
        this.commissionBps = b.commissionBps;
        this.fraction = b.fraction;
        this.minEdgeBps = b.minEdgeBps;
        this.allowShort = b.allowShort;
        this.seed = b.seed;
        this.limitsJson = b.limits.toJson();
    }

    /** A builder for accounts trading bars of {@code timeFrame}, every other setting at its default. */
    public static Builder builder(TimeFrame timeFrame) {
        return new Builder(Checks.notNull(timeFrame, "timeFrame").millis());
    }

    /** The bar length every instrument of the job must have. */
    public TimeFrame timeFrame() {
        return TimeFrame.ofMillis(frameMillis);
    }

    /**
     * These settings as the backtest configuration of {@code instrument}: the account stage and the
     * single-process {@link AccountBook} build their paper broker, risk engine and pipeline from it,
     * exactly as the backtester does.
     */
    public BacktestConfig backtestConfig(Instrument instrument) {
        return BacktestConfig.builder(instrument, timeFrame()).initialCash(initialCash)
                .costs(CostModel.ofBps(spreadBps, commissionBps))
                .sizing(new SizingPolicy(new SizingMethod.FixedFractional(fraction), minEdgeBps, allowShort))
                .limits(RiskLimits.fromJson(limitsJson, "account settings")).seed(seed).build();
    }

    /** Builder of {@link AccountSettings}; each setter validates its value. Not thread-safe. */
    public static final class Builder {
        private final long frameMillis;
        private double initialCash = 100_000;
        private double spreadBps = 2;
        private double commissionBps = 1;
        private double fraction = 0.05;
        private double minEdgeBps = SizingPolicy.DEFAULT_MIN_EDGE_BPS;
        private boolean allowShort = true;
        private long seed = 42;
        private RiskLimits limits = RiskLimits.defaults();

        private Builder(long frameMillis) {
            this.frameMillis = frameMillis;
        }

        /** Starting cash of each account, positive (default 100,000). */
        public Builder initialCash(double value) {
            this.initialCash = Checks.positive(value, "initialCash");
            return this;
        }

        /** Spread and commission in basis points, each at least 0 (default 2 and 1). */
        public Builder costsBps(double spread, double commission) {
            this.spreadBps = Checks.nonNegative(spread, "spreadBps");
            this.commissionBps = Checks.nonNegative(commission, "commissionBps");
            return this;
        }

        /** Fraction of equity per position, in (0, 1] (default 0.05). */
        public Builder fraction(double value) {
            this.fraction = Checks.inRange(value, Double.MIN_VALUE, 1, "fraction");
            return this;
        }

        /** Minimum expected edge after costs, basis points, at least 0 (default the SDK's). */
        public Builder minEdgeBps(double value) {
            this.minEdgeBps = Checks.nonNegative(value, "minEdgeBps");
            return this;
        }

        /** Whether short positions are allowed (default true). */
        public Builder allowShort(boolean value) {
            this.allowShort = value;
            return this;
        }

        /** Seed of each account's paper broker (default 42). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Pre-trade risk limits of each account (default {@link RiskLimits#defaults()}). */
        public Builder limits(RiskLimits value) {
            this.limits = Checks.notNull(value, "limits");
            return this;
        }

        /** The settings. */
        public AccountSettings build() {
            return new AccountSettings(this);
        }
    }
}

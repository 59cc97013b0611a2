package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingPolicy;

/**
 * The market and the account of a backtest.
 *
 * @param instrument     the instrument traded
 * @param timeFrame      the bar length
 * @param initialCash    starting cash, positive
 * @param costs          transaction costs (the paper broker charges them; the sizer expects them)
 * @param sizing         position sizing policy
 * @param limits         pre-trade risk limits
 * @param expectedMove   minimum expected move per trade for sizing, fraction of price
 * @param periodsPerYear bars per year, for annualised ratios (525,600 for 1m bars traded 24/7)
 * @param trials         configurations tried (for the deflated Sharpe ratio)
 * @param seed           seed of the paper broker
 * @param keepDecisions  keep every {@link Decision} in the result (memory grows with bars)
 */
public record BacktestConfig(Instrument instrument, TimeFrame timeFrame, double initialCash, CostModel costs,
        SizingPolicy sizing, RiskLimits limits, double expectedMove, double periodsPerYear, int trials, long seed,
        boolean keepDecisions) {

    /** Validates. */
    public BacktestConfig {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(timeFrame, "timeFrame");
        Checks.positive(initialCash, "initialCash");
        Checks.notNull(costs, "costs");
        Checks.notNull(sizing, "sizing");
        Checks.notNull(limits, "limits");
        Checks.positive(expectedMove, "expectedMove");
        Checks.positive(periodsPerYear, "periodsPerYear");
        Checks.positive(trials, "trials");
    }

    /** Bars per year for a market open around the clock. */
    public static double periodsPerYear(TimeFrame timeFrame) {
        return 365.25 * TimeFrame.MILLIS_PER_DAY / timeFrame.millis();
    }
}

package dev.sextant.trading.engine.rl;

import dev.sextant.trading.engine.Decision;

/**
 * What happened in one step, besides the observation and the reward.
 *
 * @param bar        index of the bar the observation was taken at (its close), in the environment's series
 * @param time       that bar's close time, epoch milliseconds
 * @param equity     account equity at that close, quote currency
 * @param position   filled position at that close, signed base units
 * @param fees       fees paid since the episode started, quote currency
 * @param slippage   price slippage against the filling bars' opens since the episode started, quote currency
 * @param notional   notional traded in this step, quote currency
 * @param decision   what the pipeline decided on the action (sent, resized, rejected, hold, ...)
 */
public record StepInfo(int bar, long time, double equity, double position, double fees, double slippage,
        double notional, Decision.Kind decision) {
}

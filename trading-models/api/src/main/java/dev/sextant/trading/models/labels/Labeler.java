package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;

/**
 * Labels bars SELL (0), HOLD (1) or BUY (2) by what their closes did next, with
 * {@link Labels#UNDEFINED} where the rule cannot decide (warm-up of the volatility estimate, too
 * few bars ahead). Implementations are immutable and thread-safe.
 */
public sealed interface Labeler permits FixedHorizonLabeler, TripleBarrierLabeler {

    /**
     * Labels every bar of {@code series} by its closes.
     *
     * @throws IllegalArgumentException if a close is not finite and positive, naming the bar
     */
    default Labels label(BarSeries series) {
        return label(Closes.closes(Checks.notNull(series, "series")));
    }

    /**
     * Labels closes in time order.
     *
     * @param close closes, finite and positive
     * @throws IllegalArgumentException if a close is not finite and positive, naming the bar
     */
    Labels label(double[] close);
}

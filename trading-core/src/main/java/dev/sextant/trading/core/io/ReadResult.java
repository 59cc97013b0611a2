package dev.sextant.trading.core.io;

import dev.sextant.trading.core.BarSeries;
import java.util.List;

/**
 * The outcome of a read: the series and every row that was dropped on the way (empty under
 * {@link ValidationPolicy#STRICT}, which throws instead).
 *
 * @param series  the bars read, strictly increasing in time
 * @param dropped rows dropped by a lenient read, in line order
 */
public record ReadResult(BarSeries series, List<DroppedRow> dropped) {
    /** Copies the list. */
    public ReadResult {
        dropped = List.copyOf(dropped);
    }
}

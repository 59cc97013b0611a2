package dev.sextant.trading.core.io;

/**
 * A row that a {@link ValidationPolicy#LENIENT} read dropped.
 *
 * @param line   1-based line number in the source (the header is line 1)
 * @param reason why it was dropped, as a {@link MarketDataException} would have said it
 */
public record DroppedRow(long line, String reason) {
}

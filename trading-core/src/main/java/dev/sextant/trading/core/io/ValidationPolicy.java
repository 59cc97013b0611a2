package dev.sextant.trading.core.io;

/** What a reader does with rows that break a validation rule. */
public enum ValidationPolicy {
    /**
     * The default: the first bad row stops the read with a {@link MarketDataException} naming the
     * file, line, field and value. Nothing is silently changed.
     */
    STRICT,
    /**
     * Rows are sorted by time, duplicate timestamps keep their first row, and invalid rows are
     * dropped. Every dropped row is reported in {@link ReadResult#dropped()} with its line and
     * reason. Structural errors (missing columns, unreadable file) still throw.
     */
    LENIENT
}

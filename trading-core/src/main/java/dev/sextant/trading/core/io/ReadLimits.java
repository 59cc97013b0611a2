package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Checks;

/**
 * Bounds on what the market-data readers accept from one line of text, so that hostile or broken
 * input (a file of zero bytes with no newline, a 200 MB line, a 10 MB field) ends in a typed
 * {@link MarketDataException} naming the file and line instead of exhausting memory.
 *
 * <p>A reader never holds more than one line in memory (plus its read buffer), so memory use is
 * bounded by {@link #maxLineBytes()} whatever the input.
 *
 * @param maxLineBytes  the longest line accepted, in bytes of UTF-8 without the line ending;
 *                      at least 64
 * @param maxFieldChars the longest field accepted, in characters (surrounding spaces and quotes
 *                      included); at least 16 and at most {@code maxLineBytes}
 */
public record ReadLimits(int maxLineBytes, int maxFieldChars) {
    /** Default longest line: 1 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 1 << 20;
    /** Default longest field: 64 KiB characters. */
    public static final int DEFAULT_MAX_FIELD_CHARS = 1 << 16;
    /** The defaults: lines up to 1 MiB, fields up to 65,536 characters. */
    public static final ReadLimits DEFAULT = new ReadLimits(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_FIELD_CHARS);

    /** Validates the limits. */
    public ReadLimits {
        Checks.inRange(maxLineBytes, 64, Integer.MAX_VALUE - 16, "maxLineBytes");
        Checks.inRange(maxFieldChars, 16, maxLineBytes, "maxFieldChars");
    }

    /** These limits with another longest line (the field limit is lowered to it if larger). */
    public ReadLimits withMaxLineBytes(int bytes) {
        return new ReadLimits(bytes, Math.min(maxFieldChars, bytes));
    }

    /** These limits with another longest field. */
    public ReadLimits withMaxFieldChars(int chars) {
        return new ReadLimits(maxLineBytes, chars);
    }
}

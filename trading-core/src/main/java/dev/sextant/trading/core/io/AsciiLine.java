package dev.sextant.trading.core.io;

import java.nio.charset.StandardCharsets;

/**
 * A line of ASCII bytes seen as characters without decoding it: character {@code i} is byte
 * {@code i}, which is what decoding ASCII gives. The CSV readers parse fields straight from these
 * bytes ({@link NumberGrammar}, {@link Timestamps}) and make a {@code String} only for the text of
 * an error. Mutable and reused line after line by {@link BoundedLineReader}; package-private.
 */
final class AsciiLine implements CharSequence {
    private byte[] bytes;
    private int from;
    private int length;

    void set(byte[] bytes, int from, int length) {
        this.bytes = bytes;
        this.from = from;
        this.length = length;
    }

    /** The array holding the characters; character {@code i} is at {@link #offset()} + i. */
    byte[] bytes() {
        return bytes;
    }

    /** Where character 0 lies in {@link #bytes()}. */
    int offset() {
        return from;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return (char) bytes[from + index];
    }

    @Override
    public String subSequence(int start, int end) {
        return new String(bytes, from + start, end - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return subSequence(0, length);
    }
}

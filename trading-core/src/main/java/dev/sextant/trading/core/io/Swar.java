package dev.sextant.trading.core.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time ("SIMD within a register"): a {@code long} read from the
 * array is tested for a byte value with the classic zero-byte test, {@code (x - 0x01..01) & ~x &
 * 0x80..80}, whose lowest set bit marks exactly the first matching byte (higher bits may be false
 * positives from the borrow, which is why only the lowest is used). The bytes after the last full
 * word are searched one at a time. Results equal those of a plain loop over the bytes; only the
 * speed differs. Package-private; stateless.
 */
final class Swar {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';
    private static final long COMMAS = ONES * ',';
    private static final long DOTS = ONES * '.';

    private Swar() {
    }

    /**
     * The index of the first byte of {@code b[from, to)} that is a line feed, a NUL or above 0x7F
     * (what ends a line scan or needs a look), or {@code to} if there is none.
     */
    static int lineStop(byte[] b, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long w = (long) LONGS.get(b, i);
            long nl = w ^ NEWLINES;
            long found = ((nl - ONES) & ~nl | (w - ONES) & ~w | w) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '\n' || c <= 0) {
                return i;
            }
        }
        return to;
    }

    /** The eight bytes at {@code b[i, i + 8)} as a little-endian {@code long}: byte {@code i} is the lowest. */
    static long word(byte[] b, int i) {
        return (long) LONGS.get(b, i);
    }

    /** Whether all eight bytes of {@code w} are ASCII digits '0' to '9' (the test of simdjson and FastDoubleParser). */
    static boolean eightDigits(long w) {
        return (((w + 0x4646464646464646L) | (w - 0x3030303030303030L)) & HIGHS) == 0;
    }

    /**
     * The value of eight ASCII digits {@code w} (as {@link #word} reads them, the first digit the
     * most significant), by three multiplications that each combine neighbouring digit groups.
     */
    static long eightDigitsValue(long w) {
        long v = ((w & 0x0F0F0F0F0F0F0F0FL) * 2561) >>> 8;
        v = ((v & 0x00FF00FF00FF00FFL) * 6553601) >>> 16;
        return ((v & 0x0000FFFF0000FFFFL) * 42949672960001L) >>> 32;
    }

    /** The index of the first comma in {@code b[from, to)}, or {@code to} if there is none. */
    static int comma(byte[] b, int from, int to) {
        return find(b, from, to, (byte) ',', COMMAS);
    }

    /** The index of the first full stop in {@code b[from, to)}, or {@code to} if there is none. */
    static int dot(byte[] b, int from, int to) {
        return find(b, from, to, (byte) '.', DOTS);
    }

    /** The index of the first byte {@code value} in {@code b[from, to)}, or {@code to}; {@code pattern} is {@code value} in every byte. */
    private static int find(byte[] b, int from, int to, byte value, long pattern) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return to;
    }
}

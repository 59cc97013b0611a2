package dev.sextant.trading.features.indicators;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Streaming rolling maximum or minimum over a fixed window with a monotonic deque held in
 * preallocated arrays: amortised O(1) per value (worst case O(period) for one value), no
 * allocation. The batch counterpart {@link #batch} uses the van Herk / Gil-Werman block
 * method (a running extreme forwards and backwards within blocks of {@code period}): O(1) per
 * value whatever the period; extremes are exact, so it equals the streaming result exactly.
 */
final class RollingExtreme {
    private final int period;
    private final boolean max;
    private final double[] values;
    private final long[] indices;
    private int head;
    private int size;
    private long next;

    RollingExtreme(int period, boolean max) {
        this.period = period;
        this.max = max;
        this.values = new double[period];
        this.indices = new long[period];
    }

    /** Writes the deque (head, size, next index, values and their indices) exactly. */
    void writeState(DataOutput out) throws IOException {
        out.writeInt(head);
        out.writeInt(size);
        out.writeLong(next);
        IndicatorCore.writeDoubles(out, values);
        for (long v : indices) {
            out.writeLong(v);
        }
    }

    /** Replaces the state with one written by {@link #writeState}; {@code owner} names the indicator in errors. */
    void readState(DataInput in, String owner) throws IOException {
        head = IndicatorCore.checkIndex(in.readInt(), period, owner, "window head");
        size = IndicatorCore.checkIndex(in.readInt(), period + 1, owner, "window size");
        next = in.readLong();
        IndicatorCore.readDoubles(in, values);
        for (int i = 0; i < period; i++) {
            indices[i] = in.readLong();
        }
    }

    /** Adds a value and returns the extreme of the window ending with it. */
    double push(double x) {
        long idx = next++;
        if (size > 0 && indices[head] <= idx - period) {
            head = head + 1 == period ? 0 : head + 1;
            size--;
        }
        while (size > 0) {
            int back = head + size - 1;
            if (back >= period) {
                back -= period;
            }
            if (max ? values[back] <= x : values[back] >= x) {
                size--;
            } else {
                break;
            }
        }
        int slot = head + size;
        if (slot >= period) {
            slot -= period;
        }
        values[slot] = x;
        indices[slot] = idx;
        size++;
        return values[head];
    }

    void clear() {
        head = 0;
        size = 0;
        next = 0;
    }

    /**
     * Batch: {@code out[i]} = extreme of {@code in[i - period + 1 .. i]} for
     * {@code i in [from + period - 1, to)}; other entries are left untouched.
     */
    static void batch(double[] in, int from, int to, int period, boolean max, double[] out) {
        int n = to - from;
        if (n < period) {
            return;
        }
        // Block by block: a window ending at j starts in the previous block (or is exactly this
        // block), so only the previous block's backward extremes are kept: O(period) memory.
        double[] prevBwd = new double[period];
        for (int b = 0; b < n; b += period) {
            int end = Math.min(b + period, n);
            double e = in[from + b];
            for (int j = b; j < end; j++) {
                double v = in[from + j];
                e = j == b ? v : max ? (v > e ? v : e) : (v < e ? v : e);
                if (j >= period - 1) {
                    if (j == b + period - 1) {
                        out[from + j] = e;
                    } else {
                        double a = prevBwd[j + 1 - b];
                        out[from + j] = max ? (a > e ? a : e) : (a < e ? a : e);
                    }
                }
            }
            double r = in[from + end - 1];
            prevBwd[end - 1 - b] = r;
            for (int j = end - 2; j >= b; j--) {
                double v = in[from + j];
                r = max ? (v > r ? v : r) : (v < r ? v : r);
                prevBwd[j - b] = r;
            }
        }
    }

    /**
     * Batch highest high and lowest low of each full window of {@code period} bars, in one pass
     * and without scratch memory: the index of each extreme is kept, and the window is rescanned
     * only when that index leaves it (O(period) then, O(1) otherwise; a few operations per bar on
     * price series). Writes {@code hh[i]} and {@code ll[i]} for {@code i} in
     * {@code [period - 1, n)} and nothing else; extremes are exact, so the values equal
     * {@link #batch}'s and the streaming deque's.
     */
    static void highestLowest(double[] high, double[] low, int n, int period, double[] hh, double[] ll) {
        if (n < period) {
            return;
        }
        int maxAt = argExtreme(high, 0, period - 1, true);
        int minAt = argExtreme(low, 0, period - 1, false);
        double max = high[maxAt];
        double min = low[minAt];
        hh[period - 1] = max;
        ll[period - 1] = min;
        for (int i = period; i < n; i++) {
            int trail = i - period + 1;
            double h = high[i];
            if (maxAt < trail) {
                maxAt = argExtreme(high, trail, i, true);
                max = high[maxAt];
            } else if (h >= max) {
                maxAt = i;
                max = h;
            }
            double l = low[i];
            if (minAt < trail) {
                minAt = argExtreme(low, trail, i, false);
                min = low[minAt];
            } else if (l <= min) {
                minAt = i;
                min = l;
            }
            hh[i] = max;
            ll[i] = min;
        }
    }

    /** The index of the extreme of {@code in[from .. to]} (inclusive), the latest on ties. */
    private static int argExtreme(double[] in, int from, int to, boolean max) {
        int at = from;
        double e = in[from];
        for (int j = from + 1; j <= to; j++) {
            double v = in[j];
            if (max ? v >= e : v <= e) {
                e = v;
                at = j;
            }
        }
        return at;
    }

    /** The extreme of {@code in[i - period + 1 .. i]} (a plain scan, for single windows). */
    static double scan(double[] in, int i, int period, boolean max) {
        double e = in[i];
        for (int j = i - period + 1; j < i; j++) {
            double v = in[j];
            if (max ? v > e : v < e) {
                e = v;
            }
        }
        return e;
    }
}

package dev.sextant.trading.features.indicators;

/**
 * Streaming rolling maximum or minimum over a fixed window with a monotonic deque held in
 * preallocated arrays: amortised O(1) per value (worst case O(period) for one value), no
 * allocation. The batch counterpart {@link #scan} is a plain window scan.
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

    /** The extreme of {@code in[i - period + 1 .. i]}. */
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

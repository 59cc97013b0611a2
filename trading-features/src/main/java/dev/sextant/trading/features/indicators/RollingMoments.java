package dev.sextant.trading.features.indicators;

/**
 * Rolling mean and population variance over a fixed window with Welford's recurrence (add, or
 * replace the oldest value), O(1) per value. To stop rounding from accumulating over long series
 * (it shows when the variance is tiny against the price level), the mean and the sum of squared
 * deviations are recomputed exactly, by two passes over the window in time order, every
 * {@code period} values: amortised O(1), at most O(period) for one value. A window whose values
 * are all equal is detected by the length of the run of equal values and yields exactly mean =
 * that value and variance 0. The batch method performs the same arithmetic in the same order.
 */
final class RollingMoments {
    private final int period;
    private final double[] ring;
    private int pos;
    private long count;
    private int untilExact;
    private long run;
    private double last = Double.NaN;
    private double mean;
    private double m2;

    RollingMoments(int period) {
        this.period = period;
        this.ring = new double[period];
    }

    void push(double x) {
        long k = count++;
        double old = ring[pos];
        ring[pos] = x;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (k == 0) {
            untilExact = period - 1;
        }
        boolean exact = untilExact == 0;
        untilExact = exact ? period - 1 : untilExact - 1;
        if (exact) {
            // pos is the oldest value now: an exact two-pass recomputation in time order.
            double s = 0;
            for (int j = 0, r = pos; j < period; j++, r = r + 1 == period ? 0 : r + 1) {
                s += ring[r];
            }
            double mu = s / period;
            double q = 0;
            for (int j = 0, r = pos; j < period; j++, r = r + 1 == period ? 0 : r + 1) {
                double d = ring[r] - mu;
                q += d * d;
            }
            mean = mu;
            m2 = q;
        } else if (k < period) {
            double delta = x - mean;
            mean += delta / (k + 1);
            m2 += delta * (x - mean);
        } else {
            double next = mean + (x - old) / period;
            m2 += (x - old) * (x - next + old - mean);
            mean = next;
        }
        run = x == last ? run + 1 : 1;
        last = x;
        if (run >= period) {
            mean = x;
            m2 = 0;
        }
    }

    double mean() {
        return mean;
    }

    double stdDev() {
        return m2 > 0 ? Math.sqrt(m2 / period) : 0.0;
    }

    void clear() {
        untilExact = 0;
        pos = 0;
        count = 0;
        run = 0;
        last = Double.NaN;
        mean = 0;
        m2 = 0;
    }

    /** Batch: mean and population standard deviation of each full window of {@code in[from, to)}. */
    static void meanStd(double[] in, int from, int to, int period, double[] meanOut, double[] stdOut) {
        double mean = 0;
        double m2 = 0;
        long run = 0;
        double last = Double.NaN;
        int untilExact = period - 1;
        for (int i = from; i < to; i++) {
            double x = in[i];
            int k = i - from;
            if (untilExact == 0) {
                untilExact = period;
                double s = 0;
                for (int j = i - period + 1; j <= i; j++) {
                    s += in[j];
                }
                double mu = s / period;
                double q = 0;
                for (int j = i - period + 1; j <= i; j++) {
                    double d = in[j] - mu;
                    q += d * d;
                }
                mean = mu;
                m2 = q;
            } else if (k < period) {
                double delta = x - mean;
                mean += delta / (k + 1);
                m2 += delta * (x - mean);
            } else {
                double old = in[i - period];
                double next = mean + (x - old) / period;
                m2 += (x - old) * (x - next + old - mean);
                mean = next;
            }
            run = x == last ? run + 1 : 1;
            last = x;
            if (run >= period) {
                mean = x;
                m2 = 0;
            }
            untilExact--;
            if (k >= period - 1) {
                meanOut[i] = mean;
                stdOut[i] = m2 > 0 ? Math.sqrt(m2 / period) : 0.0;
            }
        }
    }

    /** A compact decimal for names: {@code 2.0 -> "2"}, {@code 2.5 -> "2.5"}. */
    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

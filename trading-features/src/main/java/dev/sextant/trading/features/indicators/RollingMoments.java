package dev.sextant.trading.features.indicators;

/**
 * Rolling mean and population variance over a fixed window with Welford's recurrence (add, or
 * replace the oldest value). A window whose values are all equal is detected exactly by the
 * length of the run of equal values and yields mean = that value and variance 0, which also
 * removes accumulated rounding. The batch method performs the same arithmetic in the same order.
 */
final class RollingMoments {
    private final int period;
    private final double[] ring;
    private int pos;
    private int count;
    private long run;
    private double last = Double.NaN;
    private double mean;
    private double m2;

    RollingMoments(int period) {
        this.period = period;
        this.ring = new double[period];
    }

    void push(double x) {
        if (count < period) {
            count++;
            double delta = x - mean;
            mean += delta / count;
            m2 += delta * (x - mean);
        } else {
            double old = ring[pos];
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
        ring[pos] = x;
        pos = pos + 1 == period ? 0 : pos + 1;
    }

    double mean() {
        return mean;
    }

    double stdDev() {
        return m2 > 0 ? Math.sqrt(m2 / period) : 0.0;
    }

    void clear() {
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
        for (int i = from; i < to; i++) {
            double x = in[i];
            int k = i - from;
            if (k < period) {
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

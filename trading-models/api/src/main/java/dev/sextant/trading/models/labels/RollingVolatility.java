package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.BarSeries;

/** Close-price checks and the trailing standard deviation of one-bar log returns used by the labelers. */
final class RollingVolatility {

    private RollingVolatility() {
    }

    /** Closes of a series, checked finite and positive. */
    static double[] closes(BarSeries series) {
        double[] close = new double[series.size()];
        for (int i = 0; i < close.length; i++) {
            close[i] = series.close(i);
        }
        return close;
    }

    /**
     * Checks every close is finite and positive.
     *
     * @throws IllegalArgumentException naming the first bad index and value
     */
    static void check(double[] close) {
        for (int i = 0; i < close.length; i++) {
            if (!(close[i] > 0) || !Double.isFinite(close[i])) {
                throw new IllegalArgumentException("close at bar " + i + " must be finite and positive but was " + close[i]);
            }
        }
    }

    /**
     * The sample standard deviation of the {@code window} one-bar log returns ending at bar i
     * (returns {@code ln(c[j] / c[j-1])} for j in {@code [i - window + 1, i]}); NaN for
     * {@code i < window}. Uses only closes up to bar i.
     */
    static double[] of(double[] close, int window) {
        int n = close.length;
        double[] vol = new double[n];
        java.util.Arrays.fill(vol, Double.NaN);
        double[] r = new double[n];
        for (int i = 1; i < n; i++) {
            r[i] = Math.log(close[i] / close[i - 1]);
        }
        // Two passes per bar instead of running sums: exact for tiny or constant returns, and
        // O(n * window) is cheap next to training.
        for (int i = window; i < n; i++) {
            double mean = 0;
            for (int j = i - window + 1; j <= i; j++) {
                mean += r[j];
            }
            mean /= window;
            double ss = 0;
            for (int j = i - window + 1; j <= i; j++) {
                double d = r[j] - mean;
                ss += d * d;
            }
            vol[i] = Math.sqrt(ss / (window - 1));
        }
        return vol;
    }
}

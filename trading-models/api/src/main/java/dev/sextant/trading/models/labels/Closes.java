package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.BarSeries;

/** The close prices the labelers work on, and their check. */
final class Closes {

    private Closes() {
    }

    /** Closes of a series, oldest first; {@link #check} checks them. */
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
}

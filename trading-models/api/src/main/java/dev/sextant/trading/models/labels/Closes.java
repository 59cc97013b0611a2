package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.RollingVolatility;
import java.util.Arrays;

/** The close prices the labelers work on, their check, and what every labeler starts from. */
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

    /**
     * Checks {@code close} and returns its {@link RollingVolatility} over {@code window} returns:
     * the common start of every labeler.
     *
     * @throws IllegalArgumentException naming the first bad close
     */
    static double[] checkedVolatility(double[] close, int window) {
        Checks.notNull(close, "close");
        check(close);
        return RollingVolatility.of(close, window);
    }

    /** An array of {@code n} entries, all {@link Labels#UNDEFINED}. */
    static int[] undefined(int n) {
        int[] a = new int[n];
        Arrays.fill(a, Labels.UNDEFINED);
        return a;
    }
}

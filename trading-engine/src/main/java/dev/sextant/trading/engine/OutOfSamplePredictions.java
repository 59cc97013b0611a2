package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.models.validation.ClassificationMetrics;

/**
 * Every out-of-sample prediction of a walk-forward, one row per test bar, in time order.
 *
 * @param barIndex       index of the bar in the evaluated series
 * @param time           the bar's open time (epoch ms); the prediction is made at its close
 * @param fold           the fold that predicted the row
 * @param raw            {@code 3n} probabilities of the uncalibrated ensemble (SELL, HOLD, BUY)
 * @param calibrated     {@code 3n} calibrated probabilities, the ones traded on
 * @param labels         realised class per row, or -1 where the horizon runs past the data
 * @param forwardReturn  realised log return over the label horizon, NaN where undefined
 * @param prior          {@code 3n} class frequencies of the row's fold's training labels
 */
public record OutOfSamplePredictions(int[] barIndex, long[] time, int[] fold, double[] raw, double[] calibrated,
        int[] labels, double[] forwardReturn, double[] prior) {

    /** Checks the array lengths agree. */
    public OutOfSamplePredictions {
        int n = Checks.notNull(barIndex, "barIndex").length;
        if (time.length != n || fold.length != n || labels.length != n || forwardReturn.length != n
                || raw.length != 3 * n || calibrated.length != 3 * n || prior.length != 3 * n) {
            throw new IllegalArgumentException("arrays of out-of-sample predictions disagree in length");
        }
    }

    /** Number of predictions. */
    public int size() {
        return barIndex.length;
    }

    /** The traded direction of row {@code i}: the most probable calibrated class. */
    public Direction direction(int i) {
        double s = calibrated[3 * i];
        double h = calibrated[3 * i + 1];
        double b = calibrated[3 * i + 2];
        if (h >= s && h >= b) {
            return Direction.HOLD;
        }
        return s >= b ? Direction.SELL : Direction.BUY;
    }

    /** Rows with a realised label. */
    public int labelledCount() {
        int c = 0;
        for (int l : labels) {
            if (l >= 0) {
                c++;
            }
        }
        return c;
    }

    private ClassificationMetrics metricsOf(double[] probabilities) {
        int m = labelledCount();
        double[] p = new double[3 * m];
        int[] y = new int[m];
        int k = 0;
        for (int i = 0; i < size(); i++) {
            if (labels[i] >= 0) {
                System.arraycopy(probabilities, 3 * i, p, 3 * k, 3);
                y[k++] = labels[i];
            }
        }
        return ClassificationMetrics.of(p, y);
    }

    /** Accuracy, log loss, Brier and ECE of the calibrated probabilities on labelled rows. */
    public ClassificationMetrics calibratedMetrics() {
        return metricsOf(calibrated);
    }

    /** The same metrics of the raw (uncalibrated) probabilities. */
    public ClassificationMetrics rawMetrics() {
        return metricsOf(raw);
    }

    /** Log loss of predicting each row's fold training class frequencies, on labelled rows. */
    public double priorLogLoss() {
        double sum = 0;
        int m = 0;
        for (int i = 0; i < size(); i++) {
            if (labels[i] >= 0) {
                sum -= Math.log(Math.max(prior[3 * i + labels[i]], 1e-15));
                m++;
            }
        }
        return m == 0 ? Double.NaN : sum / m;
    }

    /** Number of BUY or SELL predictions with a defined forward return. */
    public int directionalCount() {
        int c = 0;
        for (int i = 0; i < size(); i++) {
            if (direction(i) != Direction.HOLD && !Double.isNaN(forwardReturn[i])) {
                c++;
            }
        }
        return c;
    }

    /**
     * Share of BUY/SELL predictions whose sign matches the realised forward return's sign; a zero
     * return matches neither (it counts as a miss). NaN with no such prediction.
     */
    public double directionalAccuracy() {
        int hits = 0;
        int c = 0;
        for (int i = 0; i < size(); i++) {
            Direction d = direction(i);
            if (d == Direction.HOLD || Double.isNaN(forwardReturn[i])) {
                continue;
            }
            c++;
            if (Math.signum(forwardReturn[i]) == d.sign()) {
                hits++;
            }
        }
        return c == 0 ? Double.NaN : hits / (double) c;
    }
}

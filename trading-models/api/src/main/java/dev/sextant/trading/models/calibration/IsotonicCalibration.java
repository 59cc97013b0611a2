package dev.sextant.trading.models.calibration;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.validation.LabelledPredictions;
import java.util.Arrays;

/**
 * Isotonic regression, one versus rest: for each class a non-decreasing, piecewise-linear map from
 * the model's probability of that class to the observed frequency of the class, fitted with the
 * pool-adjacent-violators algorithm; the three mapped values are floored at {@value #FLOOR} and
 * normalised to sum to 1.
 *
 * <p>The map of a class is given by knots {@code (x_k, y_k)} with {@code x} and {@code y}
 * non-decreasing; between knots it interpolates linearly, outside them it is constant. Isotonic
 * calibration is flexible and needs more held-out rows than temperature or Platt scaling (a few
 * hundred per class at least) to avoid over-fitting.
 *
 * <p>Immutable and thread-safe.
 */
public final class IsotonicCalibration implements Calibrator {

    /** Lower bound on each mapped probability before normalising, so no class gets exactly 0. */
    public static final double FLOOR = 1e-6;

    private final double[][] xs;
    private final double[][] ys;
    private final FitWindow fittedOn;

    /**
     * A calibrator with known knots (for example read from a bundle).
     *
     * @param xs       per class SELL, HOLD, BUY, the knot positions: non-empty, non-decreasing, in [0, 1]
     * @param ys       per class the knot values, same lengths, non-decreasing, in [0, 1]
     * @param fittedOn the window it was fitted on
     */
    public IsotonicCalibration(double[][] xs, double[][] ys, FitWindow fittedOn) {
        Checks.notNull(xs, "xs");
        Checks.notNull(ys, "ys");
        if (xs.length != 3 || ys.length != 3) {
            throw new IllegalArgumentException("xs and ys must have one knot list per class (3) but had "
                    + xs.length + " and " + ys.length);
        }
        this.xs = new double[3][];
        this.ys = new double[3][];
        for (int c = 0; c < 3; c++) {
            this.xs[c] = knots(xs[c], "xs[" + c + "]");
            this.ys[c] = knots(ys[c], "ys[" + c + "]");
            if (this.xs[c].length != this.ys[c].length) {
                throw new IllegalArgumentException("xs[" + c + "] and ys[" + c + "] must have the same length but had "
                        + this.xs[c].length + " and " + this.ys[c].length);
            }
        }
        this.fittedOn = Checks.notNull(fittedOn, "fittedOn");
    }

    /**
     * Fits one isotonic map per class on held-out predictions.
     *
     * @param heldOut predictions of rows the model was not trained on
     */
    public static IsotonicCalibration fit(LabelledPredictions heldOut) {
        Checks.notNull(heldOut, "heldOut");
        int n = heldOut.size();
        double[][] xs = new double[3][];
        double[][] ys = new double[3][];
        Integer[] order = new Integer[n];
        for (int c = 0; c < 3; c++) {
            final int cls = c;
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (i, j) -> Double.compare(heldOut.probability(i, cls), heldOut.probability(j, cls)));
            double[] x = new double[n];
            double[] y = new double[n];
            for (int k = 0; k < n; k++) {
                x[k] = heldOut.probability(order[k], cls);
                y[k] = heldOut.label(order[k]) == cls ? 1 : 0;
            }
            double[][] knots = poolAdjacentViolators(x, y);
            xs[c] = knots[0];
            ys[c] = knots[1];
        }
        return new IsotonicCalibration(xs, ys, new FitWindow(heldOut.firstKey(), heldOut.lastKey(), n));
    }

    /**
     * Pool adjacent violators on points sorted by x, with equal x pooled first so the fit is a
     * function of x. Returns knots: each block contributes its first and last x at its mean y.
     */
    static double[][] poolAdjacentViolators(double[] x, double[] y) {
        int n = x.length;
        double[] blockSum = new double[n];
        int[] blockCount = new int[n];
        double[] blockLo = new double[n];
        double[] blockHi = new double[n];
        int blocks = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            double sum = 0;
            while (j < n && x[j] == x[i]) {
                sum += y[j];
                j++;
            }
            blockSum[blocks] = sum;
            blockCount[blocks] = j - i;
            blockLo[blocks] = x[i];
            blockHi[blocks] = x[i];
            blocks++;
            while (blocks > 1 && blockSum[blocks - 2] / blockCount[blocks - 2] >= blockSum[blocks - 1] / blockCount[blocks - 1]) {
                blockSum[blocks - 2] += blockSum[blocks - 1];
                blockCount[blocks - 2] += blockCount[blocks - 1];
                blockHi[blocks - 2] = blockHi[blocks - 1];
                blocks--;
            }
            i = j;
        }
        int knots = 0;
        double[] kx = new double[2 * blocks];
        double[] ky = new double[2 * blocks];
        for (int b = 0; b < blocks; b++) {
            double v = blockSum[b] / blockCount[b];
            kx[knots] = blockLo[b];
            ky[knots++] = v;
            if (blockHi[b] > blockLo[b]) {
                kx[knots] = blockHi[b];
                ky[knots++] = v;
            }
        }
        return new double[][] {Arrays.copyOf(kx, knots), Arrays.copyOf(ky, knots)};
    }

    /** Evaluates the piecewise-linear map given by knots at {@code v}. */
    static double interpolate(double[] x, double[] y, double v) {
        if (v <= x[0]) {
            return y[0];
        }
        int last = x.length - 1;
        if (v >= x[last]) {
            return y[last];
        }
        int lo = 0;
        int hi = last;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (x[mid] <= v) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double span = x[hi] - x[lo];
        if (span == 0) {
            return y[hi];
        }
        return y[lo] + (y[hi] - y[lo]) * (v - x[lo]) / span;
    }

    /** The knot positions of class {@code c} (a copy). */
    public double[] knotsX(int c) {
        return xs[Checks.inRange(c, 0, 2, "class")].clone();
    }

    /** The knot values of class {@code c} (a copy). */
    public double[] knotsY(int c) {
        return ys[Checks.inRange(c, 0, 2, "class")].clone();
    }

    @Override
    public String method() {
        return "isotonic";
    }

    @Override
    public FitWindow fittedOn() {
        return fittedOn;
    }

    @Override
    public void calibrate(double[] in, int inOffset, double[] out, int outOffset) {
        double q0 = Math.max(FLOOR, interpolate(xs[0], ys[0], in[inOffset]));
        double q1 = Math.max(FLOOR, interpolate(xs[1], ys[1], in[inOffset + 1]));
        double q2 = Math.max(FLOOR, interpolate(xs[2], ys[2], in[inOffset + 2]));
        double sum = q0 + q1 + q2;
        out[outOffset] = q0 / sum;
        out[outOffset + 1] = q1 / sum;
        out[outOffset + 2] = q2 / sum;
    }

    @Override
    public String toString() {
        return "IsotonicCalibration[knots=" + xs[0].length + "/" + xs[1].length + "/" + xs[2].length
                + ", fittedOn=" + fittedOn + "]";
    }

    private static double[] knots(double[] v, String name) {
        Checks.notNull(v, name);
        Checks.positive(v.length, name + ".length");
        for (int k = 0; k < v.length; k++) {
            Checks.inRange(v[k], 0, 1, name + "[" + k + "]");
            if (k > 0 && v[k] < v[k - 1]) {
                throw new IllegalArgumentException(name + " must be non-decreasing but " + name + "[" + k + "]="
                        + v[k] + " < " + v[k - 1]);
            }
        }
        return v.clone();
    }
}

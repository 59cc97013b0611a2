package dev.sextant.trading.models.calibration;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.validation.LabelledPredictions;

/**
 * Platt scaling, one versus rest: for each class {@code c} a sigmoid
 * {@code q_c = 1 / (1 + exp(-(a_c * s_c + b_c)))} of the score {@code s_c = ln(p_c / (1 - p_c))}
 * (probabilities clipped to [1e-15, 1 - 1e-15]), then the three {@code q_c} are normalised to sum
 * to 1.
 *
 * <p>{@link #fit} follows Platt (1999) with the numerically robust Newton iteration of Lin, Lin
 * and Weng (2007), including Platt's smoothed targets {@code (N+ + 1) / (N+ + 2)} and
 * {@code 1 / (N- + 2)}, which keep a class with few rows from being fitted to 0 or 1.
 *
 * <p>Immutable and thread-safe.
 */
public final class PlattScaling implements Calibrator {

    private static final double EPS = 1e-15;
    private static final double FLOOR = 1e-12;

    private final double[] slopes;
    private final double[] intercepts;
    private final FitWindow fittedOn;

    /**
     * A calibrator with known parameters (for example read from a bundle).
     *
     * @param slopes     three finite slopes {@code a_c}, SELL, HOLD, BUY
     * @param intercepts three finite intercepts {@code b_c}
     * @param fittedOn   the window it was fitted on
     */
    public PlattScaling(double[] slopes, double[] intercepts, FitWindow fittedOn) {
        this.slopes = three(slopes, "slopes");
        this.intercepts = three(intercepts, "intercepts");
        this.fittedOn = Checks.notNull(fittedOn, "fittedOn");
    }

    /**
     * Fits one sigmoid per class on held-out predictions.
     *
     * @param heldOut predictions of rows the model was not trained on
     */
    public static PlattScaling fit(LabelledPredictions heldOut) {
        Checks.notNull(heldOut, "heldOut");
        int n = heldOut.size();
        double[] a = new double[3];
        double[] b = new double[3];
        double[] s = new double[n];
        boolean[] positive = new boolean[n];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                s[i] = score(heldOut.probability(i, c));
                positive[i] = heldOut.label(i) == c;
            }
            double[] ab = fitSigmoid(s, positive);
            a[c] = ab[0];
            b[c] = ab[1];
        }
        return new PlattScaling(a, b, new FitWindow(heldOut.firstKey(), heldOut.lastKey(), n));
    }

    static double score(double p) {
        double q = Math.min(Math.max(p, EPS), 1 - EPS);
        return Math.log(q / (1 - q));
    }

    /**
     * Newton's method with backtracking for {@code min sum -[t ln q + (1 - t) ln(1 - q)]},
     * {@code q = sigmoid(a s + b)}, as in Lin, Lin and Weng (2007), with their parametrisation
     * {@code 1 / (1 + exp(A s + B))} mapped to {@code a = -A, b = -B}.
     */
    static double[] fitSigmoid(double[] s, boolean[] positive) {
        int n = s.length;
        int prior1 = 0;
        for (boolean p : positive) {
            if (p) {
                prior1++;
            }
        }
        int prior0 = n - prior1;
        double hiTarget = (prior1 + 1.0) / (prior1 + 2.0);
        double loTarget = 1 / (prior0 + 2.0);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = positive[i] ? hiTarget : loTarget;
        }
        double bigA = 0;
        double bigB = Math.log((prior0 + 1.0) / (prior1 + 1.0));
        double fval = objective(s, t, bigA, bigB);
        final double sigma = 1e-12;
        for (int it = 0; it < 100; it++) {
            double h11 = sigma;
            double h22 = sigma;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++) {
                double fApB = s[i] * bigA + bigB;
                double p;
                double q;
                if (fApB >= 0) {
                    p = Math.exp(-fApB) / (1 + Math.exp(-fApB));
                    q = 1 / (1 + Math.exp(-fApB));
                } else {
                    p = 1 / (1 + Math.exp(fApB));
                    q = Math.exp(fApB) / (1 + Math.exp(fApB));
                }
                double d2 = p * q;
                h11 += s[i] * s[i] * d2;
                h22 += d2;
                h21 += s[i] * d2;
                double d1 = t[i] - p;
                g1 += s[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double dA = -(h22 * g1 - h21 * g2) / det;
            double dB = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * dA + g2 * dB;
            double step = 1;
            boolean improved = false;
            while (step >= 1e-10) {
                double newA = bigA + step * dA;
                double newB = bigB + step * dB;
                double newF = objective(s, t, newA, newB);
                if (newF < fval + 1e-4 * step * gd) {
                    bigA = newA;
                    bigB = newB;
                    fval = newF;
                    improved = true;
                    break;
                }
                step /= 2;
            }
            if (!improved) {
                break;
            }
        }
        return new double[] {-bigA, -bigB};
    }

    private static double objective(double[] s, double[] t, double bigA, double bigB) {
        double f = 0;
        for (int i = 0; i < s.length; i++) {
            double fApB = s[i] * bigA + bigB;
            if (fApB >= 0) {
                f += t[i] * fApB + Math.log1p(Math.exp(-fApB));
            } else {
                f += (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
            }
        }
        return f;
    }

    /** The per-class slopes {@code a_c} (a copy). */
    public double[] slopes() {
        return slopes.clone();
    }

    /** The per-class intercepts {@code b_c} (a copy). */
    public double[] intercepts() {
        return intercepts.clone();
    }

    @Override
    public String method() {
        return "platt";
    }

    @Override
    public FitWindow fittedOn() {
        return fittedOn;
    }

    @Override
    public void calibrate(double[] in, int inOffset, double[] out, int outOffset) {
        double q0 = sigmoid(slopes[0] * score(in[inOffset]) + intercepts[0]);
        double q1 = sigmoid(slopes[1] * score(in[inOffset + 1]) + intercepts[1]);
        double q2 = sigmoid(slopes[2] * score(in[inOffset + 2]) + intercepts[2]);
        double sum = q0 + q1 + q2;
        out[outOffset] = q0 / sum;
        out[outOffset + 1] = q1 / sum;
        out[outOffset + 2] = q2 / sum;
    }

    /** A sigmoid that never returns exactly 0, so that the normalising sum is positive. */
    private static double sigmoid(double x) {
        double q = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
        return Math.max(q, FLOOR);
    }

    @Override
    public String toString() {
        return "PlattScaling[a=" + java.util.Arrays.toString(slopes) + ", b=" + java.util.Arrays.toString(intercepts)
                + ", fittedOn=" + fittedOn + "]";
    }

    private static double[] three(double[] v, String name) {
        Checks.notNull(v, name);
        if (v.length != 3) {
            throw new IllegalArgumentException(name + " must have 3 values (SELL, HOLD, BUY) but had " + v.length);
        }
        for (int c = 0; c < 3; c++) {
            Checks.finite(v[c], name + "[" + c + "]");
        }
        return v.clone();
    }
}

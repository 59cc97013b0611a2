package dev.sextant.trading.models.calibration;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Softmax;
import dev.sextant.trading.models.validation.LabelledPredictions;

/**
 * Temperature scaling (Guo et al. 2017): divides the logits by one temperature {@code T} and
 * applies softmax again. {@code T > 1} softens an over-confident model, {@code T < 1} sharpens an
 * under-confident one; the ranking of classes never changes, so accuracy is unchanged.
 *
 * <p>Logits are taken as {@code ln p} (probabilities clipped at 1e-15): softmax is invariant to a
 * shift, so {@code softmax(ln p / T)} equals softmax of the model's own logits divided by T.
 * {@link #fit} chooses T minimising the negative log-likelihood of the held-out rows, searching
 * {@code 1/T} in [0.01, 100] by golden-section search (the NLL is convex in {@code 1/T}).
 *
 * <p>Immutable and thread-safe.
 */
public final class TemperatureScaling implements Calibrator {

    /** Smallest probability used when taking logarithms. */
    static final double EPS = 1e-15;
    private static final double MIN_LOG_BETA = Math.log(0.01);
    private static final double MAX_LOG_BETA = Math.log(100);

    private final double temperature;
    private final FitWindow fittedOn;

    /**
     * A calibrator with a known temperature (for example read from a bundle).
     *
     * @param temperature positive and finite
     * @param fittedOn    the window it was fitted on
     */
    public TemperatureScaling(double temperature, FitWindow fittedOn) {
        this.temperature = Checks.positive(temperature, "temperature");
        this.fittedOn = Checks.notNull(fittedOn, "fittedOn");
    }

    /**
     * Fits the temperature on held-out predictions.
     *
     * @param heldOut predictions of rows the model was not trained on
     * @return the fitted calibrator, {@link #fittedOn()} covering the keys of {@code heldOut}
     */
    public static TemperatureScaling fit(LabelledPredictions heldOut) {
        Checks.notNull(heldOut, "heldOut");
        int n = heldOut.size();
        double[] z = new double[3 * n];
        int[] y = heldOut.labels();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                z[3 * i + c] = Math.log(Math.max(heldOut.probability(i, c), EPS));
            }
        }
        // Golden-section search on u = ln(1/T); nll(exp(u)) is unimodal because nll(beta) is convex.
        final double phi = (Math.sqrt(5) - 1) / 2;
        double a = MIN_LOG_BETA;
        double b = MAX_LOG_BETA;
        double c = b - phi * (b - a);
        double d = a + phi * (b - a);
        double fc = nll(z, y, Math.exp(c));
        double fd = nll(z, y, Math.exp(d));
        for (int it = 0; it < 200 && b - a > 1e-10; it++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - phi * (b - a);
                fc = nll(z, y, Math.exp(c));
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + phi * (b - a);
                fd = nll(z, y, Math.exp(d));
            }
        }
        double beta = Math.exp((a + b) / 2);
        return new TemperatureScaling(1 / beta, new FitWindow(heldOut.firstKey(), heldOut.lastKey(), n));
    }

    /** Mean negative log-likelihood of softmax(beta * z) at the labels. */
    static double nll(double[] z, int[] y, double beta) {
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            int o = 3 * i;
            double m = Math.max(z[o], Math.max(z[o + 1], z[o + 2])) * beta;
            double lse = m + Math.log(Math.exp(beta * z[o] - m) + Math.exp(beta * z[o + 1] - m)
                    + Math.exp(beta * z[o + 2] - m));
            total += lse - beta * z[o + y[i]];
        }
        return total / y.length;
    }

    /** The fitted temperature, positive. */
    public double temperature() {
        return temperature;
    }

    @Override
    public String method() {
        return "temperature";
    }

    @Override
    public FitWindow fittedOn() {
        return fittedOn;
    }

    @Override
    public void calibrate(double[] in, int inOffset, double[] out, int outOffset) {
        double beta = 1 / temperature;
        double z0 = beta * Math.log(Math.max(in[inOffset], EPS));
        double z1 = beta * Math.log(Math.max(in[inOffset + 1], EPS));
        double z2 = beta * Math.log(Math.max(in[inOffset + 2], EPS));
        Softmax.apply(z0, z1, z2, out, outOffset);
    }

    @Override
    public String toString() {
        return "TemperatureScaling[T=" + temperature + ", fittedOn=" + fittedOn + "]";
    }
}

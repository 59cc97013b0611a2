package dev.sextant.trading.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.validation.LabelledPredictions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class PlattScalingTest {

    @Test
    void improvesEceOfAnOverConfidentModelOutOfSample() {
        LabelledPredictions data = MiscalibratedPredictions.generate(11, 8_000, 3.0);
        PlattScaling platt = PlattScaling.fit(data.slice(0, 4_000));
        CalibrationEvaluation eval = CalibrationEvaluation.evaluate(platt, data.slice(4_000, 8_000));
        assertTrue(eval.after().ece() < eval.before().ece() / 2, eval.toString());
        assertTrue(eval.after().logLoss() < eval.before().logLoss(), eval.toString());
    }

    @Test
    void fitsSlopesBelowOneForAnOverConfidentModel() {
        PlattScaling platt = PlattScaling.fit(MiscalibratedPredictions.generate(12, 10_000, 3.0));
        for (double a : platt.slopes()) {
            assertTrue(a > 0 && a < 0.8, "slope " + a);
        }
    }

    @Test
    void sigmoidFitMatchesAKnownLogisticRelation() {
        // Scores s with P(y=1 | s) = sigmoid(2 s - 1): the fit should find a close to 2, b close to -1.
        java.util.Random rnd = new java.util.Random(13);
        int n = 40_000;
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextGaussian();
            y[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-(2 * s[i] - 1)));
        }
        double[] ab = PlattScaling.fitSigmoid(s, y);
        assertEquals(2.0, ab[0], 0.1);
        assertEquals(-1.0, ab[1], 0.1);
    }

    @Test
    void fitsAClassThatNeverOccurs() {
        double[] p = {0.5, 0.3, 0.2, 0.2, 0.3, 0.5, 0.6, 0.3, 0.1};
        PlattScaling platt = PlattScaling.fit(LabelledPredictions.indexed(p, new int[] {0, 2, 0}));
        double[] out = platt.calibrateAll(p);
        assertTrue(out[1] < 0.3, "HOLD never occurred, its probability should shrink: " + out[1]);
        for (double v : platt.intercepts()) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void rejectsWrongParameterCounts() {
        assertThrows(IllegalArgumentException.class,
                () -> new PlattScaling(new double[2], new double[3], new FitWindow(0, 0, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new PlattScaling(new double[] {1, Double.NaN, 1}, new double[3], new FitWindow(0, 0, 1)));
    }

    @Property(tries = 300)
    void calibratedProbabilitiesSumToOne(@ForAll @DoubleRange(min = -5, max = 5) double a,
            @ForAll @DoubleRange(min = -30, max = 30) double b,
            @ForAll @DoubleRange(min = 0, max = 1) double x, @ForAll @DoubleRange(min = 0, max = 1) double w) {
        PlattScaling platt = new PlattScaling(new double[] {a, -a, 1}, new double[] {b, 0, -b}, new FitWindow(0, 0, 1));
        double sell = x * (1 - w);
        double[] in = {sell, w * (1 - sell), (1 - w) * (1 - sell)};
        double[] out = new double[3];
        platt.calibrate(in, 0, out, 0);
        assertEquals(1, out[0] + out[1] + out[2], 1e-9);
        for (double v : out) {
            assertTrue(v >= 0 && v <= 1);
        }
    }
}

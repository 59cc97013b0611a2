package dev.sextant.trading.models.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.validation.LabelledPredictions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class IsotonicCalibrationTest {

    @Test
    void poolsAdjacentViolators() {
        double[][] knots = IsotonicCalibration.poolAdjacentViolators(
                new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, new double[] {0, 1, 0, 1, 1});
        // Blocks: {0.1}=0, {0.2,0.3}=0.5, {0.4,0.5}=1.
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, knots[0], 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, knots[1], 1e-12);
    }

    @Test
    void poolsEqualScoresBeforeFitting() {
        double[][] knots = IsotonicCalibration.poolAdjacentViolators(
                new double[] {0.2, 0.2, 0.2, 0.6}, new double[] {1, 0, 0, 1});
        assertArrayEquals(new double[] {0.2, 0.6}, knots[0], 1e-12);
        assertArrayEquals(new double[] {1.0 / 3, 1}, knots[1], 1e-12);
    }

    @Test
    void interpolatesLinearlyBetweenKnotsAndIsFlatOutside() {
        double[] x = {0.2, 0.6};
        double[] y = {0.1, 0.5};
        assertEquals(0.1, IsotonicCalibration.interpolate(x, y, 0.0), 1e-12);
        assertEquals(0.3, IsotonicCalibration.interpolate(x, y, 0.4), 1e-12);
        assertEquals(0.5, IsotonicCalibration.interpolate(x, y, 0.9), 1e-12);
    }

    @Test
    void improvesEceOfAnOverConfidentModelOutOfSample() {
        LabelledPredictions data = MiscalibratedPredictions.generate(21, 10_000, 3.0);
        IsotonicCalibration iso = IsotonicCalibration.fit(data.slice(0, 5_000));
        CalibrationEvaluation eval = CalibrationEvaluation.evaluate(iso, data.slice(5_000, 10_000));
        assertTrue(eval.after().ece() < eval.before().ece() / 2, eval.toString());
        assertTrue(eval.after().brier() < eval.before().brier(), eval.toString());
    }

    @Test
    void rejectsDecreasingKnots() {
        double[][] ok = {{0, 1}, {0, 1}, {0, 1}};
        double[][] bad = {{0, 1}, {1, 0}, {0, 1}};
        assertThrows(IllegalArgumentException.class, () -> new IsotonicCalibration(bad, ok, new FitWindow(0, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> new IsotonicCalibration(ok, bad, new FitWindow(0, 0, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new IsotonicCalibration(ok, new double[][] {{0}, {0, 1}, {0, 1}}, new FitWindow(0, 0, 1)));
    }

    @Property(tries = 100)
    void calibratedProbabilitiesSumToOne(@ForAll long seed, @ForAll @DoubleRange(min = 0, max = 1) double x,
            @ForAll @DoubleRange(min = 0, max = 1) double w) {
        IsotonicCalibration iso = IsotonicCalibration.fit(MiscalibratedPredictions.generate(seed, 50, 2.0));
        double sell = x * (1 - w);
        double[] in = {sell, w * (1 - sell), (1 - w) * (1 - sell)};
        double[] out = new double[3];
        iso.calibrate(in, 0, out, 0);
        assertEquals(1, out[0] + out[1] + out[2], 1e-9);
        for (double v : out) {
            assertTrue(v > 0 && v <= 1);
        }
    }
}

package dev.sextant.trading.models.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.validation.ClassificationMetrics;
import dev.sextant.trading.models.validation.LabelledPredictions;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class TemperatureScalingTest {

    @Test
    void recoversTheTemperatureOfAnOverConfidentModel() {
        LabelledPredictions data = MiscalibratedPredictions.generate(1, 20_000, 3.0);
        TemperatureScaling t = TemperatureScaling.fit(data);
        assertEquals(3.0, t.temperature(), 0.25);
    }

    @Test
    void sharpensAnUnderConfidentModel() {
        TemperatureScaling t = TemperatureScaling.fit(MiscalibratedPredictions.generate(2, 20_000, 0.4));
        assertTrue(t.temperature() < 1, "T=" + t.temperature());
    }

    @Test
    void improvesEceAndLogLossOutOfSample() {
        LabelledPredictions data = MiscalibratedPredictions.generate(3, 8_000, 3.0);
        TemperatureScaling t = TemperatureScaling.fit(data.slice(0, 4_000));
        CalibrationEvaluation eval = CalibrationEvaluation.evaluate(t, data.slice(4_000, 8_000));
        assertTrue(eval.after().ece() < eval.before().ece() / 2, eval.toString());
        assertTrue(eval.after().logLoss() < eval.before().logLoss(), eval.toString());
    }

    @Test
    void neverChangesThePredictedClass() {
        LabelledPredictions data = MiscalibratedPredictions.generate(4, 2_000, 2.0);
        TemperatureScaling t = new TemperatureScaling(2.5, new FitWindow(-10, -1, 10));
        ClassificationMetrics raw = data.metrics();
        ClassificationMetrics cal = data.withProbabilities(t.calibrateAll(data.probabilities())).metrics();
        assertArrayEquals(raw.confusion(), cal.confusion());
    }

    @Test
    void temperatureOneIsTheIdentity() {
        TemperatureScaling t = new TemperatureScaling(1, new FitWindow(0, 0, 1));
        double[] out = new double[3];
        t.calibrate(new double[] {0.2, 0.3, 0.5}, 0, out, 0);
        assertArrayEquals(new double[] {0.2, 0.3, 0.5}, out, 1e-12);
    }

    @Test
    void handlesZeroProbabilities() {
        TemperatureScaling t = new TemperatureScaling(2, new FitWindow(0, 0, 1));
        double[] out = new double[3];
        t.calibrate(new double[] {0, 0, 1}, 0, out, 0);
        assertEquals(1, out[0] + out[1] + out[2], 1e-12);
        assertTrue(out[2] > 0.99);
    }

    @Test
    void rejectsNonPositiveTemperature() {
        assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(0, new FitWindow(0, 0, 1)));
        assertThrows(IllegalArgumentException.class, () -> new TemperatureScaling(Double.NaN, new FitWindow(0, 0, 1)));
    }

    @Test
    void remembersTheKeysItWasFittedOn() {
        LabelledPredictions data = MiscalibratedPredictions.generate(5, 100, 2.0).slice(20, 70);
        assertEquals(new FitWindow(20, 69, 50), TemperatureScaling.fit(data).fittedOn());
    }

    @Property(tries = 300)
    void calibratedProbabilitiesSumToOne(@ForAll @DoubleRange(min = 0.05, max = 20) double temperature,
            @ForAll @DoubleRange(min = 0, max = 1) double a, @ForAll @DoubleRange(min = 0, max = 1) double b) {
        double sell = a * (1 - b);
        double[] in = {sell, 1 - sell - b * (1 - sell), b * (1 - sell)};
        double[] out = new double[3];
        new TemperatureScaling(temperature, new FitWindow(0, 0, 1)).calibrate(in, 0, out, 0);
        assertEquals(1, out[0] + out[1] + out[2], 1e-9);
        for (double v : out) {
            assertTrue(v >= 0 && v <= 1);
        }
    }
}

package dev.sextant.trading.models.calibration;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.validation.LabelledPredictions;
import org.junit.jupiter.api.Test;

class CalibrationEvaluationTest {

    private final LabelledPredictions data = MiscalibratedPredictions.generate(31, 1_000, 3.0);

    @Test
    void refusesToEvaluateOnTheRowsItWasFittedOn() {
        TemperatureScaling t = TemperatureScaling.fit(data.slice(0, 500));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationEvaluation.evaluate(t, data.slice(0, 500)));
        assertTrue(e.getMessage().contains("held-out"), e.getMessage());
    }

    @Test
    void refusesAnEvaluationSetThatOverlapsTheFitWindowByOneRow() {
        PlattScaling p = PlattScaling.fit(data.slice(0, 500));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationEvaluation.evaluate(p, data.slice(499, 1_000)));
        assertTrue(e.getMessage().contains("key 499"), e.getMessage());
    }

    @Test
    void refusesRowsInsideTheWindowEvenWhenNotUsedForFitting() {
        IsotonicCalibration iso = IsotonicCalibration.fit(
                new LabelledPredictions(new long[] {0, 900}, data.slice(0, 2).probabilities(), data.slice(0, 2).labels()));
        assertThrows(IllegalArgumentException.class, () -> CalibrationEvaluation.evaluate(iso, data.slice(100, 200)));
    }

    @Test
    void evaluatesRowsAfterTheFitWindow() {
        TemperatureScaling t = TemperatureScaling.fit(data.slice(0, 500));
        CalibrationEvaluation eval = CalibrationEvaluation.evaluate(t, data.slice(500, 1_000));
        assertTrue(eval.after().rows() == 500);
        assertTrue(eval.after().ece() < eval.before().ece());
    }
}

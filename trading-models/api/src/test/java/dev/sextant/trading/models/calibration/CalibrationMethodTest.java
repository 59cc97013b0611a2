package dev.sextant.trading.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.validation.LabelledPredictions;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationMethodTest {

    @Test
    void parsesEveryIdIgnoringCaseAndBlanks() {
        assertEquals(List.of("temperature", "platt", "isotonic", "none"), CalibrationMethod.ids());
        for (CalibrationMethod m : CalibrationMethod.values()) {
            assertEquals(m, CalibrationMethod.parse(m.id()));
            assertEquals(m, CalibrationMethod.parse(" " + m.id().toUpperCase(java.util.Locale.ROOT) + " "));
        }
    }

    @Test
    void rejectsAnUnknownNameListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibrationMethod.parse("beta"));
        assertTrue(e.getMessage().contains("'beta'") && e.getMessage().contains("temperature, platt, isotonic, none"),
                e.getMessage());
    }

    @Test
    void fitsTheCalibratorOfEachMethodAndNothingForNone() {
        LabelledPredictions heldOut = MiscalibratedPredictions.generate(7, 2_000, 3.0);
        assertInstanceOf(TemperatureScaling.class, CalibrationMethod.TEMPERATURE.fit(heldOut).orElseThrow());
        assertInstanceOf(PlattScaling.class, CalibrationMethod.PLATT.fit(heldOut).orElseThrow());
        assertInstanceOf(IsotonicCalibration.class, CalibrationMethod.ISOTONIC.fit(heldOut).orElseThrow());
        assertTrue(CalibrationMethod.NONE.fit(heldOut).isEmpty());
        for (CalibrationMethod m : List.of(CalibrationMethod.TEMPERATURE, CalibrationMethod.PLATT, CalibrationMethod.ISOTONIC)) {
            assertEquals(m.id(), m.fit(heldOut).orElseThrow().method(), "the bundle name of " + m);
        }
    }
}

package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.models.ModelOutputException;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.calibration.FitWindow;
import dev.sextant.trading.models.calibration.TemperatureScaling;
import org.junit.jupiter.api.Test;

class CalibratedModelTest {

    @Test
    void appliesTheCalibratorAndPassesConfidenceThrough() {
        FakeModels.Lambda inner = new FakeModels.Lambda("m", 1, 1, (x, p) -> {
            p[0] = 0.1;
            p[1] = 0.1;
            p[2] = 0.8;
        }, 0.9);
        CalibratedModel model = new CalibratedModel(inner, new TemperatureScaling(2, new FitWindow(0, 1, 2)));
        double[] p = new double[3];
        assertEquals(0.9, model.predict(new float[] {0}, p));
        double e = Math.sqrt(0.1);
        double s = 2 * e + Math.sqrt(0.8);
        assertEquals(Math.sqrt(0.8) / s, p[2], 1e-12);
        assertEquals(1, p[0] + p[1] + p[2], 1e-12);
        model.close();
        assertTrue(inner.closed);
    }

    @Test
    void anInnerOutputThatIsNotADistributionStopsBeforeCalibration() {
        FakeModels.Lambda inner = new FakeModels.Lambda("nan-model", 1, 1, (x, p) -> {
            p[0] = Double.NaN;
            p[1] = Double.NaN;
            p[2] = Double.NaN;
        }, Double.NaN);
        CalibratedModel model = new CalibratedModel(inner, new TemperatureScaling(2, new FitWindow(0, 1, 2)));
        ModelOutputException e = assertThrows(ModelOutputException.class, () -> model.predict(new float[] {0}, new double[3]));
        assertEquals("nan-model", e.model());
    }
}

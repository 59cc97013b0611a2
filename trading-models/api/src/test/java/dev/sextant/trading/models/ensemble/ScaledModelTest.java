package dev.sextant.trading.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelInputException;
import org.junit.jupiter.api.Test;

class ScaledModelTest {

    @Test
    void scalesTheInputBeforeTheInnerModelSeesIt() {
        FakeModels.Lambda inner = FakeModels.constant("m", 2, 0.2, 0.3, 0.5);
        ScaledModel scaled = new ScaledModel(inner, new StandardScaler(new double[] {10, 0}, new double[] {2, 1}));
        double[] p = new double[3];
        scaled.predict(new float[] {14, 3}, p);
        assertArrayEquals(new float[] {2, 3}, inner.lastInput);
        assertArrayEquals(new double[] {0.2, 0.3, 0.5}, p);
        scaled.close();
        assertTrue(inner.closed);
    }

    @Test
    void rejectsAScalerOfAnotherWidthAndBadInput() {
        FakeModels.Lambda inner = FakeModels.constant("m", 2, 0.2, 0.3, 0.5);
        assertThrows(IllegalArgumentException.class,
                () -> new ScaledModel(inner, new StandardScaler(new double[] {0}, new double[] {1})));
        ScaledModel scaled = new ScaledModel(inner, new StandardScaler(new double[] {0, 0}, new double[] {1, 1}));
        assertThrows(ModelInputException.class, () -> scaled.predict(new float[] {1}, new double[3]));
        assertThrows(ModelInputException.class, () -> scaled.predict(new float[] {1, Float.NaN}, new double[3]));
    }
}

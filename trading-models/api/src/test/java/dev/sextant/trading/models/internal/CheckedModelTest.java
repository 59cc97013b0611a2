package dev.sextant.trading.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelOutputException;
import dev.sextant.trading.models.Provenance;
import org.junit.jupiter.api.Test;

class CheckedModelTest {

    /** Predicts {@code [x, x, 1 - 2x]} for input {@code x}: a distribution only for x in [0, 0.5]. */
    private static final class Echo implements Model {
        boolean closed;

        @Override
        public ModelMetadata metadata() {
            return new ModelMetadata("echo", "fake", InputKind.VECTOR, 1, 1, false, Provenance.unknown("t"));
        }

        @Override
        public double predict(float[] input, double[] p) {
            p[0] = input[0];
            p[1] = input[0];
            p[2] = 1 - 2.0 * input[0];
            return Double.NaN;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void passesValidOutputsThroughAndNamesTheBadRowOfABatch() {
        Echo echo = new Echo();
        Model m = CheckedModel.of(echo);
        double[] p = new double[3];
        m.predict(new float[] {0.25f}, p);
        assertEquals(0.5, p[2], 1e-12);
        ModelOutputException e = assertThrows(ModelOutputException.class,
                () -> m.predictBatch(new float[][] {{0.1f}, {0.2f}, {Float.NaN}}, new double[9], null));
        assertEquals(2, e.row());
        assertEquals("echo", e.model());
        e = assertThrows(ModelOutputException.class, () -> m.predict(new float[] {0.9f}, p));
        assertEquals(ModelOutputException.UNKNOWN_ROW, e.row());
        assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
        m.close();
        assertTrue(echo.closed);
    }

    @Test
    void wrappingTwiceWrapsOnce() {
        Model m = CheckedModel.of(new Echo());
        assertSame(m, CheckedModel.of(m));
    }
}

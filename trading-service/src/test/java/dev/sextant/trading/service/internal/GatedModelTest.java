package dev.sextant.trading.service.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GatedModelTest {
    /** A model that counts its calls and always says BUY. */
    private static final class Counting implements Model {
        final AtomicInteger calls = new AtomicInteger();
        boolean closed;

        @Override
        public ModelMetadata metadata() {
            return new ModelMetadata("counting", "test", InputKind.VECTOR, 1, 1, true, Provenance.unknown("test"));
        }

        @Override
        public double predict(float[] input, double[] probabilities) {
            calls.incrementAndGet();
            probabilities[0] = 0.1;
            probabilities[1] = 0.2;
            probabilities[2] = 0.7;
            return 0.9;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void theModelIsCalledOnlyOnceTheGateIsOpenAndNeverClosedByARequest() {
        Counting inner = new Counting();
        GatedModel gated = new GatedModel.Shared(inner).gate();
        double[] p = new double[3];
        assertTrue(Double.isNaN(gated.predict(new float[1], p)));
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, p);
        assertEquals(0, inner.calls.get());
        gated.open();
        assertEquals(0.9, gated.predict(new float[1], p));
        assertArrayEquals(new double[] {0.1, 0.2, 0.7}, p);
        assertEquals(1, inner.calls.get());
        gated.close();
        assertEquals(false, inner.closed);
    }
}

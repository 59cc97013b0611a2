package dev.sextant.trading.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SoftmaxTest {

    @Test
    void equalLogitsGiveEqualProbabilitiesAtTheOffset() {
        double[] out = new double[5];
        Softmax.apply(2, 2, 2, out, 2);
        assertArrayEquals(new double[] {0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3}, out, 1e-15);
    }

    @Test
    void matchesTheTextbookFormula() {
        double[] out = new double[3];
        Softmax.apply(1, 0, -1, out, 0);
        double s = Math.E + 1 + 1 / Math.E;
        assertArrayEquals(new double[] {Math.E / s, 1 / s, 1 / Math.E / s}, out, 1e-15);
    }

    @Test
    void hugeLogitsDoNotOverflow() {
        double[] out = new double[3];
        Softmax.apply(1e308, 0, -1e308, out, 0);
        assertArrayEquals(new double[] {1, 0, 0}, out, 0);
    }

    @Property
    void probabilitiesAreInUnitIntervalAndSumToOneAndInvariantToAShift(
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double a, @ForAll @DoubleRange(min = -1e6, max = 1e6) double b,
            @ForAll @DoubleRange(min = -1e6, max = 1e6) double c, @ForAll @DoubleRange(min = -100, max = 100) double shift) {
        double[] p = new double[3];
        double[] q = new double[3];
        Softmax.apply(a, b, c, p, 0);
        Softmax.apply(a + shift, b + shift, c + shift, q, 0);
        assertEquals(1, p[0] + p[1] + p[2], 1e-12);
        for (int i = 0; i < 3; i++) {
            assertTrue(p[i] >= 0 && p[i] <= 1, "p=" + p[i]);
            assertEquals(p[i], q[i], 1e-9);
        }
    }
}

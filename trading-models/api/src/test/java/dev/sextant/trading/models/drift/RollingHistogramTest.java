package dev.sextant.trading.models.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RollingHistogramTest {

    private static ReferenceHistogram uniform() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return ReferenceHistogram.of("x", v, 10);
    }

    @Test
    void aWindowShapedLikeTheReferenceHasZeroStatistics() {
        RollingHistogram h = new RollingHistogram(uniform(), 100);
        for (int i = 0; i < 99; i++) {
            h.add(i * 10 + 5);
        }
        assertFalse(h.isFull());
        h.add(995);
        assertTrue(h.isFull());
        assertEquals(0, h.psi(), 1e-12);
        assertEquals(0, h.ks(), 1e-12);
    }

    @Test
    void aWindowInOneBinHasTheTextbookStatistics() {
        RollingHistogram h = new RollingHistogram(uniform(), 50);
        for (int i = 0; i < 50; i++) {
            h.add(-1);
        }
        double expected = (1 - 0.1) * Math.log(1 / 0.1) + 9 * (RollingHistogram.FLOOR - 0.1) * Math.log(RollingHistogram.FLOOR / 0.1);
        assertEquals(expected, h.psi(), 1e-12);
        assertEquals(0.9, h.ks(), 1e-12);
    }

    @Test
    void theRunningIndexEqualsTheIndexOfTheWindowsCounts() {
        ReferenceHistogram ref = uniform();
        RollingHistogram h = new RollingHistogram(ref, 37);
        Random rnd = new Random(5);
        double[] window = new double[37];
        for (int i = 0; i < 1000; i++) {
            double x = rnd.nextInt(3) == 0 ? -1 : rnd.nextInt(1000);
            window[i % 37] = x;
            h.add(x);
            if (i >= 36) {
                int[] counts = new int[ref.bins()];
                for (double v : window) {
                    counts[ref.binOf(v)]++;
                }
                double expected = 0;
                double[] p = ref.proportions();
                for (int k = 0; k < counts.length; k++) {
                    double a = Math.max(counts[k] / 37.0, RollingHistogram.FLOOR);
                    double e = Math.max(p[k], RollingHistogram.FLOOR);
                    expected += (a - e) * Math.log(a / e);
                }
                assertEquals(expected, h.psi(), 1e-9, "bar " + i);
            }
        }
    }

    @Test
    void theOldestValueLeavesTheWindow() {
        RollingHistogram h = new RollingHistogram(uniform(), 20);
        for (int i = 0; i < 20; i++) {
            h.add(-1);
        }
        double skewed = h.psi();
        Random rnd = new Random(3);
        for (int i = 0; i < 20; i++) {
            h.add(rnd.nextInt(1000));
        }
        assertTrue(h.psi() < skewed / 3, h.psi() + " vs " + skewed);
        assertTrue(h.ks() < 0.5);
    }
}

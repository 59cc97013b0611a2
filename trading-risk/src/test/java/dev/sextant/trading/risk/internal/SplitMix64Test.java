package dev.sextant.trading.risk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitMix64Test {
    @Test
    void reseedingReplaysTheSequence() {
        SplitMix64 r = new SplitMix64(42);
        double a = r.nextGaussian();
        double b = r.nextGaussian();
        r.reseed(42);
        assertEquals(a, r.nextGaussian());
        assertEquals(b, r.nextGaussian());
        assertNotEquals(new SplitMix64(1).nextLong(), new SplitMix64(2).nextLong());
    }

    @Test
    void gaussiansHaveZeroMeanAndUnitVariance() {
        SplitMix64 r = new SplitMix64(7);
        int n = 400_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double x = r.nextGaussian();
            sum += x;
            sq += x * x;
        }
        double mean = sum / n;
        assertEquals(0, mean, 0.01);
        assertEquals(1, sq / n - mean * mean, 0.01);
        double u = r.nextDouble();
        assertTrue(u >= 0 && u < 1);
    }
}

package dev.sextant.trading.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalDistributionTest {

    @Test
    void matchesTabulatedValues() {
        assertEquals(0.5, NormalDistribution.cdf(0), 1e-7);
        assertEquals(0.975002104851780, NormalDistribution.cdf(1.96), 2e-7);
        assertEquals(0.841344746068543, NormalDistribution.cdf(1), 2e-7);
        assertEquals(1.959963984540054, NormalDistribution.inverseCdf(0.975), 1e-6);
        assertEquals(-2.326347874040841, NormalDistribution.inverseCdf(0.01), 1e-6);
        assertEquals(3.090232306167813, NormalDistribution.inverseCdf(0.999), 1e-6);
    }

    @Test
    void rejectsProbabilityOutsideOpenInterval() {
        assertThrows(IllegalArgumentException.class, () -> NormalDistribution.inverseCdf(1));
    }
}

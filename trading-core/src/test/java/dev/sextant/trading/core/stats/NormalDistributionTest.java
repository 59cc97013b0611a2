package dev.sextant.trading.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class NormalDistributionTest {
    @Test
    void quantileMatchesTabulatedValuesToWithinAFewUlpsTimesTen() {
        assertEquals(0, NormalDistribution.quantile(0.5), 1e-15);
        assertEquals(1.6448536269514722, NormalDistribution.quantile(0.95), 1e-14);
        assertEquals(1.959963984540054, NormalDistribution.quantile(0.975), 1e-14);
        assertEquals(2.3263478740408408, NormalDistribution.quantile(0.99), 2e-14);
        assertEquals(-3.090232306167813, NormalDistribution.quantile(0.001), 2e-13);
        assertEquals(-1.2815515655446004, NormalDistribution.quantile(0.1), 2e-15);
    }

    @Property(tries = 500)
    void quantileInvertsTheCdf(@ForAll @DoubleRange(min = 1e-9, max = 0.999999) @net.jqwik.api.constraints.Scale(12) double p) {
        assertEquals(p, NormalDistribution.cdf(NormalDistribution.quantile(p)), 1e-13 + 1e-9 * p);
    }

    @Test
    void cdfAndDensityMatchKnownValues() {
        assertEquals(0.5, NormalDistribution.cdf(0), 1e-16);
        assertEquals(0.8413447460685429, NormalDistribution.cdf(1), 1e-15);
        assertEquals(0.022750131948179195, NormalDistribution.cdf(-2), 1e-15);
        assertEquals(0.975002104851780, NormalDistribution.cdf(1.96), 1e-15);
        assertEquals(0.3989422804014327, NormalDistribution.density(0), 1e-16);
        assertEquals(0, NormalDistribution.cdf(-40));
        assertEquals(1, NormalDistribution.cdf(40));
    }

    @Test
    void quantileRejectsProbabilitiesOutsideTheOpenInterval() {
        for (double p : new double[] {0, 1, -0.5, 2, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> NormalDistribution.quantile(p));
        }
    }
}

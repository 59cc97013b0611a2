package dev.sextant.trading.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class StudentTDistributionTest {

    @Test
    void oneAndTwoDegreesOfFreedomMatchTheirClosedForms() {
        for (double t : new double[] {-7.5, -2, -0.3, 0, 0.4, 1, 3.3, 40}) {
            assertEquals(0.5 + Math.atan(t) / Math.PI, StudentTDistribution.cdf(t, 1), 1e-14, "Cauchy at " + t);
            assertEquals(0.5 + t / (2 * Math.sqrt(2 + t * t)), StudentTDistribution.cdf(t, 2), 1e-14, "df 2 at " + t);
        }
    }

    @Test
    void twoSidedPValuesMatchTheGoldenValuesOfAnIndependentNumericalIntegration() throws IOException {
        List<String> lines = read("t_golden.csv");
        assertTrue(lines.size() > 5, "golden file has rows");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            double t = Double.parseDouble(c[0]);
            double df = Double.parseDouble(c[1]);
            double expected = Double.parseDouble(c[2]);
            // Simpson's rule with 200,000 steps is accurate to ~1e-13 absolute; the tolerance adds
            // a relative 1e-9 for the far tail.
            assertEquals(expected, StudentTDistribution.twoSidedPValue(t, df), 1e-12 + 1e-9 * expected, line);
        }
    }

    @Test
    void largeDegreesOfFreedomApproachTheNormal() {
        assertEquals(NormalDistribution.cdf(1.7), StudentTDistribution.cdf(1.7, 1e6), 1e-6);
        assertEquals(NormalDistribution.cdf(-2.1), StudentTDistribution.cdf(-2.1, 2e7), 1e-15);
    }

    @Test
    void infiniteStatisticsHaveNoTail() {
        assertEquals(0, StudentTDistribution.twoSidedPValue(Double.POSITIVE_INFINITY, 5));
        assertEquals(1, StudentTDistribution.cdf(Double.POSITIVE_INFINITY, 5));
        assertEquals(0, StudentTDistribution.cdf(Double.NEGATIVE_INFINITY, 5));
    }

    @Test
    void rejectsNaNAndNonPositiveDegreesOfFreedom() {
        assertThrows(IllegalArgumentException.class, () -> StudentTDistribution.cdf(Double.NaN, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentTDistribution.cdf(1, 0));
        assertThrows(IllegalArgumentException.class, () -> StudentTDistribution.twoSidedPValue(1, -2));
        assertThrows(IllegalArgumentException.class, () -> StudentTDistribution.twoSidedPValue(1, Double.POSITIVE_INFINITY));
    }

    @Property(tries = 300)
    void cdfIsSymmetricAndMonotone(@ForAll @DoubleRange(min = -50, max = 50) double t,
            @ForAll @DoubleRange(min = 0.5, max = 5000) double df) {
        double f = StudentTDistribution.cdf(t, df);
        assertTrue(f >= 0 && f <= 1, "in [0, 1]");
        assertEquals(1, f + StudentTDistribution.cdf(-t, df), 1e-13, "symmetric");
        assertTrue(StudentTDistribution.cdf(t + 0.01, df) >= f - 1e-15, "monotone");
        assertEquals(2 * Math.min(f, 1 - f), StudentTDistribution.twoSidedPValue(t, df), 1e-13, "two-sided tail");
    }

    static List<String> read(String resource) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                StudentTDistributionTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }
}

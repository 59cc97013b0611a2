package dev.sextant.trading.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DieboldMarianoTest {

    @Test
    void handComputedCase() {
        // LRV 1.5625 (LongRunVarianceTest), DM = 2.5 / sqrt(1.5625 / 4) = 4, HLN factor sqrt(3/4).
        DieboldMariano.Result r = DieboldMariano.test(new double[] {1, 2, 3, 4}, 1);
        assertEquals(1, r.lag());
        assertEquals(4, r.n());
        assertEquals(2.5, r.meanDifference(), 1e-15);
        assertEquals(4 * Math.sqrt(0.75), r.statistic(), 1e-14);
        assertEquals(StudentTDistribution.twoSidedPValue(4 * Math.sqrt(0.75), 3), r.pValue(), 1e-15);
    }

    @Test
    void matchesTheGoldenValuesOfAnIndependentPythonImplementation() throws IOException {
        List<String> lines = StudentTDistributionTest.read("dm_golden.csv");
        assertTrue(lines.size() >= 5, "golden file has cases");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            String name = c[0];
            int horizon = Integer.parseInt(c[1]);
            double[] d = Arrays.stream(c[9].split(" ")).mapToDouble(Double::parseDouble).toArray();
            DieboldMariano.Result r = c[2].isEmpty() ? DieboldMariano.test(d, horizon)
                    : DieboldMariano.test(d, horizon, Integer.parseInt(c[2]));
            assertEquals(Integer.parseInt(c[3]), r.n(), name);
            assertEquals(Integer.parseInt(c[4]), r.lag(), name);
            assertEquals(Double.parseDouble(c[5]), r.meanDifference(), 1e-14, name);
            int lag = r.lag();
            assertEquals(Double.parseDouble(c[6]), LongRunVariance.neweyWest(d, lag), 1e-12, name);
            assertEquals(Double.parseDouble(c[7]), r.statistic(), 1e-12, name);
            assertEquals(Double.parseDouble(c[8]), r.pValue(), 1e-11, name);
        }
    }

    @Test
    void lagIsTheLargerOfHorizonMinusOneAndTheBandwidth() {
        assertEquals(6, DieboldMariano.lag(1_000, 1));
        assertEquals(9, DieboldMariano.lag(1_000, 10));
        assertEquals(2, DieboldMariano.lag(3, 10));
    }

    @Test
    void equalDifferencesGiveAnExactAnswer() {
        DieboldMariano.Result zero = DieboldMariano.test(new double[] {0, 0, 0, 0}, 1);
        assertEquals(0, zero.statistic());
        assertEquals(1, zero.pValue());
        DieboldMariano.Result edge = DieboldMariano.test(new double[] {-0.5, -0.5, -0.5}, 1);
        assertEquals(Double.NEGATIVE_INFINITY, edge.statistic());
        assertEquals(0, edge.pValue());
    }

    @Test
    void rejectsTooFewValuesNonFiniteValuesAndBadHorizon() {
        assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(new double[] {1}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DieboldMariano.test(new double[] {1, 2, Double.POSITIVE_INFINITY}, 1));
        assertTrue(e.getMessage().contains("value 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(new double[] {1, 2, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(new double[] {1, 2, 3}, 0));
        assertThrows(IllegalArgumentException.class, () -> DieboldMariano.test(new double[] {1, 2, 3}, 1, 3));
    }

    @Property(tries = 200)
    void swappingTheModelsNegatesTheStatisticAndKeepsThePValue(@ForAll long seed,
            @ForAll @IntRange(min = 3, max = 400) int n, @ForAll @IntRange(min = 1, max = 12) int horizon) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] d = new double[n];
        double[] minus = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = rng.nextGaussian() + 0.1;
            minus[i] = -d[i];
        }
        int h = Math.min(horizon, n - 1);
        DieboldMariano.Result a = DieboldMariano.test(d, h);
        DieboldMariano.Result b = DieboldMariano.test(minus, h);
        assertEquals(-a.statistic(), b.statistic(), 1e-9 * (1 + Math.abs(a.statistic())));
        assertEquals(a.pValue(), b.pValue(), 1e-12);
        assertTrue(a.pValue() >= 0 && a.pValue() <= 1);
        assertEquals(a.statistic() > 0, a.meanDifference() > 0);
    }
}

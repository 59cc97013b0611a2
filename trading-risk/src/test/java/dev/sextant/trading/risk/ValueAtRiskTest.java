package dev.sextant.trading.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueAtRiskTest {
    private static final double Z95 = 1.6448536269514722;
    private static final double Z99 = 2.3263478740408408;
    /** phi(z) / (1 - c): the expected-shortfall multiple of sigma for a normal distribution. */
    private static final double ES95 = 2.0627128075074257;
    private static final double ES99 = 2.665214220345808;

    private static double[] normalReturns(int n, double mean, double sd, long seed) {
        Random r = new Random(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = mean + sd * r.nextGaussian();
        }
        return out;
    }

    @Test
    void parametricMatchesTheNormalClosedForm() {
        VarEstimate e95 = ValueAtRisk.parametric(0.001, 0.02, 0.95);
        assertEquals(0.02 * Z95 - 0.001, e95.valueAtRisk(), 1e-10);
        assertEquals(0.02 * ES95 - 0.001, e95.expectedShortfall(), 1e-10);
        VarEstimate e99 = ValueAtRisk.parametric(0, 0.015, 0.99);
        assertEquals(0.015 * Z99, e99.valueAtRisk(), 1e-10);
        assertEquals(0.015 * ES99, e99.expectedShortfall(), 1e-10);
        assertEquals(VarMethod.PARAMETRIC, e99.method());
    }

    @Test
    void parametricFromNormalSampleApproachesTheClosedForm() {
        double[] r = normalReturns(200_000, 0.0005, 0.012, 7);
        VarEstimate e = ValueAtRisk.parametric(r, 0.99);
        assertEquals(0.012 * Z99 - 0.0005, e.valueAtRisk(), 0.012 * Z99 * 0.01);
        assertEquals(200_000, e.observations());
    }

    @Test
    void historicalMatchesHandComputedQuantiles() {
        double[] r = {0.05, -0.03, 0.01, -0.07, 0.02, -0.01, 0.04, -0.05, 0.00, 0.03};
        // Sorted: -0.07 -0.05 -0.03 -0.01 0 0.01 0.02 0.03 0.04 0.05.
        VarEstimate c90 = ValueAtRisk.historical(r, 0.90);
        assertEquals(0.07, c90.valueAtRisk(), 1e-15);
        assertEquals(0.07, c90.expectedShortfall(), 1e-15);
        VarEstimate c80 = ValueAtRisk.historical(r, 0.80);
        assertEquals(0.05, c80.valueAtRisk(), 1e-15);
        assertEquals(0.06, c80.expectedShortfall(), 1e-15);
        VarEstimate c75 = ValueAtRisk.historical(r, 0.75);
        assertEquals(0.03, c75.valueAtRisk(), 1e-15);
        assertEquals(0.05, c75.expectedShortfall(), 1e-15);
        assertEquals(0.05, r[0], "the input is not reordered");
    }

    @Test
    void tailCountIsExactDespiteFloatingPointNoise() {
        assertEquals(5, ValueAtRisk.tailCount(100, 0.95), "100 * 0.05 is 5.000000000000004 in binary");
        assertEquals(1, ValueAtRisk.tailCount(20, 0.95));
        assertEquals(3, ValueAtRisk.tailCount(250, 0.99));
        assertEquals(13, ValueAtRisk.tailCount(250, 0.95));
        assertEquals(1, ValueAtRisk.tailCount(3, 0.999));
    }

    @Test
    void historicalOfALargeNormalSampleApproachesTheClosedForm() {
        double[] r = normalReturns(400_000, 0, 0.02, 11);
        VarEstimate e = ValueAtRisk.historical(r, 0.95);
        assertEquals(0.02 * Z95, e.valueAtRisk(), 0.02 * Z95 * 0.01);
        assertEquals(0.02 * ES95, e.expectedShortfall(), 0.02 * ES95 * 0.01);
    }

    @Test
    void monteCarloIsReproducibleBySeedAndConvergesToTheClosedForm() {
        VarEstimate a = ValueAtRisk.monteCarlo(0.0002, 0.01, 0.99, 200_000, 42);
        VarEstimate b = ValueAtRisk.monteCarlo(0.0002, 0.01, 0.99, 200_000, 42);
        VarEstimate c = ValueAtRisk.monteCarlo(0.0002, 0.01, 0.99, 200_000, 43);
        assertEquals(a, b);
        assertNotEquals(a.valueAtRisk(), c.valueAtRisk());
        assertEquals(0.01 * Z99 - 0.0002, a.valueAtRisk(), 0.01 * Z99 * 0.02);
        assertEquals(0.01 * ES99 - 0.0002, a.expectedShortfall(), 0.01 * ES99 * 0.02);
    }

    @Test
    void portfolioHistoricalRevaluesTodaysExposuresWithEachDaysReturns() {
        double[][] returns = {{0.01, -0.02, 0.03, -0.01}, {0.02, 0.01, -0.01, 0.0}};
        // P&L per day: 100 * a - 50 * b = 0, -2.5, 3.5, -1.
        VarEstimate e = ValueAtRisk.portfolio(VarMethod.HISTORICAL, new double[] {100, -50}, returns, 0.75, 0, 0);
        assertEquals(2.5, e.valueAtRisk(), 1e-12);
        VarEstimate half = ValueAtRisk.portfolio(VarMethod.HISTORICAL, new double[] {100, -50}, returns, 0.5, 0, 0);
        assertEquals(1.0, half.valueAtRisk(), 1e-12);
        assertEquals(1.75, half.expectedShortfall(), 1e-12);
    }

    @Test
    void portfolioParametricIsTheSquareRootOfTheQuadraticForm() {
        double[] a = {0.01, -0.02, 0.03, -0.01};
        double[] b = {0.02, 0.01, -0.01, 0.0};
        double ma = 0.0025;
        double mb = 0.005;
        double va = ((0.0075 * 0.0075) + (0.0225 * 0.0225) + (0.0275 * 0.0275) + (0.0125 * 0.0125)) / 3;
        double vb = ((0.015 * 0.015) + (0.005 * 0.005) + (0.015 * 0.015) + (0.005 * 0.005)) / 3;
        double cab = ((0.0075 * 0.015) + (-0.0225 * 0.005) + (0.0275 * -0.015) + (-0.0125 * -0.005)) / 3;
        double[] x = {100, -50};
        double sd = Math.sqrt(x[0] * x[0] * va + x[1] * x[1] * vb + 2 * x[0] * x[1] * cab);
        double mean = x[0] * ma + x[1] * mb;
        VarEstimate e = ValueAtRisk.portfolio(VarMethod.PARAMETRIC, x, new double[][] {a, b}, 0.95, 0, 0);
        assertEquals(sd * Z95 - mean, e.valueAtRisk(), 1e-12);
    }

    @Test
    void portfolioMonteCarloApproachesParametricForCorrelatedNormalReturns() {
        int n = 5_000;
        Random r = new Random(5);
        double[][] returns = new double[2][n];
        for (int t = 0; t < n; t++) {
            double z1 = r.nextGaussian();
            double z2 = 0.6 * z1 + 0.8 * r.nextGaussian();
            returns[0][t] = 0.01 * z1;
            returns[1][t] = 0.02 * z2;
        }
        double[] x = {1_000_000, 500_000};
        VarEstimate p = ValueAtRisk.portfolio(VarMethod.PARAMETRIC, x, returns, 0.99, 0, 0);
        VarEstimate mc = ValueAtRisk.portfolio(VarMethod.MONTE_CARLO, x, returns, 0.99, 200_000, 9);
        assertEquals(p.valueAtRisk(), mc.valueAtRisk(), p.valueAtRisk() * 0.02);
        double undiversified = ValueAtRisk.parametric(returns[0], 0.99).valueAtRisk() * x[0]
                + ValueAtRisk.parametric(returns[1], 0.99).valueAtRisk() * x[1];
        assertTrue(p.valueAtRisk() < undiversified, "correlation below 1 diversifies");
    }

    @Test
    void rejectsNonFiniteReturnsNamingTheIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueAtRisk.historical(new double[] {0.01, Double.NaN}, 0.95));
        assertTrue(e.getMessage().contains("returns[1]"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> ValueAtRisk.historical(new double[0], 0.95));
        assertThrows(IllegalArgumentException.class,
                () -> ValueAtRisk.historical(new double[] {Double.POSITIVE_INFINITY}, 0.95));
        assertThrows(IllegalArgumentException.class, () -> ValueAtRisk.parametric(new double[] {0.01}, 0.95));
    }

    @Test
    void rejectsConfidenceOutsideTheOpenUnitInterval() {
        for (double c : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> ValueAtRisk.parametric(0, 0.01, c));
        }
    }

    @Test
    void rejectsMismatchedPortfolioShapes() {
        double[][] returns = {{0.01, 0.02}, {0.01}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValueAtRisk.portfolio(VarMethod.HISTORICAL, new double[] {1, 1}, returns, 0.9, 0, 0));
        assertTrue(e.getMessage().contains("returns[1]"), e::getMessage);
        assertThrows(IllegalArgumentException.class, () -> ValueAtRisk.portfolio(VarMethod.HISTORICAL,
                new double[] {1}, new double[][] {{0.01, 0.02}, {0.0, 0.1}}, 0.9, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> ValueAtRisk.portfolio(VarMethod.MONTE_CARLO,
                new double[] {1}, new double[][] {{0.01, 0.02}}, 0.9, 10, 0));
    }

    @Test
    void choleskyRejectsAMatrixThatIsNotPositiveSemiDefinite() {
        assertThrows(IllegalArgumentException.class, () -> ValueAtRisk.cholesky(new double[][] {{1, 2}, {2, 1}}));
        double[][] l = ValueAtRisk.cholesky(new double[][] {{4, 2}, {2, 5}});
        assertEquals(2, l[0][0], 1e-15);
        assertEquals(1, l[1][0], 1e-15);
        assertEquals(2, l[1][1], 1e-15);
    }
}

package dev.sextant.trading.engine.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PerformanceMetricsTest {

    private static double[] equityOf(double[] returns) {
        double[] e = new double[returns.length + 1];
        e[0] = 100;
        for (int i = 0; i < returns.length; i++) {
            e[i + 1] = e[i] * (1 + returns[i]);
        }
        return e;
    }

    @Test
    void sharpeSortinoAndDrawdownMatchHandComputation() {
        double[] r = {0.02, -0.01, 0.02, -0.01, 0.02, -0.01};
        PerformanceMetrics m = PerformanceMetrics.of(equityOf(r), new double[] {5, -2, 3}, 600, 1.5, 252, 1, Double.NaN);
        double mean = 0.005;
        double sd = Math.sqrt(6 * 0.015 * 0.015 / 5);
        assertEquals(mean / sd * Math.sqrt(252), m.sharpe(), 1e-9);
        assertEquals(mean / Math.sqrt(3 * 0.0001 / 6) * Math.sqrt(252), m.sortino(), 1e-9);
        assertEquals(0.01, m.maxDrawdown(), 1e-12);
        assertEquals(2.0 / 3, m.winRate(), 1e-12);
        assertEquals(4.0, m.profitFactor(), 1e-12);
        assertEquals(3, m.trades());
        assertEquals(1.5, m.costs(), 0);
    }

    @Test
    void expectedMaxSharpeMatchesBaileyLopezDePrado() {
        // E[max of 100 standard normal Sharpe ratios] ~= 2.53 (Bailey and Lopez de Prado 2014).
        assertEquals(2.53, PerformanceMetrics.expectedMaxSharpe(100, 1.0), 0.01);
        assertEquals(0, PerformanceMetrics.expectedMaxSharpe(1, 1.0), 0);
    }

    @Test
    void probabilisticSharpeOfNormalReturnsMatchesClosedForm() {
        // For normal returns (skew 0, kurtosis 3): PSR = Phi(SR sqrt(n-1) / sqrt(1 + SR^2 / 2)).
        double sr = 0.1;
        int n = 401;
        double expected = 0.5 * (1 + erf(sr * Math.sqrt(n - 1) / Math.sqrt(1 + sr * sr / 2) / Math.sqrt(2)));
        assertEquals(expected, PerformanceMetrics.probabilisticSharpe(sr, 0, n, 0, 3), 1e-6);
    }

    private static double erf(double x) {
        // Series for erf, converging for the moderate x used here.
        double sum = 0;
        double term = x;
        for (int k = 0; k < 200; k++) {
            sum += term / (2 * k + 1);
            term *= -x * x / (k + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }

    @Test
    void deflatedSharpeFallsAsMoreConfigurationsAreTried() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] r = new double[2000];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.0005 + 0.01 * rnd.nextGaussian();
        }
        double[] e = equityOf(r);
        PerformanceMetrics one = PerformanceMetrics.of(e, new double[0], 0, 0, 252, 1, Double.NaN);
        PerformanceMetrics many = PerformanceMetrics.of(e, new double[0], 0, 0, 252, 50, Double.NaN);
        assertEquals(one.psr(), one.dsr(), 1e-12);
        assertTrue(many.dsr() < one.dsr(), many.dsr() + " vs " + one.dsr());
        assertTrue(Double.isNaN(one.winRate()));
    }

    @Test
    void rejectsNonPositiveEquity() {
        assertThrows(IllegalArgumentException.class,
                () -> PerformanceMetrics.of(new double[] {100, 0, 50}, new double[0], 0, 0, 252, 1, Double.NaN));
    }

    @Test
    void probabilisticSharpeOfAReturnSeriesIsThePsrOfItsEquityCurve() {
        SplittableRandom rng = new SplittableRandom(7);
        double[] r = new double[300];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.001 + 0.01 * rng.nextGaussian();
        }
        double[] e = equityOf(r);
        // of() reads the returns back from the equity curve, which rounds them at 1e-16 relative.
        assertEquals(PerformanceMetrics.of(e, new double[0], 0, 0, 252, 1, Double.NaN).psr(),
                PerformanceMetrics.probabilisticSharpe(r), 1e-9);
        assertEquals(0.5, PerformanceMetrics.probabilisticSharpe(new double[] {0.01, 0.01, 0.01}), 1e-15);
        assertTrue(Double.isNaN(PerformanceMetrics.probabilisticSharpe(new double[] {0.01})));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> PerformanceMetrics.probabilisticSharpe(new double[] {0.01, Double.NaN}));
        assertTrue(bad.getMessage().contains("return 1"), bad.getMessage());
    }
}

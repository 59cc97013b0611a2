package dev.sextant.trading.models.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void computesEveryMetricOnAHandWorkedExample() {
        double[] p = {
            0.7, 0.2, 0.1, // label SELL, predicted SELL
            0.1, 0.3, 0.6, // label HOLD, predicted BUY
            0.2, 0.2, 0.6, // label BUY, predicted BUY
            0.3, 0.4, 0.3, // label SELL, predicted HOLD
        };
        int[] y = {0, 1, 2, 0};
        ClassificationMetrics m = ClassificationMetrics.of(p, y);

        assertEquals(4, m.rows());
        assertEquals(0.5, m.accuracy(), 1e-12);
        assertArrayEquals(new int[][] {{1, 1, 0}, {0, 0, 1}, {0, 0, 1}}, m.confusion());
        assertArrayEquals(new double[] {1.0, 0.0, 0.5}, m.precision(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.0, 1.0}, m.recall(), 1e-12);
        assertArrayEquals(new double[] {2 * 0.5 / 1.5, 0.0, 2 * 0.5 / 1.5}, m.f1(), 1e-12);
        double logLoss = -(Math.log(0.7) + Math.log(0.3) + Math.log(0.6) + Math.log(0.3)) / 4;
        assertEquals(logLoss, m.logLoss(), 1e-12);
        double brier = ((0.09 + 0.04 + 0.01) + (0.01 + 0.49 + 0.36) + (0.04 + 0.04 + 0.16) + (0.49 + 0.16 + 0.09)) / 4;
        assertEquals(brier, m.brier(), 1e-12);
        // Confidences 0.7 (bin 10, right), 0.6 (bin 9, wrong), 0.6 (bin 9, right), 0.4 (bin 6, wrong).
        double ece = (Math.abs(1 - 0.7) + Math.abs(1 - 1.2) + Math.abs(0 - 0.4)) / 4;
        assertEquals(ece, m.ece(), 1e-12);
    }

    @Test
    void perfectConfidentPredictionsHaveZeroLossAndError() {
        ClassificationMetrics m = ClassificationMetrics.of(new double[] {1, 0, 0, 0, 0, 1}, new int[] {0, 2});
        assertEquals(1.0, m.accuracy());
        assertEquals(0.0, m.brier(), 1e-12);
        assertEquals(0.0, m.ece(), 1e-12);
        assertEquals(0.0, m.logLoss(), 1e-12);
    }

    @Test
    void clipsZeroProbabilityOfTheTrueClassInLogLoss() {
        ClassificationMetrics m = ClassificationMetrics.of(new double[] {0, 1, 0}, new int[] {0});
        assertEquals(-Math.log(1e-15), m.logLoss(), 1e-9);
    }

    @Test
    void perRowLossesAreTheTermsOfTheMeans() {
        double[] p = {0.2, 0.5, 0.3, 0.7, 0.2, 0.1};
        assertEquals(-Math.log(0.3), ClassificationMetrics.logLoss(p, 0, 2), 1e-15);
        assertEquals(0.04 + 0.25 + 0.49, ClassificationMetrics.brier(p, 0, 2), 1e-15);
        assertEquals(0.09 + 0.04 + 0.01, ClassificationMetrics.brier(p, 3, 0), 1e-15);
        ClassificationMetrics m = ClassificationMetrics.of(p, new int[] {2, 0});
        assertEquals((ClassificationMetrics.logLoss(p, 0, 2) + ClassificationMetrics.logLoss(p, 3, 0)) / 2, m.logLoss(), 1e-15);
        assertEquals((ClassificationMetrics.brier(p, 0, 2) + ClassificationMetrics.brier(p, 3, 0)) / 2, m.brier(), 1e-15);
    }

    @Test
    void tiesArePredictedAsHoldThenTheLowerIndex() {
        ClassificationMetrics m = ClassificationMetrics.of(
                new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0, 0.5}, new int[] {1, 0});
        assertEquals(1.0, m.accuracy());
    }

    @Test
    void rejectsRowsThatAreNotDistributions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new double[] {0.5, 0.5, 0, 0.5, 0.6, 0}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ClassificationMetrics.of(new double[] {Double.NaN, 0.5, 0.5}, new int[] {0}));
    }

    @Test
    void rejectsLabelsOutOfRangeAndMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new double[] {1, 0, 0}, new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new double[] {1, 0, 0}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics.of(new double[0], new int[0]));
    }

    @Test
    void toMapHoldsEveryMetric() {
        ClassificationMetrics m = ClassificationMetrics.of(new double[] {0.2, 0.5, 0.3}, new int[] {1});
        assertEquals(1, m.toMap().get("rows"));
        assertEquals(1.0, m.toMap().get("accuracy"));
        assertTrue(m.toMap().keySet().containsAll(java.util.List.of("logLoss", "brier", "ece", "confusion", "f1")));
    }

    @Property(tries = 200)
    void metricsStayInTheirRanges(@ForAll("seeds") long seed, @ForAll @IntRange(min = 1, max = 200) int n) {
        java.util.Random rnd = new java.util.Random(seed);
        double[] p = new double[3 * n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextDouble();
            double b = rnd.nextDouble();
            double c = rnd.nextDouble();
            double s = a + b + c;
            p[3 * i] = a / s;
            p[3 * i + 1] = b / s;
            p[3 * i + 2] = 1 - a / s - b / s;
            y[i] = rnd.nextInt(3);
        }
        ClassificationMetrics m = ClassificationMetrics.of(p, y);
        int total = 0;
        for (int[] row : m.confusion()) {
            for (int v : row) {
                total += v;
            }
        }
        assertEquals(n, total);
        assertTrue(m.ece() >= 0 && m.ece() <= 1);
        assertTrue(m.brier() >= 0 && m.brier() <= 2);
        assertTrue(m.logLoss() >= 0);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }
}

package dev.sextant.trading.report.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import dev.sextant.trading.report.internal.Analytics.Heatmap;
import dev.sextant.trading.report.internal.Analytics.Reliability;
import dev.sextant.trading.report.internal.Analytics.Underwater;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AnalyticsTest {
    private static final long DAY = TimeFrame.MILLIS_PER_DAY;
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    private static long[] times(int n, long step) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * step;
        }
        return t;
    }

    @Test
    void underwaterPeriodsRunFromThePeakToTheRecoveryDeepestFirst() {
        double[] e = {100, 110, 99, 105, 111, 108, 111.5, 100};
        List<Underwater> u = Analytics.underwater(times(e.length, DAY), e);
        assertEquals(3, u.size());
        Underwater deepest = u.getFirst();
        assertEquals(100 / 111.5 - 1, deepest.depth(), 1e-12);
        assertEquals(T0 + 6 * DAY, deepest.start());
        assertEquals(-1, deepest.end(), "not recovered");
        Underwater first = u.get(1);
        assertEquals(99 / 110.0 - 1, first.depth(), 1e-12);
        assertEquals(T0 + DAY, first.start());
        assertEquals(T0 + 2 * DAY, first.trough());
        assertEquals(T0 + 4 * DAY, first.end());
        assertEquals(3, first.bars());
    }

    @Property(tries = 200)
    void drawdownIsNeverPositiveAndZeroExactlyAtRunningPeaks(
            @ForAll @Size(min = 1, max = 200) List<@DoubleRange(min = 1, max = 1e6) Double> values) {
        double[] e = values.stream().mapToDouble(Double::doubleValue).toArray();
        double[] dd = Analytics.drawdown(e);
        double peak = 0;
        for (int i = 0; i < e.length; i++) {
            peak = Math.max(peak, e[i]);
            assertTrue(dd[i] <= 0);
            assertEquals(e[i] == peak, dd[i] == 0, "point " + i);
        }
        // Each spell's depth is the lowest drawdown inside it; the deepest is the maximum drawdown.
        List<Underwater> spells = Analytics.underwater(times(e.length, DAY), e);
        double min = Arrays.stream(dd).min().orElseThrow();
        assertEquals(min < 0, !spells.isEmpty());
        if (!spells.isEmpty()) {
            assertEquals(min, spells.getFirst().depth());
        }
    }

    @Property(tries = 200)
    void heatmapCellsCompoundToTheTotalReturn(@ForAll @Size(min = 2, max = 300) List<@DoubleRange(min = -0.05, max = 0.05) Double> r,
            @ForAll @IntRange(min = 0, max = 2) int spacing) {
        long step = new long[] {60_000, 3_600_000, DAY}[spacing];
        double[] e = new double[r.size()];
        e[0] = 100;
        for (int i = 1; i < e.length; i++) {
            e[i] = e[i - 1] * (1 + r.get(i));
        }
        Heatmap h = Analytics.returnsHeatmap(times(e.length, step), e);
        double growth = 1;
        for (double[] c : h.cells()) {
            growth *= 1 + c[2];
            assertTrue(c[0] >= 0 && c[0] < h.cols().size() && c[1] >= 0 && c[1] < h.rows().size());
        }
        // Relative error of a product of at most 300 factors: a few hundred ulps.
        assertEquals(e[e.length - 1] / e[0], growth, 1e-12 * e.length);
    }

    @Test
    void heatmapIsMonthlyForLongDataAndHourlyForAFewDaysOfMinutes() {
        double[] year = new double[400];
        Arrays.fill(year, 100);
        assertEquals("monthly return", Analytics.returnsHeatmap(times(400, DAY), year).title());
        double[] minutes = new double[3 * 1440];
        Arrays.fill(minutes, 100);
        Heatmap h = Analytics.returnsHeatmap(times(minutes.length, 60_000), minutes);
        assertEquals("hourly return (UTC)", h.title());
        assertEquals(List.of("2024-01-01", "2024-01-02", "2024-01-03"), h.rows());
        assertEquals(24, h.cols().size());
        double[] days = new double[40];
        Arrays.fill(days, 100);
        assertEquals("daily return", Analytics.returnsHeatmap(times(40, DAY), days).title());
    }

    @Test
    void rollingSharpeMatchesADirectComputationOnceTheWindowIsFull() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] r = new double[100];
        for (int i = 0; i < r.length; i++) {
            r[i] = 0.001 + 0.01 * (rnd.nextDouble() - 0.5);
        }
        double[] rs = Analytics.rollingSharpe(r, 20, 252);
        assertTrue(Double.isNaN(rs[18]));
        double[] w = Arrays.copyOfRange(r, 50, 70);
        double mean = Arrays.stream(w).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(w).map(x -> (x - mean) * (x - mean)).sum() / 19);
        assertEquals(mean / sd * Math.sqrt(252), rs[69], 1e-9);
    }

    @Test
    void rollingWindowIsADayOfIntradayBarsOrAQuarterOfDailyBarsWithinBounds() {
        assertEquals(1440, Analytics.rollingWindow(100_000, 525_960));
        assertEquals(63, Analytics.rollingWindow(1_000, 252));
        assertEquals(25, Analytics.rollingWindow(100, 525_960));
        assertEquals(20, Analytics.rollingWindow(40, 252));
    }

    @Test
    void aSampleUnderAYearOrUnderThirtyReturnsIsTooShortToAnnualise() {
        assertTrue(Analytics.tooShortToAnnualise(times(5 * 1440, 60_000)));
        assertTrue(Analytics.tooShortToAnnualise(times(20, 30 * DAY)));
        assertFalse(Analytics.tooShortToAnnualise(times(400, DAY)));
        assertEquals(525_960, Analytics.inferPeriodsPerYear(times(10, 60_000)), 1e-6);
    }

    @Property(tries = 200)
    void reliabilityAgreesWithTheEngineExpectedCalibrationError(@ForAll("seeds") long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 50 + rnd.nextInt(300);
        double[] p = new double[3 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double a = rnd.nextDouble();
            double b = rnd.nextDouble();
            double c = rnd.nextDouble();
            double s = a + b + c;
            p[3 * i] = a / s;
            p[3 * i + 1] = b / s;
            p[3 * i + 2] = c / s;
            labels[i] = rnd.nextInt(3);
        }
        Reliability r = Analytics.reliability(p, labels);
        ClassificationMetrics m = ClassificationMetrics.of(p, labels);
        assertEquals(n, Arrays.stream(r.count()).sum());
        // Both sum the same per-bin terms in a different order: the difference is rounding, far below 1e-12.
        assertEquals(m.ece(), r.ece(), 1e-12);
        for (int y = 0; y < 3; y++) {
            assertArrayEquals(m.confusion()[y], Analytics.confusion(p, labels)[y]);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() {
        return net.jqwik.api.Arbitraries.longs();
    }

    @Test
    void unlabelledRowsAreLeftOutOfReliabilityAndConfusion() {
        double[] p = {0.1, 0.1, 0.8, 0.7, 0.2, 0.1};
        int[] labels = {2, -1};
        assertEquals(1, Arrays.stream(Analytics.reliability(p, labels).count()).sum());
        assertEquals(1, Analytics.confusion(p, labels)[2][2]);
        assertEquals(0, Analytics.confusion(p, labels)[0][0]);
    }

    @Property(tries = 100)
    void thinningKeepsTheEndsTheExtremesAndAtMostTheLimit(@ForAll @Size(min = 1, max = 3000) List<@DoubleRange(min = -1e3, max = 1e3) Double> v,
            @ForAll @IntRange(min = 4, max = 500) int max) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).toArray();
        int[] keep = Analytics.thin(a, max);
        assertTrue(keep.length <= Math.max(max, a.length <= max ? a.length : 0) + 2, keep.length + " > " + max);
        assertEquals(0, keep[0]);
        assertEquals(a.length - 1, keep[keep.length - 1]);
        for (int i = 1; i < keep.length; i++) {
            assertTrue(keep[i] > keep[i - 1]);
        }
        double lo = Arrays.stream(a).min().orElseThrow();
        double hi = Arrays.stream(a).max().orElseThrow();
        assertTrue(Arrays.stream(keep).anyMatch(i -> a[i] == lo) && Arrays.stream(keep).anyMatch(i -> a[i] == hi));
    }
}

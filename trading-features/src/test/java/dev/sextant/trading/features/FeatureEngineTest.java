package dev.sextant.trading.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.indicators.Adx;
import dev.sextant.trading.features.indicators.Ema;
import dev.sextant.trading.features.indicators.Rsi;
import dev.sextant.trading.features.indicators.TestBars;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureEngineTest {

    @Test
    void standard24BecomesWarmOnBar33AndWritesTwentyFourFiniteValues() {
        BarSeries apple = TestBars.apple();
        FeatureEngine engine = FeatureEngine.create(FeatureSpec.standard24());
        assertEquals(24, engine.size());
        assertEquals(33, engine.warmUp());
        double[] out = new double[24];
        for (int i = 0; i < apple.size(); i++) {
            boolean ready = engine.onBar(apple.bar(i), out);
            assertEquals(i >= 33, ready, "bar " + i);
            if (ready) {
                for (double v : out) {
                    assertTrue(Double.isFinite(v));
                }
            }
        }
    }

    @Test
    void extended35BecomesWarmOnBar54() {
        FeatureEngine engine = FeatureEngine.create(FeatureSpec.extended35());
        assertEquals(35, engine.size());
        assertEquals(54, engine.warmUp());
        double[][] rows = engine.compute(TestBars.apple());
        assertTrue(Double.isNaN(rows[53][0]));
        assertTrue(Double.isFinite(rows[54][34]));
    }

    @Test
    void featureValuesFollowTheDocumentedFormulas() {
        BarSeries apple = TestBars.apple();
        FeatureSpec spec = FeatureSpec.standard24();
        double[][] rows = FeatureEngine.create(spec).compute(apple);
        double[] rsi = new Rsi(14).compute(apple)[0];
        double[] ema9 = new Ema(9).compute(apple)[0];
        double[][] adx = new Adx(14).compute(apple);
        List<String> names = spec.featureNames();
        int i = 100;
        double c = apple.close(i);
        assertEquals(rsi[i], rows[i][names.indexOf("rsi_14")], 0.0);
        assertEquals(c / ema9[i] - 1, rows[i][names.indexOf("close_ema_9")], 0.0);
        assertEquals((adx[1][i] - adx[2][i]) / (adx[1][i] + adx[2][i]), rows[i][names.indexOf("di_spread_14")], 0.0);
        assertEquals(Math.log(c / apple.close(i - 1)), rows[i][names.indexOf("log_return_1")], 0.0);
        assertEquals((apple.high(i) - apple.low(i)) / c, rows[i][names.indexOf("hl_range_rel")], 0.0);
    }

    @Test
    void outputIsLeftUntouchedBeforeWarmUp() {
        FeatureEngine engine = FeatureEngine.create(FeatureSpec.standard24());
        double[] out = new double[24];
        Arrays.fill(out, 7.0);
        assertFalse(engine.onBar(new Bar(0, 10, 11, 9, 10, 100), out));
        for (double v : out) {
            assertEquals(7.0, v);
        }
    }

    @Test
    void rejectsABarThatIsNotAfterThePreviousOneAndKeepsItsState() {
        BarSeries apple = TestBars.apple();
        FeatureEngine a = FeatureEngine.create(FeatureSpec.standard24());
        FeatureEngine b = FeatureEngine.create(FeatureSpec.standard24());
        double[] outA = new double[24];
        double[] outB = new double[24];
        for (int i = 0; i < 60; i++) {
            a.onBar(apple.bar(i), outA);
            b.onBar(apple.bar(i), outB);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.onBar(apple.bar(59), outA));
        assertTrue(e.getMessage().contains("not after the previous bar"), e.getMessage());
        a.onBar(apple.bar(60), outA);
        b.onBar(apple.bar(60), outB);
        assertEquals(Arrays.toString(outB), Arrays.toString(outA));
    }

    @Test
    void rejectsInvalidPrimitiveBarsAndShortBuffers() {
        FeatureEngine engine = FeatureEngine.create(FeatureSpec.standard24());
        double[] out = new double[24];
        assertThrows(IllegalArgumentException.class, () -> engine.onBar(0, 10, 11, 9, Double.NaN, 1, out));
        assertThrows(IllegalArgumentException.class, () -> engine.onBar(0, 10, 9, 11, 10, 1, out));
        assertThrows(IllegalArgumentException.class, () -> engine.onBar(0, -1, 11, 9, 10, 1, out));
        assertThrows(IllegalArgumentException.class, () -> engine.onBar(0, 10, 11, 9, 10, Double.POSITIVE_INFINITY, out));
        assertThrows(IllegalArgumentException.class, () -> engine.onBar(0, 10, 11, 9, 10, 1, new double[23]));
        assertFalse(engine.onBar(0, 10, 11, 9, 10, 1, out), "a valid bar is still accepted after the rejections");
    }

    @Test
    void resetStartsANewWarmUp() {
        BarSeries apple = TestBars.apple();
        FeatureEngine engine = FeatureEngine.create(FeatureSpec.standard24());
        double[] out = new double[24];
        for (int i = 0; i < 50; i++) {
            engine.onBar(apple.bar(i), out);
        }
        engine.reset();
        double[][] batch = engine.compute(apple);
        for (int i = 0; i < apple.size(); i++) {
            assertEquals(i >= 33, engine.onBar(apple.bar(i), out));
            if (i >= 33) {
                assertEquals(Arrays.toString(batch[i]), Arrays.toString(out));
            }
        }
    }

    @Test
    void higherTimeframeColumnsChangeOnlyWhenTheirBarHasClosed() {
        BarSeries minutes = TestBars.random(42, 600);
        FeatureSpec spec = FeatureSpec.of("mtf", 1, List.of(
                        FeatureDefinition.of("rsi_3", "rsi", "period", 3),
                        FeatureDefinition.of("log_return_1", "log_return")))
                .withTimeframes(List.of(TimeFrame.M1, TimeFrame.M5, TimeFrame.H1));
        assertEquals(List.of("rsi_3", "log_return_1", "rsi_3@5m", "log_return_1@5m", "rsi_3@1h", "log_return_1@1h"),
                spec.featureNames());
        FeatureEngine engine = FeatureEngine.create(spec);
        double[][] rows = engine.compute(minutes);
        int firstWarm = 0;
        while (Double.isNaN(rows[firstWarm][0])) {
            firstWarm++;
        }
        assertEquals(engine.warmUp(), firstWarm, "aligned contiguous minutes: warm-up is exact");
        assertEquals(4 * 60 - 1, firstWarm, "the 1h RSI(3) needs 4 closed hours");
        for (int i = firstWarm + 1; i < rows.length; i++) {
            long end = minutes.time(i) + 60_000;
            boolean closes5m = end % 300_000 == 0;
            boolean closes1h = end % 3_600_000 == 0;
            if (!closes5m) {
                assertEquals(rows[i - 1][2], rows[i][2], 0.0, "5m value changed at row " + i + " before its bar closed");
                assertEquals(rows[i - 1][3], rows[i][3], 0.0, "5m value changed at row " + i + " before its bar closed");
            }
            if (!closes1h) {
                assertEquals(rows[i - 1][4], rows[i][4], 0.0, "1h value changed at row " + i + " before its hour closed");
            }
        }
        // The 5m log return at a closing minute is the log return of the 5m bar that just closed.
        int i = firstWarm + 5 - Math.floorMod(firstWarm + 1, 5);
        long end = minutes.time(i) + 60_000;
        assertEquals(0, end % 300_000);
        double close5 = minutes.close(i);
        double prevClose5 = minutes.close(i - 5);
        assertEquals(Math.log(close5 / prevClose5), rows[i][3], 1e-15);
    }

    /**
     * Bytes allocated so far by this thread (com.sun.management.ThreadMXBean, reached reflectively
     * because the module under test does not read java.management).
     */
    static long allocatedBytes() {
        try {
            Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            return (Long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes").invoke(mx);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("ThreadMXBean allocation counter unavailable", e);
        }
    }

    @Test
    void streamingAllocatesNothingPerBarOnceRunning() {
        BarSeries s = TestBars.random(7, 60_000);
        FeatureEngine engine = FeatureEngine.create(FeatureSpec.standard24());
        double[] out = new double[24];
        int n = s.size();
        long[] t = new long[n];
        double[][] cols = new double[5][n];
        for (int i = 0; i < n; i++) {
            t[i] = s.time(i);
            cols[0][i] = s.open(i);
            cols[1][i] = s.high(i);
            cols[2][i] = s.low(i);
            cols[3][i] = s.close(i);
            cols[4][i] = s.volume(i);
        }
        for (int i = 0; i < 10_000; i++) {
            engine.onBar(t[i], cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i], out);
        }
        allocatedBytes();
        long overhead = -allocatedBytes() + allocatedBytes();
        // The least of five runs of 10,000 bars: one-off allocations of the runtime (compilation
        // bookkeeping, class initialisation) cannot repeat five times, a per-bar allocation would:
        // 10,000 bars allocating even one 16-byte object each would be 160,000 bytes every run.
        long least = Long.MAX_VALUE;
        for (int run = 1; run <= 5; run++) {
            long before = allocatedBytes();
            for (int i = run * 10_000; i < (run + 1) * 10_000; i++) {
                engine.onBar(t[i], cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i], out);
            }
            least = Math.min(least, allocatedBytes() - before - overhead);
        }
        assertTrue(least < 256, "allocated " + least + " bytes over 10,000 bars");
    }
}

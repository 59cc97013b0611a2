package dev.sextant.trading.features.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Invariants of every indicator in {@link IndicatorCatalog} on random valid series: streaming
 * equals batch to 1e-12, values are NaN exactly during warm-up and finite after, and reset
 * restarts from scratch.
 */
class IndicatorProperties {

    static void assertClose(double expected, double actual, double tol, String what) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            assertEquals(Double.isNaN(expected), Double.isNaN(actual), what + ": expected " + expected + " but was " + actual);
            return;
        }
        double scale = Math.max(1.0, Math.max(Math.abs(expected), Math.abs(actual)));
        assertTrue(Math.abs(expected - actual) <= tol * scale, what + ": expected " + expected + " but was " + actual);
    }

    @Property(tries = 60)
    void streamingEqualsBatchToOneInTenToTheTwelve(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int size) {
        BarSeries s = TestBars.random(seed, size);
        for (Supplier<Indicator> factory : IndicatorCatalog.all()) {
            Indicator streaming = factory.get();
            double[][] batch = factory.get().compute(s);
            for (int i = 0; i < s.size(); i++) {
                streaming.update(s.bar(i));
                for (int k = 0; k < streaming.outputs(); k++) {
                    assertClose(batch[k][i], streaming.value(k), 1e-12, streaming.outputNames().get(k) + " at bar " + i);
                }
            }
        }
    }

    @Property(tries = 40)
    void valuesAreNaNExactlyDuringWarmUpAndFiniteAfter(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int size) {
        BarSeries s = TestBars.random(seed, size);
        for (Supplier<Indicator> factory : IndicatorCatalog.all()) {
            Indicator ind = factory.get();
            for (int i = 0; i < s.size(); i++) {
                ind.update(s.bar(i));
                for (int k = 0; k < ind.outputs(); k++) {
                    String what = ind.outputNames().get(k) + " at bar " + i + " (warm-up " + ind.warmUp(k) + ")";
                    if (i < ind.warmUp(k)) {
                        assertTrue(Double.isNaN(ind.value(k)), what + " should be NaN but was " + ind.value(k));
                    } else {
                        assertTrue(Double.isFinite(ind.value(k)), what + " should be finite but was " + ind.value(k));
                    }
                }
                assertEquals(i >= ind.warmUp(), ind.isReady(), ind.name() + " isReady at bar " + i);
                assertEquals(i + 1, ind.barCount());
            }
        }
    }

    @Property(tries = 20)
    void resetRestartsFromScratch(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int size) {
        BarSeries a = TestBars.random(seed, size);
        BarSeries b = TestBars.random(seed + 1, size);
        for (Supplier<Indicator> factory : IndicatorCatalog.all()) {
            Indicator used = factory.get();
            for (int i = 0; i < a.size(); i++) {
                used.update(a.bar(i));
            }
            used.reset();
            assertEquals(0, used.barCount());
            assertFalse(used.isReady() && used.warmUp() > 0);
            Indicator fresh = factory.get();
            for (int i = 0; i < b.size(); i++) {
                used.update(b.bar(i));
                fresh.update(b.bar(i));
                for (int k = 0; k < fresh.outputs(); k++) {
                    assertEquals(fresh.value(k), used.value(k), 0.0, fresh.outputNames().get(k) + " after reset at bar " + i);
                }
            }
        }
    }

    @Property(tries = 30)
    void batchValuesAtOrBeforeTDoNotDependOnLaterBars(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int size,
                                                       @ForAll @IntRange(min = 0, max = 299) int cut) {
        BarSeries s = TestBars.random(seed, size);
        int t = Math.min(cut, size - 1);
        BarSeries other = TestBars.random(~seed, size);
        BarSeries poisoned = new BarSeries(s.name(), s.timeFrame(), size);
        for (int i = 0; i < size; i++) {
            if (i <= t) {
                poisoned.append(s.bar(i));
            } else {
                poisoned.append(s.time(i), other.open(i) * 1000, other.high(i) * 1000, other.low(i) * 1000, other.close(i) * 1000,
                        other.volume(i) * 1e6 + 1);
            }
        }
        for (Supplier<Indicator> factory : IndicatorCatalog.all()) {
            double[][] clean = factory.get().compute(s);
            double[][] dirty = factory.get().compute(poisoned);
            for (int k = 0; k < clean.length; k++) {
                for (int i = 0; i <= t; i++) {
                    assertEquals(clean[k][i], dirty[k][i], 0.0, factory.get().outputNames().get(k) + " at bar " + i
                            + " changed when bars after " + t + " changed");
                }
            }
        }
    }
}

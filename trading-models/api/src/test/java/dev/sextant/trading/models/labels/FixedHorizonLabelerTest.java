package dev.sextant.trading.models.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class FixedHorizonLabelerTest {

    @Test
    void labelsByForwardReturnAgainstKTimesScaledVolatility() {
        // Returns alternate +1%/-1% so sigma is about 1.05% for a window of 4; threshold with k=1, h=2: ~1.5%.
        double[] close = {100, 101, 100, 101, 100, 101, 104, 101, 98, 98, 98};
        Labels l = new FixedHorizonLabeler(2, 1.0, 4).label(close);
        for (int i = 0; i < 4; i++) {
            assertEquals(Labels.UNDEFINED, l.label(i), "warm-up bar " + i);
        }
        assertEquals(2, l.label(4), "100 -> 104 is a BUY");
        assertEquals(1, l.label(5), "101 -> 101 is a HOLD");
        assertEquals(0, l.label(6), "104 -> 98 is a SELL");
        assertEquals(6, l.end(4));
        assertEquals(Labels.UNDEFINED, l.label(9));
        assertEquals(Labels.UNDEFINED, l.label(10));
    }

    @Test
    void labelsTheRealAppleBarsWithAllThreeClasses() {
        double[] close = RealBars.appleCloses();
        Labels l = new FixedHorizonLabeler(5, 0.5, 20).label(close);
        assertEquals(close.length - 20 - 5, l.definedCount());
        int[] counts = l.classCounts();
        for (int c = 0; c < 3; c++) {
            assertTrue(counts[c] > 20, "class " + c + " has " + counts[c] + " bars");
        }
    }

    @Test
    void readsABarSeries() {
        BarSeries s = new BarSeries("t", TimeFrame.parse("1d"));
        double[] close = {10, 11, 10, 11, 12, 13};
        for (int i = 0; i < close.length; i++) {
            s.append(i * 86_400_000L, close[i], close[i], close[i], close[i], 1);
        }
        assertEquals(new FixedHorizonLabeler(1, 0, 2).label(close), new FixedHorizonLabeler(1, 0, 2).label(s));
    }

    @Test
    void rejectsNonPositiveOrNonFiniteClosesNamingTheBar() {
        FixedHorizonLabeler labeler = new FixedHorizonLabeler(1, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> labeler.label(new double[] {1, 2, -3, 4}));
        assertTrue(e.getMessage().contains("bar 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> labeler.label(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> labeler.label(new double[] {1, Double.POSITIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> labeler.label(new double[] {0, 1}));
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new FixedHorizonLabeler(0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new FixedHorizonLabeler(1, -1, 5));
        assertThrows(IllegalArgumentException.class, () -> new FixedHorizonLabeler(1, 1, 1));
    }

    @Property(tries = 100)
    void aLabelNeverDependsOnPricesAfterItsEnd(@ForAll long seed, @ForAll @IntRange(min = 1, max = 10) int horizon,
            @ForAll @IntRange(min = 0, max = 99) int cut) {
        java.util.Random rnd = new java.util.Random(seed);
        double[] close = new double[100];
        close[0] = 100;
        for (int i = 1; i < close.length; i++) {
            close[i] = close[i - 1] * Math.exp(0.01 * rnd.nextGaussian());
        }
        FixedHorizonLabeler labeler = new FixedHorizonLabeler(horizon, 0.7, 10);
        Labels before = labeler.label(close);
        double[] changed = close.clone();
        for (int i = cut + 1; i < changed.length; i++) {
            changed[i] *= 1.5;
        }
        Labels after = labeler.label(changed);
        for (int i = 0; i < close.length; i++) {
            if (before.isDefined(i) && before.end(i) <= cut) {
                assertEquals(before.label(i), after.label(i), "bar " + i);
            }
        }
    }

    @Test
    void descriptionRoundTripsThroughParse() {
        FixedHorizonLabeler l = new FixedHorizonLabeler(10, 0.5, 60);
        assertEquals("fixed horizon 10 bars, k=0.5, volatility window 60", l.description());
        assertEquals(l, FixedHorizonLabeler.parse(l.description()));
        FixedHorizonLabeler odd = new FixedHorizonLabeler(3, 1.0E-4, 2);
        assertEquals(odd, FixedHorizonLabeler.parse(odd.description()));
    }

    @Test
    void parseRejectsOtherTextQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FixedHorizonLabeler.parse("triple barrier 10 bars"));
        assertTrue(e.getMessage().contains("'triple barrier 10 bars'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FixedHorizonLabeler.parse("fixed horizon 0 bars, k=0.5, volatility window 60"));
        assertThrows(IllegalArgumentException.class,
                () -> FixedHorizonLabeler.parse("fixed horizon 5 bars, k=1.2.3, volatility window 60"));
    }
}

package dev.sextant.trading.models.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TripleBarrierLabelerTest {

    // Returns alternate +-1% over the window: sigma ~1.05%; with maxHolding 4, width ~2.1%.
    private static final double[] WARM = {100, 101, 100, 101, 100};

    private static double[] withTail(double... tail) {
        double[] c = new double[WARM.length + tail.length];
        System.arraycopy(WARM, 0, c, 0, WARM.length);
        System.arraycopy(tail, 0, c, WARM.length, tail.length);
        return c;
    }

    @Test
    void upperBarrierFirstIsABuyEndingAtTheTouch() {
        Labels l = new TripleBarrierLabeler(4, 1, 1, 4).label(withTail(101, 103, 95, 95, 95));
        assertEquals(2, l.label(4));
        assertEquals(6, l.end(4));
    }

    @Test
    void lowerBarrierFirstIsASell() {
        Labels l = new TripleBarrierLabeler(4, 1, 1, 4).label(withTail(99, 97, 110, 110, 110));
        assertEquals(0, l.label(4));
        assertEquals(6, l.end(4));
    }

    @Test
    void noTouchByTheVerticalBarrierIsAHold() {
        Labels l = new TripleBarrierLabeler(4, 1, 1, 4).label(withTail(100.5, 99.5, 100.2, 100.1, 130));
        assertEquals(1, l.label(4));
        assertEquals(8, l.end(4));
    }

    @Test
    void asymmetricBarriersUseTheirOwnMultipliers() {
        double[] c = withTail(102.5, 100, 100, 100);
        assertEquals(2, new TripleBarrierLabeler(4, 1, 1, 4).label(c).label(4));
        assertEquals(1, new TripleBarrierLabeler(4, 2, 1, 4).label(c).label(4));
    }

    @Test
    void unresolvedBarsAtTheEndHaveNoLabel() {
        Labels l = new TripleBarrierLabeler(4, 1, 1, 4).label(withTail(100.5, 100.2));
        assertEquals(Labels.UNDEFINED, l.label(4));
        assertEquals(Labels.UNDEFINED, l.label(6));
    }

    @Test
    void labelsTheRealAppleBars() {
        Labels l = new TripleBarrierLabeler(10, 1, 1, 20).label(RealBars.appleCloses());
        int[] counts = l.classCounts();
        for (int c = 0; c < 3; c++) {
            assertTrue(counts[c] > 10, "class " + c + " has " + counts[c]);
        }
        for (int i = 0; i < l.size(); i++) {
            if (l.isDefined(i)) {
                assertTrue(l.end(i) > i && l.end(i) <= i + 10);
            }
        }
    }

    @Test
    void rejectsBadCloseAndParameters() {
        assertThrows(IllegalArgumentException.class, () -> new TripleBarrierLabeler(4, 1, 1, 4).label(withTail(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> new TripleBarrierLabeler(4, 0, 1, 4));
        assertThrows(IllegalArgumentException.class, () -> new TripleBarrierLabeler(4, 1, -1, 4));
        assertThrows(IllegalArgumentException.class, () -> new TripleBarrierLabeler(0, 1, 1, 4));
    }

    @Property(tries = 100)
    void aLabelNeverDependsOnPricesAfterItsEnd(@ForAll long seed, @ForAll @IntRange(min = 1, max = 15) int holding,
            @ForAll @IntRange(min = 0, max = 99) int cut) {
        java.util.Random rnd = new java.util.Random(seed);
        double[] close = new double[100];
        close[0] = 100;
        for (int i = 1; i < close.length; i++) {
            close[i] = close[i - 1] * Math.exp(0.01 * rnd.nextGaussian());
        }
        TripleBarrierLabeler labeler = new TripleBarrierLabeler(holding, 1, 1.5, 10);
        Labels before = labeler.label(close);
        double[] changed = close.clone();
        for (int i = cut + 1; i < changed.length; i++) {
            changed[i] *= 0.5;
        }
        Labels after = labeler.label(changed);
        for (int i = 0; i < close.length; i++) {
            if (before.isDefined(i) && before.end(i) <= cut) {
                assertEquals(before.label(i), after.label(i), "bar " + i);
                assertEquals(before.end(i), after.end(i), "end of bar " + i);
            }
        }
    }
}

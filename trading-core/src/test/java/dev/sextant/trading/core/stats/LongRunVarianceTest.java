package dev.sextant.trading.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LongRunVarianceTest {

    @Test
    void bandwidthFollowsTheNeweyWestRuleOfThumb() {
        assertEquals(1, LongRunVariance.bandwidth(4));
        assertEquals(3, LongRunVariance.bandwidth(40));
        assertEquals(4, LongRunVariance.bandwidth(100));
        assertEquals(6, LongRunVariance.bandwidth(1_000));
        assertEquals(11, LongRunVariance.bandwidth(10_000));
        assertEquals(0, LongRunVariance.bandwidth(1));
    }

    @Test
    void handComputedBartlettEstimate() {
        // mean 2.5; gamma0 = 5/4, gamma1 = 1.25/4; LRV = 1.25 + 2 * (1 - 1/2) * 0.3125
        assertEquals(1.5625, LongRunVariance.neweyWest(new double[] {1, 2, 3, 4}, 1), 1e-15);
        assertEquals(1.25, LongRunVariance.neweyWest(new double[] {1, 2, 3, 4}, 0), 1e-15);
    }

    @Test
    void alternatingSeriesHasAlmostNoLongRunVariance() {
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 2 == 0 ? 1 : -1;
        }
        assertEquals(1, LongRunVariance.neweyWest(x, 0), 1e-12);
        assertTrue(LongRunVariance.neweyWest(x, 9) < 0.11, "negative autocorrelation cancels");
    }

    @Test
    void rejectsEmptyNonFiniteAndOutOfRangeLag() {
        assertThrows(IllegalArgumentException.class, () -> LongRunVariance.neweyWest(new double[0], 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LongRunVariance.neweyWest(new double[] {1, Double.NaN, 3}, 1));
        assertTrue(e.getMessage().contains("value 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LongRunVariance.neweyWest(new double[] {1, 2, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> LongRunVariance.neweyWest(new double[] {1, 2, 3}, -1));
        assertThrows(IllegalArgumentException.class, () -> LongRunVariance.bandwidth(0));
    }

    @Property(tries = 300)
    void estimateIsNonNegativeAndShiftInvariant(@ForAll @Size(min = 2, max = 60) double[] raw,
            @ForAll @IntRange(min = 0, max = 59) int lag, @ForAll @DoubleRange(min = -100, max = 100) double shift) {
        double[] x = new double[raw.length];
        double[] y = new double[raw.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Double.isFinite(raw[i]) ? Math.max(-1e3, Math.min(1e3, raw[i])) : 0;
            y[i] = x[i] + shift;
        }
        int l = Math.min(lag, x.length - 1);
        double a = LongRunVariance.neweyWest(x, l);
        assertTrue(a >= 0, "non-negative");
        // Values up to 1e3 shifted by up to 100: squares near 1e6 carry rounding of ~1e-10 each.
        assertEquals(a, LongRunVariance.neweyWest(y, l), 1e-8 * (1 + a));
    }
}

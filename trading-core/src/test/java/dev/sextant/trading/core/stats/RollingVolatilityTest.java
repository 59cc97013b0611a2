package dev.sextant.trading.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RollingVolatilityTest {

    @Test
    void isTheSampleDeviationOfTheTrailingLogReturns() {
        double[] close = {100, 110, 99, 108.9};
        double[] vol = RollingVolatility.of(close, 2);
        assertTrue(Double.isNaN(vol[0]) && Double.isNaN(vol[1]));
        double r1 = Math.log(1.1);
        double r2 = Math.log(0.9);
        double r3 = Math.log(1.1);
        assertEquals(Math.abs(r1 - r2) / Math.sqrt(2), vol[2], 1e-12);
        assertEquals(Math.abs(r3 - r2) / Math.sqrt(2), vol[3], 1e-12);
    }

    @Test
    void isZeroForAConstantTrend() {
        double[] close = new double[30];
        for (int i = 0; i < close.length; i++) {
            close[i] = 100 * Math.pow(1.01, i);
        }
        assertEquals(0, RollingVolatility.of(close, 10)[29], 1e-12);
    }

    @Property(tries = 200)
    void streamingValueIsBitForBitTheBatchValue(
            @ForAll @Size(min = 1, max = 80) java.util.List<@DoubleRange(min = 0.5, max = 2.0) Double> moves,
            @ForAll @IntRange(min = 2, max = 20) int window) {
        double[] close = walk(moves);
        double[] batch = RollingVolatility.of(close, window);
        RollingVolatility streaming = new RollingVolatility(window);
        for (int i = 0; i < close.length; i++) {
            streaming.update(close[i]);
            assertEquals(i >= window, streaming.isStable());
            assertEquals(Double.doubleToLongBits(batch[i]), Double.doubleToLongBits(streaming.value()),
                    "bar " + i + ": batch " + batch[i] + " streaming " + streaming.value());
        }
    }

    @Test
    void resetForgetsEveryClose() {
        RollingVolatility v = new RollingVolatility(2);
        for (double c : new double[] {100, 110, 99}) {
            v.update(c);
        }
        assertTrue(v.isStable());
        v.reset();
        assertFalse(v.isStable());
        assertTrue(Double.isNaN(v.value()));
    }

    @Test
    void rejectsAWindowBelowTwoAndABadClose() {
        assertThrows(IllegalArgumentException.class, () -> new RollingVolatility(1));
        assertThrows(IllegalArgumentException.class, () -> RollingVolatility.of(new double[3], 1));
        RollingVolatility v = new RollingVolatility(3);
        assertThrows(IllegalArgumentException.class, () -> v.update(0));
        assertThrows(IllegalArgumentException.class, () -> v.update(Double.NaN));
    }

    @Property(tries = 300)
    void agreesWithAnExactTwoPassOverTheLogReturnsUpToTheRoundingOfTheRollingUpdate(
            @ForAll @Size(min = 1, max = 200) java.util.List<@DoubleRange(min = 0.9, max = 1.1) Double> moves,
            @ForAll @IntRange(min = 2, max = 30) int window) {
        double[] close = walk(moves);
        double[] vol = RollingVolatility.of(close, window);
        double[] r = new double[close.length];
        for (int i = 1; i < close.length; i++) {
            r[i] = Math.log(close[i] / close[i - 1]);
        }
        for (int i = window; i < close.length; i++) {
            java.math.BigDecimal m2 = RollingMomentsTest.exactMeanAndM2(r, i - window + 1, i + 1)[1];
            double exactVariance = m2.doubleValue() / (window - 1);
            // The variance within 1e-12 of itself plus the rounding of the rolling update: a few
            // ulps of the largest return squared for each return since the last exact
            // recomputation (at most 2 * window returns back). The bound is on the variance: when a
            // large return leaves the window, the sum of squares cancels down to that rounding, and
            // the deviation then reads its square root (about 1e-8 of the return), not 0.
            double level = 0;
            for (int j = Math.max(1, i - 2 * window + 1); j <= i; j++) {
                level = Math.max(level, Math.abs(r[j]));
            }
            double tolerance = 1e-12 * exactVariance + 8.0 * window * Math.ulp(1.0) * level * level;
            assertEquals(exactVariance, vol[i] * vol[i], tolerance, "bar " + i + " window " + window);
        }
    }

    /** Closes from 100 on, each the previous one times the next move. */
    private static double[] walk(java.util.List<Double> moves) {
        double[] close = new double[moves.size() + 1];
        close[0] = 100;
        for (int i = 1; i < close.length; i++) {
            close[i] = close[i - 1] * moves.get(i - 1);
        }
        return close;
    }

    @Test
    void restoredStateContinuesBitForBit() throws IOException {
        RollingVolatility uninterrupted = new RollingVolatility(5);
        double close = 100;
        for (int i = 0; i < 7; i++) {
            close *= 1 + 0.01 * Math.sin(i * 1.3);
            uninterrupted.update(close);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        uninterrupted.writeState(new DataOutputStream(bytes));
        RollingVolatility restored = new RollingVolatility(5);
        restored.update(3.0);
        restored.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (int i = 7; i < 40; i++) {
            close *= 1 + 0.01 * Math.sin(i * 1.3);
            uninterrupted.update(close);
            restored.update(close);
            assertEquals(Double.doubleToRawLongBits(uninterrupted.value()), Double.doubleToRawLongBits(restored.value()));
        }
        assertTrue(restored.isStable());
    }
}

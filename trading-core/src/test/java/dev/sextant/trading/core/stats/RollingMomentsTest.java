package dev.sextant.trading.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.io.StateFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RollingMomentsTest {

    @Test
    void isTheMeanAndDeviationOfTheLastWindowValues() {
        RollingMoments m = new RollingMoments(3);
        for (double x : new double[] {10, 1, 2, 3}) {
            m.add(x);
        }
        assertTrue(m.isFull());
        assertEquals(4, m.count());
        assertEquals(2.0, m.mean(), 1e-15);
        assertEquals(Math.sqrt(2.0 / 3), m.populationStdDev(), 1e-14);
        assertEquals(1.0, m.sampleStdDev(), 1e-14);
    }

    @Test
    void coversTheValuesSoFarWhileFilling() {
        RollingMoments m = new RollingMoments(5);
        assertTrue(Double.isNaN(m.mean()));
        assertTrue(Double.isNaN(m.populationStdDev()));
        m.add(4);
        assertEquals(4, m.mean());
        assertEquals(0, m.populationStdDev());
        assertTrue(Double.isNaN(m.sampleStdDev()));
        m.add(6);
        assertFalse(m.isFull());
        assertEquals(5, m.mean());
        assertEquals(1, m.populationStdDev(), 1e-15);
        assertEquals(Math.sqrt(2), m.sampleStdDev(), 1e-15);
    }

    @Test
    void aWindowOfEqualValuesHasExactlyThatMeanAndZeroDeviation() {
        RollingMoments m = new RollingMoments(4);
        for (double x : new double[] {1e9 + 0.1, 3, 1e9 + 0.3, 1e9 + 0.3, 1e9 + 0.3, 1e9 + 0.3}) {
            m.add(x);
        }
        assertEquals(1e9 + 0.3, m.mean());
        assertEquals(0.0, m.populationStdDev());
        assertEquals(0.0, m.sampleStdDev());
    }

    @Test
    void resetForgetsEveryValue() {
        RollingMoments m = new RollingMoments(2);
        m.add(1);
        m.add(5);
        m.reset();
        assertEquals(0, m.count());
        assertFalse(m.isFull());
        assertTrue(Double.isNaN(m.mean()));
        m.add(7);
        m.add(9);
        assertEquals(8, m.mean());
        assertEquals(1, m.populationStdDev(), 1e-15);
    }

    @Test
    void rejectsAWindowBelowOneAndARangeOutsideTheInput() {
        assertThrows(IllegalArgumentException.class, () -> new RollingMoments(0));
        double[] out = new double[4];
        assertThrows(IllegalArgumentException.class,
                () -> RollingMoments.meanAndPopulationStdDev(new double[4], 0, 4, 0, out, out));
        assertThrows(IllegalArgumentException.class,
                () -> RollingMoments.meanAndPopulationStdDev(new double[4], 2, 5, 2, out, out));
        assertThrows(IllegalArgumentException.class,
                () -> RollingMoments.meanAndPopulationStdDev(new double[4], 3, 2, 2, out, out));
    }

    @Property(tries = 300)
    void batchIsBitForBitTheStreamingValue(
            @ForAll @Size(min = 1, max = 120) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
            @ForAll @IntRange(min = 1, max = 25) int window,
            @ForAll @IntRange(min = 0, max = 5) int from) {
        double[] in = values.stream().mapToDouble(Double::doubleValue).toArray();
        int start = Math.min(from, in.length);
        double[] mean = new double[in.length];
        double[] sd = new double[in.length];
        RollingMoments.meanAndPopulationStdDev(in, start, in.length, window, mean, sd);
        RollingMoments m = new RollingMoments(window);
        for (int i = start; i < in.length; i++) {
            m.add(in[i]);
            if (i - start >= window - 1) {
                assertEquals(Double.doubleToLongBits(m.mean()), Double.doubleToLongBits(mean[i]), "mean at " + i);
                assertEquals(Double.doubleToLongBits(m.populationStdDev()), Double.doubleToLongBits(sd[i]),
                        "sd at " + i);
            } else {
                assertEquals(0.0, mean[i]);
                assertEquals(0.0, sd[i]);
            }
        }
    }

    @Property(tries = 300)
    void agreesWithAnExactTwoPassUpToTheRoundingOfTheRollingUpdate(
            @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0.5, max = 2.0) Double> moves,
            @ForAll @IntRange(min = 2, max = 40) int window,
            @ForAll @DoubleRange(min = 1, max = 1e6) double level) {
        // A random walk around a level: the case where running sums of squares lose digits.
        double[] x = new double[moves.size()];
        double v = level;
        for (int i = 0; i < x.length; i++) {
            v = level + (v - level) * 0.5 + (moves.get(i) - 1.25) * level * 1e-3;
            x[i] = v;
        }
        RollingMoments m = new RollingMoments(window);
        for (int i = 0; i < x.length; i++) {
            m.add(x[i]);
            if (m.isFull()) {
                BigDecimal[] exact = exactMeanAndM2(x, i - window + 1, i + 1);
                double mean = exact[0].doubleValue();
                double sd = Math.sqrt(exact[1].doubleValue() / window);
                double sample = Math.sqrt(exact[1].doubleValue() / (window - 1));
                assertEquals(mean, m.mean(), 1e-12 * Math.abs(mean), "mean at " + i);
                // The variance within 1e-12 of itself, plus the rounding of the level that no
                // algorithm in doubles avoids (a deviation floor of 1e-13 of the level), plus the
                // rounding of the rolling update: for each value since the last exact recomputation
                // (at most 2 * window values back), a few ulps of their spread times the spread
                // plus the level (the mean is rounded at the level). The last term is why the bound is on the variance: when a far value leaves
                // the window the sum of squares cancels down to that rounding.
                double floor = 1e-13 * level;
                double spread = spread(x, Math.max(0, i - 2 * window + 1), i + 1);
                double update = 8.0 * window * Math.ulp(1.0) * spread * (spread + level);
                double variance = sd * sd;
                double sampleVariance = sample * sample;
                assertEquals(variance, m.populationStdDev() * m.populationStdDev(),
                        1e-12 * variance + 2 * floor * sd + floor * floor + update, "variance at " + i);
                assertEquals(sampleVariance, m.sampleStdDev() * m.sampleStdDev(),
                        1e-12 * sampleVariance + 2 * floor * sample + floor * floor + update,
                        "sample variance at " + i);
            }
        }
    }

    /** The largest value minus the smallest in {@code x[from, to)}. */
    private static double spread(double[] x, int from, int to) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            lo = Math.min(lo, x[j]);
            hi = Math.max(hi, x[j]);
        }
        return hi - lo;
    }

    /** The mean and the sum of squared deviations of {@code x[from, to)} in exact decimal arithmetic. */
    static BigDecimal[] exactMeanAndM2(double[] x, int from, int to) {
        MathContext mc = MathContext.DECIMAL128;
        BigDecimal s = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            s = s.add(new BigDecimal(x[i]));
        }
        BigDecimal mean = s.divide(BigDecimal.valueOf(to - from), mc);
        BigDecimal q = BigDecimal.ZERO;
        for (int i = from; i < to; i++) {
            BigDecimal d = new BigDecimal(x[i]).subtract(mean);
            q = q.add(d.multiply(d));
        }
        return new BigDecimal[] {mean, q};
    }

    static byte[] save(RollingMoments m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.writeState(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    @Property(tries = 200)
    void restoredStateContinuesBitForBit(@ForAll @IntRange(min = 1, max = 30) int window,
            @ForAll @Size(max = 120) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
            @ForAll @IntRange(min = 0, max = 120) int cut) throws IOException {
        int c = Math.min(cut, values.size());
        RollingMoments uninterrupted = new RollingMoments(window);
        for (int i = 0; i < c; i++) {
            uninterrupted.add(values.get(i));
        }
        RollingMoments restored = new RollingMoments(window);
        restored.add(42.0);
        restored.readState(new DataInputStream(new ByteArrayInputStream(save(uninterrupted))));
        for (int i = c; i < values.size(); i++) {
            uninterrupted.add(values.get(i));
            restored.add(values.get(i));
            assertEquals(Double.doubleToRawLongBits(uninterrupted.mean()), Double.doubleToRawLongBits(restored.mean()));
            assertEquals(Double.doubleToRawLongBits(uninterrupted.populationStdDev()),
                    Double.doubleToRawLongBits(restored.populationStdDev()));
            assertEquals(uninterrupted.count(), restored.count());
        }
    }

    @Test
    void stateOfAnotherWindowIsForeign() throws IOException {
        byte[] state = save(new RollingMoments(5));
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> new RollingMoments(6).readState(new DataInputStream(new ByteArrayInputStream(state))));
        assertEquals("rolling moments state: foreign: saved for a window of 5 but this window holds 6", e.getMessage());
    }

    @Test
    void impossiblePositionIsCorrupt() throws IOException {
        byte[] state = save(new RollingMoments(5));
        java.nio.ByteBuffer.wrap(state).putInt(4, 9);
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> new RollingMoments(5).readState(new DataInputStream(new ByteArrayInputStream(state))));
        assertEquals(StateFormatException.Problem.CORRUPT, e.problem());
    }
}

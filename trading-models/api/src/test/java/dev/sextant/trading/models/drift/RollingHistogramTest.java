package dev.sextant.trading.models.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RollingHistogramTest {

    private static ReferenceHistogram uniform() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return ReferenceHistogram.of("x", v, 10);
    }

    @Test
    void aWindowShapedLikeTheReferenceHasZeroStatistics() {
        RollingHistogram h = new RollingHistogram(uniform(), 100);
        for (int i = 0; i < 99; i++) {
            h.add(i * 10 + 5);
        }
        assertFalse(h.isFull());
        h.add(995);
        assertTrue(h.isFull());
        assertEquals(0, h.psi(), 1e-12);
        assertEquals(0, h.ks(), 1e-12);
    }

    @Test
    void aWindowInOneBinHasTheTextbookStatistics() {
        RollingHistogram h = new RollingHistogram(uniform(), 50);
        for (int i = 0; i < 50; i++) {
            h.add(-1);
        }
        double expected = (1 - 0.1) * Math.log(1 / 0.1) + 9 * (RollingHistogram.FLOOR - 0.1) * Math.log(RollingHistogram.FLOOR / 0.1);
        assertEquals(expected, h.psi(), 1e-12);
        assertEquals(0.9, h.ks(), 1e-12);
    }

    @Test
    void theRunningIndexEqualsTheIndexOfTheWindowsCounts() {
        ReferenceHistogram ref = uniform();
        RollingHistogram h = new RollingHistogram(ref, 37);
        Random rnd = new Random(5);
        double[] window = new double[37];
        for (int i = 0; i < 1000; i++) {
            double x = rnd.nextInt(3) == 0 ? -1 : rnd.nextInt(1000);
            window[i % 37] = x;
            h.add(x);
            if (i >= 36) {
                int[] counts = new int[ref.bins()];
                for (double v : window) {
                    counts[ref.binOf(v)]++;
                }
                double expected = 0;
                double[] p = ref.proportions();
                for (int k = 0; k < counts.length; k++) {
                    double a = Math.max(counts[k] / 37.0, RollingHistogram.FLOOR);
                    double e = Math.max(p[k], RollingHistogram.FLOOR);
                    expected += (a - e) * Math.log(a / e);
                }
                assertEquals(expected, h.psi(), 1e-9, "bar " + i);
            }
        }
    }

    @Test
    void theOldestValueLeavesTheWindow() {
        RollingHistogram h = new RollingHistogram(uniform(), 20);
        for (int i = 0; i < 20; i++) {
            h.add(-1);
        }
        double skewed = h.psi();
        Random rnd = new Random(3);
        for (int i = 0; i < 20; i++) {
            h.add(rnd.nextInt(1000));
        }
        assertTrue(h.psi() < skewed / 3, h.psi() + " vs " + skewed);
        assertTrue(h.ks() < 0.5);
    }

    private static byte[] state(RollingHistogram h) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            h.writeState(out);
        }
        return bytes.toByteArray();
    }

    private static void restore(RollingHistogram h, byte[] state) throws IOException {
        h.readState(new DataInputStream(new ByteArrayInputStream(state)));
    }

    /** A grid of {@code bins} equal bins over 0 .. 1000. */
    private static ReferenceHistogram grid(int bins) {
        double[] v = new double[bins * 10];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 1000.0 / v.length;
        }
        return ReferenceHistogram.of("x", v, bins);
    }

    /**
     * Invariant: a histogram saved after any value and restored has bit for bit the statistics of
     * the uninterrupted one on every later value, for grids stored a byte per value and a word.
     */
    @Property(tries = 30)
    void aRestoredHistogramHasTheSameStatistics(@ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int window,
            @ForAll @IntRange(min = 0, max = 400) int cut, @ForAll boolean wideGrid) throws IOException {
        ReferenceHistogram ref = grid(wideGrid ? 300 : 10);
        Random rnd = new Random(seed);
        double[] x = new double[400];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextInt(4) == 0 ? -1 : rnd.nextDouble() * 1000;
        }
        RollingHistogram straight = new RollingHistogram(ref, window);
        RollingHistogram first = new RollingHistogram(ref, window);
        for (int i = 0; i < cut; i++) {
            straight.add(x[i]);
            first.add(x[i]);
        }
        RollingHistogram resumed = new RollingHistogram(ref, window);
        for (int i = 0; i < 2 * window; i++) {
            resumed.add(500);
        }
        restore(resumed, state(first));
        assertArrayEquals(state(first), state(resumed));
        for (int i = cut; i < x.length; i++) {
            straight.add(x[i]);
            resumed.add(x[i]);
            assertEquals(straight.isFull(), resumed.isFull());
            assertEquals(straight.psi(), resumed.psi(), 0, "value " + i);
            assertEquals(straight.ks(), resumed.ks(), 0, "value " + i);
        }
    }

    @Test
    void anImpossibleCountSlotBinOrIndexIsCorruptAndEmptiesTheHistogram() throws IOException {
        RollingHistogram h = new RollingHistogram(uniform(), 50);
        for (int i = 0; i < 70; i++) {
            h.add(i * 13 % 1000);
        }
        byte[] saved = state(h);
        RollingHistogram target = new RollingHistogram(uniform(), 50);
        byte[] cold = state(target);

        byte[] tooMany = saved.clone();
        ByteBuffer.wrap(tooMany).putInt(0, 51);
        StateFormatException count = assertThrows(StateFormatException.class, () -> restore(target, tooMany));
        assertEquals(Problem.CORRUPT, count.problem());
        assertEquals("rolling histogram state: corrupt: holds 51 values with next slot 20, impossible for a window of 50",
                count.getMessage());
        byte[] negative = saved.clone();
        ByteBuffer.wrap(negative).putInt(0, Integer.MIN_VALUE);
        assertEquals(Problem.CORRUPT, assertThrows(StateFormatException.class, () -> restore(target, negative)).problem());

        byte[] slot = saved.clone();
        ByteBuffer.wrap(slot).putInt(4, 50);
        assertEquals(Problem.CORRUPT, assertThrows(StateFormatException.class, () -> restore(target, slot)).problem());

        byte[] bin = saved.clone();
        bin[16 + 7] = 10;
        StateFormatException badBin = assertThrows(StateFormatException.class, () -> restore(target, bin));
        assertEquals("rolling histogram state: corrupt: slot 7 holds bin 10 but the grid has 10 bins", badBin.getMessage());
        assertArrayEquals(cold, state(target), "empty after a failed restore");

        byte[] index = saved.clone();
        ByteBuffer.wrap(index).putDouble(8, h.psi() + 1e-3);
        StateFormatException psi = assertThrows(StateFormatException.class, () -> restore(target, index));
        assertTrue(psi.getMessage().contains("is not that of the bins held"), psi.getMessage());
        assertArrayEquals(cold, state(target), "empty after a failed restore");
    }
}

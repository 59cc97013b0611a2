package dev.sextant.trading.models.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class LabelStreamTest {

    @Test
    void resolvesTheRealAppleBarsExactlyAsTheBatchLabeler() {
        double[] close = RealBars.appleCloses();
        for (FixedHorizonLabeler labeler : new FixedHorizonLabeler[] {
                new FixedHorizonLabeler(5, 0.5, 20), new FixedHorizonLabeler(1, 0, 2), new FixedHorizonLabeler(10, 1.2, 60)}) {
            assertStreamMatchesBatch(labeler, close);
        }
    }

    @Property(tries = 100)
    void resolvesRandomWalksExactlyAsTheBatchLabeler(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int horizon,
            @ForAll @DoubleRange(min = 0, max = 2) double k, @ForAll @IntRange(min = 2, max = 50) int window) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] close = new double[300];
        double price = 100;
        for (int i = 0; i < close.length; i++) {
            price *= Math.exp(0.01 * rng.nextGaussian());
            close[i] = price;
        }
        assertStreamMatchesBatch(new FixedHorizonLabeler(horizon, k, window), close);
    }

    @Test
    void rejectsABadCloseNamingTheBar() {
        LabelStream s = new LabelStream(new FixedHorizonLabeler(2, 0.5, 3));
        s.onClose(100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.onClose(-1));
        assertTrue(e.getMessage().contains("bar 1"), e.getMessage());
        assertEquals(1, s.bars());
    }

    private static void assertStreamMatchesBatch(FixedHorizonLabeler labeler, double[] close) {
        Labels batch = labeler.label(close);
        LabelStream stream = new LabelStream(labeler);
        int h = labeler.horizon();
        for (int j = 0; j < close.length; j++) {
            int resolved = stream.onClose(close[j]);
            int expected = j - h >= 0 ? batch.label(j - h) : Labels.UNDEFINED;
            assertEquals(expected, resolved, labeler + " bar " + (j - h));
        }
        assertEquals(close.length, stream.bars());
    }

    private static byte[] state(LabelStream s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            s.writeState(out);
        }
        return bytes.toByteArray();
    }

    private static void restore(LabelStream s, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            s.readState(in);
            assertEquals(0, in.available(), "read to the end");
        }
    }

    /**
     * Invariant: a stream saved after any close of the real Apple bars and restored (over another
     * stream's state) settles every later label exactly as the uninterrupted one.
     */
    @Property(tries = 30)
    void aRestoredStreamSettlesExactlyAsTheUninterruptedOne(@ForAll @IntRange(min = 0, max = 252) int cut,
            @ForAll @IntRange(min = 1, max = 20) int horizon, @ForAll @IntRange(min = 2, max = 40) int window)
            throws IOException {
        double[] close = RealBars.appleCloses();
        FixedHorizonLabeler labeler = new FixedHorizonLabeler(horizon, 0.5, window);
        LabelStream straight = new LabelStream(labeler);
        int[] expected = new int[close.length];
        for (int i = 0; i < close.length; i++) {
            expected[i] = straight.onClose(close[i]);
        }
        LabelStream first = new LabelStream(labeler);
        int[] got = new int[close.length];
        for (int i = 0; i < cut; i++) {
            got[i] = first.onClose(close[i]);
        }
        LabelStream resumed = new LabelStream(labeler);
        for (int i = close.length - 1; i > close.length - 60; i--) {
            resumed.onClose(close[i]);
        }
        restore(resumed, state(first));
        assertArrayEquals(state(first), state(resumed));
        assertEquals(cut, resumed.bars());
        for (int i = cut; i < close.length; i++) {
            got[i] = resumed.onClose(close[i]);
        }
        assertArrayEquals(expected, got, "cut at " + cut);
        assertArrayEquals(state(straight), state(resumed));
    }

    @Test
    void aStateOfAnotherLabelDefinitionIsForeign() throws IOException {
        LabelStream s = new LabelStream(new FixedHorizonLabeler(5, 0.5, 20));
        for (double c : Arrays.copyOf(RealBars.appleCloses(), 40)) {
            s.onClose(c);
        }
        byte[] saved = state(s);
        LabelStream other = new LabelStream(new FixedHorizonLabeler(5, 0.5, 30));
        StateFormatException e = assertThrows(StateFormatException.class, () -> restore(other, saved));
        assertEquals(Problem.FOREIGN, e.problem());
        assertEquals("label stream state: foreign: saved for labels 'fixed horizon 5 bars, k=0.5, volatility window 20' but "
                + "this stream settles 'fixed horizon 5 bars, k=0.5, volatility window 30'", e.getMessage());
    }

    @Test
    void anImpossibleCountOrCloseIsCorruptAndACutStateEndsTheRead() throws IOException {
        FixedHorizonLabeler labeler = new FixedHorizonLabeler(3, 0.5, 10);
        LabelStream s = new LabelStream(labeler);
        for (double c : Arrays.copyOf(RealBars.appleCloses(), 30)) {
            s.onClose(c);
        }
        byte[] saved = state(s);
        LabelStream target = new LabelStream(labeler);
        // horizon, k and window, then the count of bars.
        byte[] negative = saved.clone();
        ByteBuffer.wrap(negative).putLong(16, -5);
        StateFormatException count = assertThrows(StateFormatException.class, () -> restore(target, negative));
        assertEquals("label stream state: corrupt: a count of -5 bars", count.getMessage());
        byte[] badClose = saved.clone();
        ByteBuffer.wrap(badClose).putDouble(saved.length - 32, -1.0);
        StateFormatException close = assertThrows(StateFormatException.class, () -> restore(target, badClose));
        assertEquals(Problem.CORRUPT, close.problem());
        assertTrue(close.getMessage().contains("holds close -1.0"), close.getMessage());
        assertAsNew(target, labeler);
        for (int length = 0; length < saved.length; length++) {
            byte[] cut = Arrays.copyOf(saved, length);
            assertThrows(EOFException.class, () -> restore(target, cut), "cut at " + length);
            assertEquals(0, target.bars(), "as new after a cut at " + length);
        }
        assertAsNew(target, labeler);
    }

    /** Feeds {@code s} and a new stream the same closes: the same labels and the same state. */
    private static void assertAsNew(LabelStream s, FixedHorizonLabeler labeler) throws IOException {
        assertEquals(0, s.bars());
        LabelStream fresh = new LabelStream(labeler);
        for (double c : Arrays.copyOf(RealBars.appleCloses(), 40)) {
            assertEquals(fresh.onClose(c), s.onClose(c));
        }
        assertArrayEquals(state(fresh), state(s));
    }
}

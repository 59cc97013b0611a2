package dev.sextant.trading.models.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}

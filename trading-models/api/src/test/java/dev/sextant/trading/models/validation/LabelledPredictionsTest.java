package dev.sextant.trading.models.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelledPredictionsTest {

    private static final double[] P = {0.2, 0.3, 0.5, 0.6, 0.3, 0.1, 0.1, 0.8, 0.1};

    @Test
    void indexedKeysAreRowNumbers() {
        LabelledPredictions p = LabelledPredictions.indexed(P, new int[] {2, 0, 1});
        assertArrayEquals(new long[] {0, 1, 2}, p.keys());
        assertEquals(0.6, p.probability(1, 0));
        assertEquals(3, p.size());
    }

    @Test
    void rejectsKeysThatAreNotStrictlyIncreasing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabelledPredictions(new long[] {5, 5, 6}, P, new int[] {0, 1, 2}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void rejectsKeyCountThatDiffersFromRows() {
        assertThrows(IllegalArgumentException.class, () -> new LabelledPredictions(new long[] {1, 2}, P, new int[] {0, 1, 2}));
    }

    @Test
    void sliceKeepsKeysLabelsAndProbabilities() {
        LabelledPredictions s = new LabelledPredictions(new long[] {10, 20, 30}, P, new int[] {2, 0, 1}).slice(1, 3);
        assertArrayEquals(new long[] {20, 30}, s.keys());
        assertArrayEquals(new int[] {0, 1}, s.labels());
        assertArrayEquals(new double[] {0.6, 0.3, 0.1, 0.1, 0.8, 0.1}, s.probabilities());
    }

    @Test
    void copiesItsArrays() {
        double[] p = P.clone();
        LabelledPredictions s = LabelledPredictions.indexed(p, new int[] {2, 0, 1});
        p[0] = 0.9;
        s.probabilities()[1] = 0.9;
        assertEquals(0.2, s.probability(0, 0));
        assertEquals(0.3, s.probability(0, 1));
    }
}

package dev.sextant.trading.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StackingDataTest {

    private static final float[][] X = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};

    @Test
    void contextRowsNeedNoLabels() {
        StackingData d = new StackingData(X, new int[] {-1, 0, 1, 2}, new int[] {-1, 1, 2, 3}, new long[] {1, 2, 3, 4}, 1);
        assertEquals(3, d.samples());
        float[] w = new float[6];
        d.window(3, 3, w);
        assertArrayEquals(new float[] {2, 3, 4, 5, 6, 7}, w);
        assertThrows(IllegalArgumentException.class, () -> d.window(1, 3, new float[6]));
    }

    @Test
    void rejectsBadSampleRows() {
        long[] keys = {1, 2, 3, 4};
        assertThrows(IllegalArgumentException.class,
                () -> StackingData.of(X, new int[] {-1, 0, 1, 2}, new int[] {0, 1, 2, 3}, keys));
        assertThrows(IllegalArgumentException.class,
                () -> StackingData.of(X, new int[] {0, 0, 1, 2}, new int[] {0, 0, 2, 3}, keys));
        assertThrows(IllegalArgumentException.class,
                () -> StackingData.of(X, new int[] {0, 0, 1, 2}, new int[] {0, 1, 2, 3}, new long[] {1, 1, 3, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> StackingData.of(new float[][] {{0}, {Float.NaN}}, new int[] {0, 0}, new int[] {0, 1}, new long[] {1, 2}));
        assertThrows(IllegalArgumentException.class,
                () -> new StackingData(X, new int[] {0, 0, 1, 2}, new int[] {0, 1, 2, 3}, keys, 4));
    }
}

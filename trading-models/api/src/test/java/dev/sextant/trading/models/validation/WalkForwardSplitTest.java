package dev.sextant.trading.models.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WalkForwardSplitTest {

    @Test
    void listsTestRows() {
        WalkForwardSplit s = new WalkForwardSplit(0, new int[] {0, 1}, 4, 7);
        assertArrayEquals(new int[] {4, 5, 6}, s.test());
        assertEquals(3, s.testSize());
        assertEquals(2, s.trainSize());
    }

    @Test
    void rejectsTrainRowsInsideTheTestBlockOrOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new WalkForwardSplit(0, new int[] {1, 5}, 4, 7));
        assertThrows(IllegalArgumentException.class, () -> new WalkForwardSplit(0, new int[] {2, 1}, 4, 7));
        assertThrows(IllegalArgumentException.class, () -> new WalkForwardSplit(0, new int[] {1}, 4, 4));
    }
}

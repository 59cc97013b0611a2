package dev.sextant.trading.models.labels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void countsDefinedLabelsPerClass() {
        Labels l = new Labels(new int[] {-1, 0, 2, 2, -1}, new int[] {-1, 2, 3, 4, -1});
        assertEquals(3, l.definedCount());
        assertArrayEquals(new int[] {1, 0, 2}, l.classCounts());
        assertFalse(l.isDefined(0));
        assertEquals(4, l.end(3));
    }

    @Test
    void rejectsEndsBeforeTheirBarOrPastTheSeries() {
        assertThrows(IllegalArgumentException.class, () -> new Labels(new int[] {0, 1}, new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new Labels(new int[] {0}, new int[] {1}));
    }

    @Test
    void rejectsUndefinedLabelWithAnEndAndClassesOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new Labels(new int[] {-1}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Labels(new int[] {3}, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Labels(new int[] {0}, new int[] {0, 1}));
    }
}

package dev.sextant.trading.models.calibration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FitWindowTest {

    @Test
    void containsItsClosedBounds() {
        FitWindow w = new FitWindow(10, 20, 11);
        assertTrue(w.contains(10));
        assertTrue(w.contains(20));
        assertFalse(w.contains(9));
        assertFalse(w.contains(21));
    }

    @Test
    void rejectsAnInvertedWindowOrNoRows() {
        assertThrows(IllegalArgumentException.class, () -> new FitWindow(5, 4, 1));
        assertThrows(IllegalArgumentException.class, () -> new FitWindow(5, 5, 0));
    }
}

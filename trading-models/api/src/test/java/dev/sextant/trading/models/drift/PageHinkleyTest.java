package dev.sextant.trading.models.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    @Test
    void aConstantStreamNeverAlarms() {
        PageHinkley ph = new PageHinkley(0.01, 1);
        for (int i = 0; i < 10_000; i++) {
            assertFalse(ph.add(0.7));
        }
        assertEquals(0, ph.statistic(), 1e-9);
        assertEquals(0.7, ph.mean(), 1e-12);
    }

    @Test
    void aMeanIncreaseAlarmsSoonAfterItAndRestarts() {
        Random rnd = new Random(11);
        PageHinkley ph = new PageHinkley(0.25, 20);
        for (int i = 0; i < 2000; i++) {
            assertFalse(ph.add(rnd.nextGaussian()), "false alarm at " + i);
        }
        int delay = -1;
        for (int i = 0; i < 1000 && delay < 0; i++) {
            if (ph.add(2 + rnd.nextGaussian())) {
                delay = i;
            }
        }
        assertTrue(delay >= 0 && delay < 40, "delay " + delay);
        assertTrue(ph.statistic() > 20);
        ph.add(0);
        assertEquals(1, ph.count());
    }

    @Test
    void aDecreaseDoesNotAlarm() {
        PageHinkley ph = new PageHinkley(0, 5);
        for (int i = 0; i < 100; i++) {
            ph.add(10);
        }
        for (int i = 0; i < 1000; i++) {
            assertFalse(ph.add(0));
        }
    }

    @Test
    void noAlarmBeforeTheMinimumObservations() {
        PageHinkley ph = new PageHinkley(0, 0.5);
        ph.add(0);
        for (int i = 1; i < PageHinkley.MIN_OBSERVATIONS - 1; i++) {
            assertFalse(ph.add(100));
        }
        assertTrue(ph.add(100));
    }

    @Test
    void rejectsBadSettingsAndValues() {
        assertThrows(IllegalArgumentException.class, () -> new PageHinkley(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new PageHinkley(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new PageHinkley(Double.NaN, 1));
        PageHinkley ph = new PageHinkley(0, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ph.add(Double.NaN));
        assertTrue(e.getMessage().contains("NaN"));
    }
}

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

    private static byte[] state(PageHinkley ph) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ph.writeState(out);
        }
        return bytes.toByteArray();
    }

    private static void restore(PageHinkley ph, byte[] state) throws IOException {
        ph.readState(new DataInputStream(new ByteArrayInputStream(state)));
    }

    /** Invariant: a test saved after any observation and restored alarms exactly as the uninterrupted one. */
    @Property(tries = 30)
    void aRestoredTestAlarmsExactlyAsTheUninterruptedOne(@ForAll long seed,
            @ForAll @IntRange(min = 0, max = 600) int cut) throws IOException {
        double[] x = new double[600];
        Random rnd = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] = (i / 100) % 2 == 1 ? 2 + rnd.nextGaussian() : rnd.nextGaussian();
        }
        PageHinkley straight = new PageHinkley(0.1, 5);
        StringBuilder expected = new StringBuilder();
        for (double v : x) {
            expected.append(straight.add(v) ? 'A' : '.').append(straight.statistic()).append(',');
        }
        assertTrue(expected.indexOf("A") >= 0, "the stream alarms");
        PageHinkley first = new PageHinkley(0.1, 5);
        StringBuilder got = new StringBuilder();
        for (int i = 0; i < cut; i++) {
            got.append(first.add(x[i]) ? 'A' : '.').append(first.statistic()).append(',');
        }
        PageHinkley resumed = new PageHinkley(0.1, 5);
        resumed.add(7);
        restore(resumed, state(first));
        assertArrayEquals(state(first), state(resumed));
        for (int i = cut; i < x.length; i++) {
            got.append(resumed.add(x[i]) ? 'A' : '.').append(resumed.statistic()).append(',');
        }
        assertEquals(expected.toString(), got.toString());
        assertEquals(straight.mean(), resumed.mean());
        assertEquals(straight.count(), resumed.count());
    }

    @Test
    void aStateOfAnotherThresholdIsForeignAndAnImpossibleOneCorrupt() throws IOException {
        PageHinkley ph = new PageHinkley(0.1, 5);
        for (int i = 0; i < 10; i++) {
            ph.add(i);
        }
        byte[] saved = state(ph);
        PageHinkley other = new PageHinkley(0.1, 6);
        other.add(3);
        StateFormatException foreign = assertThrows(StateFormatException.class, () -> restore(other, saved));
        assertEquals(Problem.FOREIGN, foreign.problem());
        assertEquals("page-hinkley state: foreign: saved for delta 0.1 and lambda 5.0 but this test has delta 0.1 and "
                + "lambda 6.0", foreign.getMessage());
        assertEquals(0, other.count(), "restarted");
        // An alarm after 10 observations cannot have happened (at least 30 are needed).
        saved[saved.length - 1] = 1;
        PageHinkley same = new PageHinkley(0.1, 5);
        StateFormatException corrupt = assertThrows(StateFormatException.class, () -> restore(same, saved));
        assertEquals(Problem.CORRUPT, corrupt.problem());
        saved[saved.length - 1] = 0;
        ByteBuffer.wrap(saved).putLong(16, -1);
        assertEquals(Problem.CORRUPT, assertThrows(StateFormatException.class, () -> restore(same, saved)).problem());
        assertEquals(0, same.count());
    }
}

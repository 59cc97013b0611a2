package dev.sextant.trading.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AsOfJoinTest {

    @Test
    void usesTheLatestValueAtOrBeforeTheRowWithinTheStalenessLimit() {
        AsOfJoin j = new AsOfJoin("sentiment", new long[] {100, 200, 300}, new double[] {1, 2, 3}, Duration.ofMillis(50));
        assertTrue(Double.isNaN(j.valueAt(99)), "nothing stamped yet");
        assertEquals(1, j.valueAt(100));
        assertEquals(1, j.valueAt(150));
        assertTrue(Double.isNaN(j.valueAt(151)), "stale");
        assertEquals(2, j.valueAt(200), "stamped exactly at the row time is usable");
        assertEquals(2, j.valueAt(250), 0.0);
        assertTrue(Double.isNaN(j.valueAt(299)), "stale, and never the value stamped at 300, after the row");
    }

    @Test
    void rejectsUnorderedTimesNonFiniteValuesAndRowsGoingBack() {
        assertThrows(IllegalArgumentException.class, () -> new AsOfJoin("x", new long[] {2, 2}, new double[] {1, 1}, Duration.ZERO));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AsOfJoin("x", new long[] {1, 2}, new double[] {1, Double.NaN}, Duration.ZERO));
        assertTrue(e.getMessage().contains("value 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AsOfJoin("x", new long[] {1}, new double[] {1, 2}, Duration.ZERO));
        AsOfJoin j = new AsOfJoin("x", new long[] {1}, new double[] {1}, Duration.ofDays(1));
        j.valueAt(10);
        assertThrows(IllegalArgumentException.class, () -> j.valueAt(9));
    }

    @Property(tries = 100)
    void streamingEqualsBatchAndNeverUsesAFutureValue(@ForAll long seed) {
        Random r = new Random(seed);
        int n = r.nextInt(50);
        long[] t = new long[n];
        double[] v = new double[n];
        long time = r.nextInt(100);
        for (int i = 0; i < n; i++) {
            time += 1 + r.nextInt(100);
            t[i] = time;
            v[i] = i;
        }
        long[] rows = new long[80];
        long rt = 0;
        for (int i = 0; i < rows.length; i++) {
            rt += r.nextInt(80);
            rows[i] = rt;
        }
        AsOfJoin j = new AsOfJoin("x", t, v, Duration.ofMillis(r.nextInt(200)));
        double[] batch = j.join(rows);
        double[] streaming = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            streaming[i] = j.valueAt(rows[i]);
            if (!Double.isNaN(streaming[i])) {
                assertTrue(t[(int) streaming[i]] <= rows[i], "value stamped after the row");
            }
        }
        assertArrayEquals(batch, streaming, 0.0);
    }
}

package dev.sextant.trading.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BarSeriesTest {

    private static BarSeries series(int n) {
        BarSeries s = new BarSeries("s", TimeFrame.M1);
        for (int i = 0; i < n; i++) {
            s.append(i * 60_000L, 10 + i, 11 + i, 9 + i, 10.5 + i, i);
        }
        return s;
    }

    @Test
    void appendsAndReadsColumns() {
        BarSeries s = series(1000);
        assertEquals(1000, s.size());
        assertEquals(999 * 60_000L, s.lastTime());
        assertEquals(10.5 + 500, s.close(500), 0);
        assertEquals(new Bar(0, 10, 11, 9, 10.5, 0), s.bar(0));
    }

    @Test
    void withTimeFrameCopiesTheBarsUnderTheNewLabelAndStaysIndependent() {
        BarSeries s = series(1000);
        BarSeries relabelled = s.withTimeFrame(TimeFrame.H1);
        assertEquals(TimeFrame.H1, relabelled.timeFrame());
        assertEquals("s", relabelled.name());
        assertEquals(1000, relabelled.size());
        assertEquals(1000, relabelled.capacity());
        for (int i = 0; i < 1000; i++) {
            assertEquals(s.bar(i), relabelled.bar(i));
        }
        relabelled.append(1000 * 60_000L, 1, 2, 1, 1, 0);
        assertEquals(1000, s.size(), "appending to the copy must not change the original");
        s.append(1000 * 60_000L, 5, 6, 4, 5, 0);
        assertEquals(1, relabelled.close(1000), 0);

        BarSeries ofView = s.view(10, 13).withTimeFrame(null);
        assertEquals(3, ofView.size());
        assertEquals(s.bar(10), ofView.bar(0));
        assertEquals(s.bar(12), ofView.bar(2));
        assertEquals(null, ofView.timeFrame());
        assertTrue(!ofView.isView());
        assertEquals(16, ofView.capacity());
    }

    @Test
    void ensureCapacityMakesRoomOnceKeepsTheBarsAndRefusesAView() {
        BarSeries s = series(100);
        s.ensureCapacity(5000);
        assertEquals(5000, s.capacity());
        assertEquals(100, s.size());
        assertEquals(series(100).close(99), s.close(99));
        s.ensureCapacity(10);
        assertEquals(5000, s.capacity(), "a smaller request changes nothing");
        BarSeries view = s.view(0, 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.ensureCapacity(20));
        assertTrue(e.getMessage().contains("view"), e.getMessage());
    }

    @Test
    void rejectsNonIncreasingTime() {
        BarSeries s = series(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.append(60_000L, 10, 11, 9, 10, 1));
        assertTrue(e.getMessage().contains("not after"), e.getMessage());
        assertEquals(3, s.size(), "a rejected bar must not change the series");
    }

    @Test
    void rejectsInvalidBarWithoutChangingSeries() {
        BarSeries s = series(3);
        assertThrows(IllegalArgumentException.class, () -> s.append(10_000_000L, 10, 11, 9, Double.NaN, 1));
        assertEquals(3, s.size());
    }

    @Test
    void viewIsZeroCopyAndStaysValidWhileParentGrows() {
        BarSeries s = series(20);
        BarSeries v = s.view(5, 10);
        assertEquals(5, v.size());
        assertEquals(s.time(5), v.time(0));
        for (int i = 20; i < 2000; i++) {
            s.append(i * 60_000L, 10, 11, 9, 10, 1);
        }
        assertEquals(s.close(9), v.close(4), 0);
        assertThrows(IndexOutOfBoundsException.class, () -> v.close(5));
        assertThrows(IllegalStateException.class, () -> v.append(1L << 40, 1, 1, 1, 1, 1));
        BarSeries vv = v.view(1, 3);
        assertEquals(s.time(6), vv.time(0));
    }

    @Test
    void indexOfFindsTimesAndInsertionPoints() {
        BarSeries s = series(10).view(2, 8);
        assertEquals(0, s.indexOf(2 * 60_000L));
        assertEquals(5, s.indexOf(7 * 60_000L));
        assertEquals(-2, s.indexOf(2 * 60_000L + 1));
    }

    @Test
    void usesAtMostSixtyBytesPerBar() {
        // Storage is six primitive columns of 8 bytes per slot (one long[], five double[]), so the
        // heap per bar is 48 x capacity / size plus six array headers.
        int n = 1_000_000;
        BarSeries exact = new BarSeries("exact", TimeFrame.M1, n);
        assertEquals(n, exact.capacity());
        // Grown by appends: capacity never exceeds 1.25 x size (+16), i.e. at most 60 bytes per bar.
        BarSeries grown = new BarSeries("grown", TimeFrame.M1);
        for (int i = 0; i < 300_000; i++) {
            grown.append(i * 60_000L, 10, 11, 9, 10, 1);
            if (i > 1000) {
                assertTrue(grown.capacity() * 48.0 / grown.size() <= 60.0 + 1e-9,
                        "bytes per bar " + grown.capacity() * 48.0 / grown.size() + " at size " + grown.size());
            }
        }
        grown.trimToSize();
        assertEquals(300_000, grown.capacity());
    }
}

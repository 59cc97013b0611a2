package dev.sextant.trading.broker.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ExecutionScheduleTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void twapGivesEverySliceTheSameShare() {
        ExecutionSchedule s = ExecutionSchedule.twap(1_000, 11_000, 4);
        assertEquals(4, s.slices());
        for (int i = 0; i < 4; i++) {
            assertEquals(0.25, s.weight(i), 1e-15);
            assertEquals(1_000 + i * 2_500L, s.sliceStart(i));
        }
        assertEquals(0.5, s.cumulativeFraction(1), 1e-15);
        assertEquals(1.0, s.cumulativeFraction(3));
    }

    @Test
    void findsTheSliceOfAnyTime() {
        ExecutionSchedule s = ExecutionSchedule.twap(0, 10, 3);
        assertEquals(-1, s.sliceAt(-1));
        for (long t = 0; t < 10; t++) {
            int i = s.sliceAt(t);
            assertEquals(true, s.sliceStart(i) <= t && (i == 2 || t < s.sliceStart(i + 1)), "t=" + t);
        }
        assertEquals(3, s.sliceAt(10));
    }

    @Test
    void vwapWeighsSlicesByExpectedVolume() {
        BarSeries history = new BarSeries("h", TimeFrame.H1);
        for (int h = 0; h < 24; h++) {
            history.append(h * HOUR, 10, 11, 9, 10, h == 1 ? 300 : 100);
        }
        VolumeProfile profile = VolumeProfile.fromHistory(history, ZoneOffset.UTC);
        long day = 10 * 24 * HOUR;
        ExecutionSchedule s = ExecutionSchedule.vwap(day, day + 3 * HOUR, 3, profile);
        assertEquals(0.2, s.weight(0), 1e-12);
        assertEquals(0.6, s.weight(1), 1e-12);
        assertEquals(0.2, s.weight(2), 1e-12);
    }

    @Test
    void vwapRefusesAHorizonWithoutExpectedVolume() {
        BarSeries history = new BarSeries("h", TimeFrame.H1);
        history.append(9 * HOUR, 10, 11, 9, 10, 100);
        VolumeProfile profile = VolumeProfile.fromHistory(history, ZoneOffset.UTC);
        assertThrows(IllegalArgumentException.class, () -> ExecutionSchedule.vwap(0, 3 * HOUR, 3, profile));
    }

    @Test
    void rejectsEmptyOrTooShortHorizons() {
        assertThrows(IllegalArgumentException.class, () -> ExecutionSchedule.twap(0, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> ExecutionSchedule.twap(10, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> ExecutionSchedule.twap(0, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> ExecutionSchedule.twap(0, 10, 2).weight(2));
    }
}

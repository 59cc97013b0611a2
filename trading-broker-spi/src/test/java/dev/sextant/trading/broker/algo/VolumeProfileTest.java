package dev.sextant.trading.broker.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.Ta4jJsonBarReader;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class VolumeProfileTest {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private static BarSeries hourly(double[] day1, double[] day2) {
        BarSeries s = new BarSeries("hourly", TimeFrame.H1);
        for (int h = 0; h < 24; h++) {
            s.append(h * HOUR, 10, 11, 9, 10, day1[h]);
        }
        for (int h = 0; h < 24; h++) {
            s.append(DAY + h * HOUR, 10, 11, 9, 10, day2[h]);
        }
        return s;
    }

    @Test
    void averagesEachTimeOfDayOverTheDaysAndSpreadsABinEvenly() {
        double[] d1 = new double[24];
        double[] d2 = new double[24];
        d1[9] = 100;
        d2[9] = 300;
        d1[10] = 50;
        d2[10] = 50;
        VolumeProfile p = VolumeProfile.fromHistory(hourly(d1, d2), ZoneOffset.UTC);
        assertEquals(24, p.bins());
        assertEquals(HOUR, p.binMillis());
        assertEquals(200, p.averageVolume(9), 1e-12);
        assertEquals(50, p.averageVolume(10), 1e-12);
        long day5 = 5 * DAY;
        assertEquals(250, p.expectedVolume(day5 + 9 * HOUR, day5 + 11 * HOUR), 1e-9);
        assertEquals(100 + 12.5, p.expectedVolume(day5 + 9 * HOUR + HOUR / 2, day5 + 10 * HOUR + HOUR / 4), 1e-9);
        assertEquals(0, p.expectedVolume(day5, day5 + 9 * HOUR), 1e-12);
        assertEquals(0, p.expectedVolume(day5, day5), 1e-12);
    }

    @Test
    void needsIntradayBarsWithVolume() {
        BarSeries daily = new BarSeries("daily", TimeFrame.D1);
        daily.append(0, 10, 11, 9, 10, 5);
        assertThrows(IllegalArgumentException.class, () -> VolumeProfile.fromHistory(daily, ZoneOffset.UTC));
        BarSeries sevenMinutes = new BarSeries("7m", TimeFrame.parse("7m"));
        sevenMinutes.append(0, 10, 11, 9, 10, 5);
        assertThrows(IllegalArgumentException.class, () -> VolumeProfile.fromHistory(sevenMinutes, ZoneOffset.UTC));
        assertThrows(IllegalArgumentException.class,
                () -> VolumeProfile.fromHistory(new BarSeries("empty", TimeFrame.H1), ZoneOffset.UTC));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VolumeProfile.fromHistory(hourly(new double[24], new double[24]), ZoneOffset.UTC));
        assertTrue(e.getMessage().contains("no volume"), e.getMessage());
    }

    @Test
    void theEthereumProfileExpectsTheAverageDailyVolumeOverAWholeDay() {
        BarSeries eth = Ta4jJsonBarReader.read(getClass().getResourceAsStream("/ETH-USD-PT5M-2023-3-13_2023-3-15.json"),
                "ETH-USD-PT5M-2023-3-13_2023-3-15.json");
        VolumeProfile p = VolumeProfile.fromHistory(eth, ZoneOffset.UTC);
        assertEquals(288, p.bins());
        double total = 0;
        for (int i = 0; i < eth.size(); i++) {
            total += eth.volume(i);
        }
        long someDay = 1_700_000_000_000L / DAY * DAY;
        assertEquals(total / 3, p.expectedVolume(someDay, someDay + DAY), 1e-6 * total);
    }
}

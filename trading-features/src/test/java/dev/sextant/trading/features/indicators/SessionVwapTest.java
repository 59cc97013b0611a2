package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import org.junit.jupiter.api.Test;

class SessionVwapTest {
    @Test
    void restartsAtEachUtcDay() {
        long day = 86_400_000L;
        BarSeries s = new BarSeries("s", TimeFrame.H1, 4);
        s.append(day - 7_200_000, 10, 10, 10, 10, 1);
        s.append(day - 3_600_000, 20, 20, 20, 20, 3);
        s.append(day, 30, 30, 30, 30, 2);
        s.append(day + 3_600_000, 60, 60, 60, 60, 2);
        assertOutput(SessionVwap::new, s, 0, 10, 17.5, 30, 45);
    }

    @Test
    void usesTheMeanTypicalPriceWhileTheSessionHasNoVolume() {
        assertOutput(() -> new SessionVwap(TimeFrame.H1), hlcv(new double[] {4, 4, 4, 0}, new double[] {8, 8, 8, 0}), 0, 4, 6);
    }
}

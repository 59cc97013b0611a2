package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.BarSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class MacdTest {
    @Test
    void lineSignalAndHistogramFollowSeededEmas() {
        BarSeries s = closes(1, 2, 4, 8, 16, 32);
        double a2 = 2.0 / 3;
        double f1 = 1.5;
        double f2 = f1 + a2 * (4 - f1);
        double f3 = f2 + a2 * (8 - f2);
        double f4 = f3 + a2 * (16 - f3);
        double f5 = f4 + a2 * (32 - f4);
        double s2 = (1 + 2 + 4) / 3.0;
        double s3 = s2 + 0.5 * (8 - s2);
        double s4 = s3 + 0.5 * (16 - s3);
        double s5 = s4 + 0.5 * (32 - s4);
        double l2 = f2 - s2;
        double l3 = f3 - s3;
        double l4 = f4 - s4;
        double l5 = f5 - s5;
        double g3 = (l2 + l3) / 2;
        double g4 = g3 + a2 * (l4 - g3);
        double g5 = g4 + a2 * (l5 - g4);
        assertOutput(() -> new Macd(2, 3, 2, Source.CLOSE), s, 0, Double.NaN, Double.NaN, l2, l3, l4, l5);
        assertOutput(() -> new Macd(2, 3, 2, Source.CLOSE), s, 1, Double.NaN, Double.NaN, Double.NaN, g3, g4, g5);
        assertOutput(() -> new Macd(2, 3, 2, Source.CLOSE), s, 2, Double.NaN, Double.NaN, Double.NaN, l3 - g3, l4 - g4, l5 - g5);
    }

    @Test
    void defaultIsTwelveTwentySixNineWithTaLibWarmUps() {
        Macd m = new Macd();
        assertEquals(List.of("macd", "macd_signal", "macd_hist"), m.outputNames());
        assertEquals(25, m.warmUp(0));
        assertEquals(33, m.warmUp(1));
        assertThrows(IllegalArgumentException.class, () -> new Macd(26, 12, 9, Source.CLOSE));
    }
}

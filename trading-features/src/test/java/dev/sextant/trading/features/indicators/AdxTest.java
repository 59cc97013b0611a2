package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.hlcv;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class AdxTest {
    @Test
    void directionalIndicesAndAdxFollowWilder() {
        BarSeries s = hlcv(new double[] {10, 8, 9, 1}, new double[] {12, 9, 11, 1}, new double[] {11, 7, 8, 1},
                new double[] {13, 10, 12, 1});
        // bar 1: +DM 2, -DM 0, TR 3; bar 2: +DM 0, -DM 2, TR 4 -> +DM 1, -DM 1, TR 3.5 -> DI 28.57 both, DX 0
        // bar 3: +DM 2, -DM 0, TR 5 -> +DM 1.5, -DM 0.5, TR 4.25 -> DX 50; ADX = (0 + 50) / 2
        assertOutput(() -> new Adx(2), s, 1, Double.NaN, Double.NaN, 100 / 3.5, 150 / 4.25);
        assertOutput(() -> new Adx(2), s, 2, Double.NaN, Double.NaN, 100 / 3.5, 50 / 4.25);
        assertOutput(() -> new Adx(2), s, 0, Double.NaN, Double.NaN, Double.NaN, 25);
        assertEquals(27, new Adx().warmUp(0));
    }
}

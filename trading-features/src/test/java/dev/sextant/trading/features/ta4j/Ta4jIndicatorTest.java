package dev.sextant.trading.features.ta4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.features.indicators.Macd;
import dev.sextant.trading.features.indicators.Rsi;
import dev.sextant.trading.features.indicators.TestBars;
import org.junit.jupiter.api.Test;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.OverIndicatorRule;

class Ta4jIndicatorTest {

    @Test
    void exposesSextantValuesAsTa4jNumsWithNaNDuringWarmUp() {
        BarSeries apple = TestBars.apple();
        org.ta4j.core.BarSeries t = Ta4jSeries.toTa4j(apple, DoubleNumFactory.getInstance());
        double[] signal = new Macd().compute(apple)[1];
        Ta4jIndicator ind = Ta4jIndicator.of(t, new Macd(), "macd_signal");
        assertEquals(33, ind.getCountOfUnstableBars());
        assertTrue(ind.getValue(32).isNaN());
        for (int i = 33; i < apple.size(); i++) {
            assertEquals(signal[i], ind.getValue(i).doubleValue(), 0.0, "bar " + i);
        }
        assertTrue(ind.getBarSeries() == t);
        assertThrows(IllegalArgumentException.class, () -> Ta4jIndicator.of(t, new Macd(), "nope"));
    }

    @Test
    void picksUpBarsAppendedToTheTa4jSeriesAndDrivesTa4jRules() {
        BarSeries apple = TestBars.apple();
        org.ta4j.core.BarSeries t = Ta4jSeries.toTa4j(apple.view(0, 100), DoubleNumFactory.getInstance());
        Ta4jIndicator rsi = Ta4jIndicator.of(t, new Rsi(14));
        double before = rsi.getValue(99).doubleValue();
        org.ta4j.core.BarSeries full = Ta4jSeries.toTa4j(apple, DoubleNumFactory.getInstance());
        for (int i = 100; i < 150; i++) {
            t.addBar(full.getBar(i));
        }
        double[] expected = new Rsi(14).compute(apple)[0];
        assertEquals(expected[99], before, 0.0);
        assertEquals(expected[149], rsi.getValue(149).doubleValue(), 0.0);
        OverIndicatorRule overbought = new OverIndicatorRule(rsi, 70);
        for (int i = 14; i < 150; i++) {
            assertEquals(expected[i] > 70, overbought.isSatisfied(i), "bar " + i);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> rsi.getValue(150));
    }
}

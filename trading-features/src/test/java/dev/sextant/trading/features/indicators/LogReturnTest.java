package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogReturnTest {
    @Test
    void isTheLogOfThePriceRatio() {
        assertOutput(LogReturn::new, closes(100, 110, 99), 0, Double.NaN, Math.log(1.1), Math.log(0.9));
        assertOutput(() -> new LogReturn(2, Source.CLOSE), closes(100, 110, 99), 0, Double.NaN, Double.NaN, Math.log(0.99));
    }

    @Test
    void rejectsANonPositiveInput() {
        LogReturn r = new LogReturn(1, Source.VOLUME);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.accept(0));
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }
}

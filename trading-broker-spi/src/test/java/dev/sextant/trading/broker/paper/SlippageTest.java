package dev.sextant.trading.broker.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SlippageTest {

    @Test
    void noneIsZeroAndFixedIgnoresVolume() {
        assertEquals(0, Slippage.none().fraction(10, 100));
        assertEquals(0.0005, Slippage.bps(5).fraction(10, 100), 1e-15);
        assertEquals(0.0005, Slippage.bps(5).fraction(10_000, 1), 1e-15);
    }

    @Test
    void volumeShareIsLinearInTheShareTakenAndCappedAtTheWholeVolume() {
        Slippage s = Slippage.volumeShare(100);
        assertEquals(0.001, s.fraction(10, 100), 1e-15);
        assertEquals(0.01, s.fraction(500, 100), 1e-15);
        assertEquals(0.01, s.fraction(5, 0), 1e-15);
    }

    @Test
    void rejectsNegativeOrNonFiniteBasisPoints() {
        assertThrows(IllegalArgumentException.class, () -> Slippage.bps(-1));
        assertThrows(IllegalArgumentException.class, () -> Slippage.volumeShare(Double.NaN));
    }
}

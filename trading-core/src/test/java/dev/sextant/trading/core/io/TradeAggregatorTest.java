package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.TimeFrame;
import org.junit.jupiter.api.Test;

class TradeAggregatorTest {

    @Test
    void emitsABarOnlyWhenTheNextIntervalStarts() {
        TradeAggregator a = new TradeAggregator(TimeFrame.M1);
        assertNull(a.onTrade(60_000, 10, 1));
        assertNull(a.onTrade(70_000, 12, 2));
        assertNull(a.onTrade(80_000, 9, 3));
        assertNull(a.onTrade(119_999, 11, 4));
        Bar b = a.onTrade(240_000, 20, 5);
        assertEquals(new Bar(60_000, 10, 12, 9, 11, 10), b);
        assertEquals(new Bar(240_000, 20, 20, 20, 20, 5), a.flush());
        assertNull(a.flush());
    }

    @Test
    void rejectsTradesGoingBackInTime() {
        TradeAggregator a = new TradeAggregator(TimeFrame.M1);
        a.onTrade(60_000, 10, 1);
        assertThrows(IllegalArgumentException.class, () -> a.onTrade(59_999, 10, 1));
    }
}

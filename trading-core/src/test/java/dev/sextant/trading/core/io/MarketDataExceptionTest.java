package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarketDataExceptionTest {

    @Test
    void formatsSourceLineFieldValueAndReason() {
        MarketDataException e = new MarketDataException("bars.csv", 1235, "close", "NaN", null, "is not a finite number");
        assertEquals("bars.csv line 1235 field close: value 'NaN' is not a finite number", e.getMessage());
    }

    @Test
    void abbreviatesATenMegabyteValueToOneShortLine() {
        String huge = "9".repeat(10_000_000);
        MarketDataException e = new MarketDataException("bars.csv", 2, "close", huge, null, "is too long");
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().contains("(10000000 chars)"), e.getMessage());
        assertTrue(e.value().length() < 100);
    }

    @Test
    void escapesLineBreaksAndControlCharactersSoTheMessageIsOneLine() {
        MarketDataException e = new MarketDataException("b.csv", 2, "close", "1\r\n2\u0000", null, "is bad");
        assertEquals("b.csv line 2 field close: value '1\\u000d\\u000a2\\u0000' is bad", e.getMessage());
    }
}

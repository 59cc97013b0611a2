package dev.sextant.examples.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Instrument;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExampleVenueConfigTest {

    @Test
    void tradesItsSymbolAsAnEquityOnTheExampleVenue() {
        assertEquals(Instrument.equity("DEMO", "EXAMPLE"),
                new ExampleVenueConfig("127.0.0.1", 4711, "DEMO", Duration.ofSeconds(1)).instrument());
    }

    @Test
    void rejectsABlankHost() {
        assertThrows(IllegalArgumentException.class, () -> new ExampleVenueConfig(" ", 4711, "DEMO", Duration.ofSeconds(1)));
    }

    @Test
    void rejectsAPortOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExampleVenueConfig("127.0.0.1", 0, "DEMO", Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("port"), e.getMessage());
    }

    @Test
    void rejectsABlankSymbol() {
        assertThrows(IllegalArgumentException.class, () -> new ExampleVenueConfig("127.0.0.1", 4711, "", Duration.ofSeconds(1)));
    }

    @Test
    void rejectsANonPositiveTimeout() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExampleVenueConfig("127.0.0.1", 4711, "DEMO", Duration.ZERO));
        assertTrue(e.getMessage().contains("timeout must be positive"), e.getMessage());
    }
}

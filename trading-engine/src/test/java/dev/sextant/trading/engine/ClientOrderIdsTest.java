package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Instrument;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ClientOrderIdsTest {
    private static final Instrument BTC = Instrument.crypto("BTC/USD", "BITSTAMP", "USD");

    @Test
    void idNamesPrefixSymbolAndCloseSecond() {
        ClientOrderIds ids = ClientOrderIds.perBar("momentum");
        assertEquals("momentum-BTCUSD-1385380860", ids.idFor(BTC, Instant.ofEpochSecond(1_385_380_860)));
    }

    @Test
    void closeTimeWithAFractionOfASecondKeepsItsMilliseconds() {
        ClientOrderIds ids = ClientOrderIds.perBar("hft");
        assertEquals("hft-BTCUSD-1385380860.250", ids.idFor(BTC, Instant.ofEpochMilli(1_385_380_860_250L)));
        assertEquals("hft-BTCUSD-1385380860.005", ids.idFor(BTC, Instant.ofEpochMilli(1_385_380_860_005L)));
    }

    @Test
    void prefixMustBeNonBlankAndPlain() {
        assertThrows(IllegalArgumentException.class, () -> ClientOrderIds.perBar(" "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientOrderIds.perBar("a b"));
        assertTrue(e.getMessage().contains("'a b'"), e.getMessage());
    }

    @Test
    void strategiesWithDifferentPrefixesNeverShareAnId() {
        Instant t = Instant.ofEpochSecond(1_700_000_000);
        assertNotEquals(ClientOrderIds.perBar("a").idFor(BTC, t), ClientOrderIds.perBar("b").idFor(BTC, t));
    }

    /** Reproducible: the same instrument and bar give the same id, in a new scheme object too (a restart). */
    @Property(tries = 300)
    void sameBarGivesTheSameIdAfterARestart(@ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long millis) {
        Instant t = Instant.ofEpochMilli(millis);
        assertEquals(ClientOrderIds.perBar("s").idFor(BTC, t), ClientOrderIds.perBar("s").idFor(BTC, t));
    }

    /** Unique: different bars or different symbols (letters and digits) never share an id. */
    @Property(tries = 500)
    void differentBarsOrSymbolsGiveDifferentIds(
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long a, @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long b,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 8) String symbolA,
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 8) String symbolB) {
        Instrument x = Instrument.crypto(symbolA, "V", "USD");
        Instrument y = Instrument.crypto(symbolB, "V", "USD");
        ClientOrderIds ids = ClientOrderIds.perBar("s");
        String idA = ids.idFor(x, Instant.ofEpochMilli(a));
        String idB = ids.idFor(y, Instant.ofEpochMilli(b));
        assertEquals(a == b && symbolA.equals(symbolB), idA.equals(idB), idA + " vs " + idB);
    }
}

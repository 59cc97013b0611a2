package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Ta4jJsonBarReaderTest {

    private static MarketDataException reject(String json) {
        return assertThrows(MarketDataException.class,
                () -> Ta4jJsonBarReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json"));
    }

    @Test
    void rejectsInvalidBarNamingTheRecordAndField() {
        MarketDataException e = reject("""
                {"name":"X_PT1M@V","ohlc":[
                 {"endTime":59999,"openPrice":1,"highPrice":2,"lowPrice":1,"closePrice":1.5,"volume":1},
                 {"endTime":119999,"openPrice":1,"highPrice":0.5,"lowPrice":1,"closePrice":1.5,"volume":1}]}""");
        assertEquals("ohlc[1].highPrice", e.field());
    }

    @Test
    void rejectsMalformedJson() {
        MarketDataException e = reject("{\"ohlc\": [");
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void rejectsMissingField() {
        MarketDataException e = reject("{\"name\":\"X_PT1M@V\",\"ohlc\":[{\"endTime\":59999,\"openPrice\":1}]}");
        assertEquals("ohlc[0].highPrice", e.field());
    }

    @Test
    void rejectsOutOfOrderBars() {
        MarketDataException e = reject("""
                {"name":"X_PT1M@V","ohlc":[
                 {"endTime":119999,"openPrice":1,"highPrice":2,"lowPrice":1,"closePrice":1.5,"volume":1},
                 {"endTime":59999,"openPrice":1,"highPrice":2,"lowPrice":1,"closePrice":1.5,"volume":1}]}""");
        assertEquals("ohlc[1].endTime", e.field());
    }

    private static String bars(String end, String close) {
        return "{\"name\":\"X_PT1M@V\",\"ohlc\":[{\"endTime\":" + end
                + ",\"openPrice\":1,\"highPrice\":2,\"lowPrice\":0.5,\"closePrice\":" + close + ",\"volume\":1}]}";
    }

    @Test
    void rejectsEndTimeBeyondTheSupportedRangeInsteadOfCasting() {
        for (String end : new String[] {"1e30", "9223372036854775807", "-9223372036854775809", "99999999999999999999999"}) {
            MarketDataException e = reject(bars(end, "1.5"));
            assertEquals("ohlc[0].endTime", e.field(), end);
            assertTrue(e.getMessage().contains("outside the supported range"), e.getMessage());
        }
    }

    @Test
    void rejectsFractionalEndTimeButAcceptsAZeroFraction() {
        MarketDataException e = reject(bars("59999.5", "1.5"));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
        var s = Ta4jJsonBarReader.read(new ByteArrayInputStream(bars("1678730699999.0", "1.5").getBytes(StandardCharsets.UTF_8)),
                "x.json");
        assertEquals(1678730640000L, s.time(0));
    }

    @Test
    void rejectsPriceBeyondTheRangeOfADouble() {
        MarketDataException e = reject(bars("59999", "1e400"));
        assertEquals("ohlc[0].closePrice", e.field());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void rejectsAKeyGivenTwice() {
        MarketDataException e = reject(bars("59999", "1.5, \"closePrice\": 1.6"));
        assertEquals("ohlc[0].closePrice", e.field());
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
    }

    @Test
    void rejectsNumbersOutsideJsonGrammarAndStrings() {
        for (String close : new String[] {"NaN", "0x10", "+1", ".5", "01"}) {
            MarketDataException e = reject(bars("59999", close));
            assertTrue(e.getMessage().contains("not valid JSON"), close + ": " + e.getMessage());
        }
        MarketDataException e = reject(bars("59999", "\"1.5\""));
        assertEquals("ohlc[0].closePrice", e.field());
    }

    @Test
    void errorsNameTheLineOfTheRecord() {
        MarketDataException e = reject("{\"name\":\"X_PT1M@V\",\"ohlc\":[\n"
                + "{\"endTime\":59999,\"openPrice\":1,\"highPrice\":2,\"lowPrice\":0.5,\"closePrice\":1,\"volume\":1},\n"
                + "{\"endTime\":119999,\"openPrice\":1,\"highPrice\":2,\"lowPrice\":0.5,\"closePrice\":\"x\",\"volume\":1}]}");
        assertEquals(3, e.line());
    }

    @Test
    void anOverLongStringIsATypedError() {
        MarketDataException e = reject("{\"name\":\"" + "n".repeat(100_000) + "\",\"ohlc\":[]}");
        assertTrue(e.getMessage().length() < 400, e.getMessage());
    }
}

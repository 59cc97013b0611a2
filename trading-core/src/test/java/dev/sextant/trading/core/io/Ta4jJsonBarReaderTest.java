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
}

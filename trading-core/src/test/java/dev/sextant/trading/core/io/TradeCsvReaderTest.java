package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Trade;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeCsvReaderTest {
    @TempDir
    Path dir;

    private List<Trade> read(String... lines) throws IOException {
        Path p = dir.resolve("trades.csv");
        Files.write(p, List.of(lines));
        return TradeCsvReader.readAll(p);
    }

    @Test
    void readsEqualTimestampsInOrder() throws IOException {
        List<Trade> t = read("timestamp,price,amount", "1385337613,800.05,0.27", "1385337613,800.06,0.17");
        assertEquals(2, t.size());
        assertEquals(1385337613000L, t.get(1).time());
    }

    @Test
    void rejectsTradeEarlierThanThePrevious() {
        MarketDataException e = assertThrows(MarketDataException.class,
                () -> read("timestamp,price,amount", "1385337613,800,1", "1385337612,800,1"));
        assertEquals(3, e.line());
        assertEquals("timestamp", e.field());
    }

    @Test
    void rejectsNonPositivePrice() {
        MarketDataException e = assertThrows(MarketDataException.class,
                () -> read("timestamp,price,amount", "1385337613,0,1"));
        assertEquals("price", e.field());
    }

    @Test
    void rejectsNegativeAmount() {
        MarketDataException e = assertThrows(MarketDataException.class,
                () -> read("timestamp,price,amount", "1385337613,10,-1"));
        assertEquals("amount", e.field());
        assertTrue(e.getMessage().contains("negative"));
    }

    @Test
    void rejectsNaNPrice() {
        MarketDataException e = assertThrows(MarketDataException.class,
                () -> read("timestamp,price,amount", "1385337613,NaN,1"));
        assertEquals("price", e.field());
    }

    @Test
    void rejectsMissingAmountColumn() {
        MarketDataException e = assertThrows(MarketDataException.class, () -> read("timestamp,price", "1,2"));
        assertEquals(1, e.line());
        assertEquals("amount", e.field());
    }

    @Test
    void javaOnlyNumberSyntaxIsRejected() throws IOException {
        for (String amount : new String[] {"0x1p6", "100d", "1e400"}) {
            MarketDataException e = org.junit.jupiter.api.Assertions.assertThrows(MarketDataException.class,
                    () -> TradeCsvReader.readAll(new java.io.ByteArrayInputStream(("timestamp,price,amount\n1385337600,800,"
                            + amount + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)), "t.csv"));
            assertEquals("amount", e.field(), amount);
            assertEquals(2, e.line());
        }
    }
}

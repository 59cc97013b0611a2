package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SessionHistoryTest {
    private static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");
    private static final long T0 = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private static JournalEvent.BarConsumed bar(int i, double close) {
        return new JournalEvent.BarConsumed(BTC.id(), TimeFrame.M1.label(), i, T0 + i * MINUTE, close, close + 1, close - 1,
                close, 10);
    }

    private static JournalEvent.FillReceived fill(String order, String instrument, String side, double qty, double price,
            double fee, int minute) {
        return new JournalEvent.FillReceived(order, "e-" + order, instrument, side, qty, price, fee,
                Instant.ofEpochMilli(T0 + minute * MINUTE));
    }

    private Journal journal(JournalEvent... events) {
        Journal j = Journal.open(JournalStores.sqlite(dir.resolve("j.db")));
        for (JournalEvent e : events) {
            j.append(e, Instant.ofEpochMilli(T0));
        }
        return j;
    }

    @Test
    void marksEachBarsCloseAfterItsFillsAndWritesTheBacktestFormats() throws IOException {
        try (Journal j = journal(bar(0, 100), fill("o1", BTC.id(), "BUY", 2, 100.5, 0.1, 1), bar(1, 110),
                fill("o2", BTC.id(), "SELL", 2, 109, 0.2, 2), bar(2, 105))) {
            SessionHistory h = SessionHistory.fromJournal(j, BTC, 1_000);
            assertArrayEquals(new long[] {T0 + MINUTE, T0 + 2 * MINUTE, T0 + 3 * MINUTE}, h.times());
            // Bar 0: cash 1000 - 201 - 0.1, two units at 100. Bar 1: sold at 109 less 0.2 fee, flat.
            assertArrayEquals(new double[] {998.9, 1016.7, 1016.7}, h.equity(), 1e-9);
            assertArrayEquals(new double[] {798.9, 1016.7, 1016.7}, h.cash(), 1e-9);
            assertEquals(List.of("o1", "o2"), h.fills().stream().map(f -> f.clientOrderId()).toList());

            BacktestConfig cfg = BacktestConfig.builder(BTC, TimeFrame.M1).initialCash(1_000).build();
            h.write(cfg, "paper", dir.resolve("report"));
            Path r = dir.resolve("report");
            List<String> equity = Files.readAllLines(r.resolve("equity.csv"));
            assertEquals(4, equity.size());
            assertEquals("timestamp,equity", equity.get(0));
            assertEquals("2024-01-02T00:02:00Z", equity.get(2).split(",")[0]);
            assertEquals(1016.7, Double.parseDouble(equity.get(2).split(",")[1]), 1e-9);
            assertEquals(3, Files.readAllLines(r.resolve("trades.csv")).size());
            String[] exposure = Files.readAllLines(r.resolve("exposure.csv")).get(1).split(",");
            assertEquals("2024-01-02T00:01:00Z", exposure[0]);
            assertEquals(798.9, Double.parseDouble(exposure[1]), 1e-9);
            assertEquals(200, Double.parseDouble(exposure[2]), 1e-9);
            assertEquals(200 / 998.9, Double.parseDouble(exposure[3]), 1e-12);
            JsonNode metrics = JsonMapper.builder().build().readTree(Files.readString(r.resolve("backtest.json")));
            assertEquals(1, metrics.get("trades").asInt(), "one closed round trip");
            assertEquals(2, metrics.get("fills").asInt());
            assertEquals(0.3, metrics.get("costs").asDouble(), 1e-12);
            assertEquals(0.0167, metrics.get("total_return").asDouble(), 1e-9);
            assertEquals("paper", JsonMapper.builder().build().readTree(Files.readString(r.resolve("run.json"))).get("kind")
                    .asString());
        }
    }

    @Test
    void anEmptyJournalHasNoBars() {
        try (Journal j = journal()) {
            assertEquals(0, SessionHistory.fromJournal(j, BTC, 1_000).size());
        }
    }

    @Test
    void aFillInAnotherInstrumentIsRefusedNamingTheRecord() {
        try (Journal j = journal(bar(0, 100), fill("o1", "ETH/USD@PAPER", "BUY", 1, 10, 0, 1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SessionHistory.fromJournal(j, BTC, 1_000));
            assertEquals("journal " + j.location() + " seq 2 field instrument: fill e-o1 is in ETH/USD@PAPER but the session"
                    + " trades BTC/USD@PAPER", e.getMessage());
        }
    }
}

package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.internal.EventCodec;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification and export details beyond the conformance suite (which runs them on every backend). */
class AuditTrailTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyJournalIsIntact() {
        try (JournalStore store = JournalStores.sqlite(dir.resolve("j.db"))) {
            assertEquals(new AuditVerification.Intact(0, EventCodec.GENESIS_HASH, 0), AuditTrail.verify(store));
        }
    }

    @Test
    void exportsAnOrderRejectedByThePreTradeChecksWithoutARequest() {
        Path file = dir.resolve("j.db");
        Instant close = Instant.parse("2026-03-02T15:00:00Z");
        try (Journal journal = Journal.open(JournalStores.sqlite(file))) {
            journal.append(new JournalEvent.RiskDecided("BTC/USD@BITSTAMP", "BTC/USD-9", "REJECTED",
                    List.of("DAILY_LOSS_LIMIT"), 1.0, 0, "", "daily loss limit reached"), close);
            journal.append(new JournalEvent.DecisionMade("BTC/USD@BITSTAMP", close, "REJECTED", "BTC/USD-9",
                    "rejected: DAILY_LOSS_LIMIT"), close);
        }
        StringWriter out = new StringWriter();
        try (JournalStore store = JournalStores.sqlite(file)) {
            assertEquals(1, AuditTrail.exportOrders(store, out));
        }
        var order = EventCodec.mapper().readTree(out.toString());
        assertEquals("REJECTED_BY_CHECKS", order.get("status").asString());
        assertTrue(order.get("request").isNull());
        assertEquals("DAILY_LOSS_LIMIT", order.get("checks").get("reasonCodes").get(0).asString());
        assertEquals(0, order.get("fills").size());
    }
}

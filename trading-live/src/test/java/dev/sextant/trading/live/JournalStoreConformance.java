package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.internal.EventCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The journal conformance suite: every {@link JournalStore} backend must pass it. A backend's
 * test extends this class and says how to open a fresh journal, reopen it, and reach its rows
 * with raw SQL (to simulate torn writes and tampering).
 */
abstract class JournalStoreConformance {

    /** A store on a new, empty journal; later calls to {@link #reopen()} open the same one. */
    abstract JournalStore freshStore();

    /** A new store on the journal of the last {@link #freshStore()}. */
    abstract JournalStore reopen();

    /** A raw connection to the last fresh journal's database (autocommit on); the caller closes it. */
    abstract Connection raw() throws SQLException;

    /** The SQL condition that selects the last fresh journal's rows, ending in {@code AND}, or empty. */
    abstract String scope();

    private static final Instant CLOCK = Instant.parse("2026-03-02T15:00:00.000001Z");

    private static JournalOptions options() {
        return JournalOptions.defaults().withWallClock(() -> CLOCK);
    }

    private List<JournalRecord> fill(int count) {
        List<JournalRecord> written = new ArrayList<>();
        try (Journal journal = Journal.open(freshStore(), options().withCheckpointInterval(4))) {
            List<JournalEvent> events = SampleEvents.oneOfEach();
            for (int i = 0; i < count; i++) {
                written.add(journal.append(events.get(i % events.size()), SampleEvents.T0.plusSeconds(i)));
            }
        }
        return written;
    }

    private List<JournalRecord> replayAll() {
        List<JournalRecord> read = new ArrayList<>();
        try (Journal journal = Journal.open(reopen(), options())) {
            journal.replay(1, read::add);
        }
        return read;
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = raw(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }

    private AuditVerification verify() {
        try (JournalStore store = reopen()) {
            return AuditTrail.verify(store);
        }
    }

    private String payloadOf(long seq) {
        try (JournalStore store = reopen()) {
            return store.row(seq).orElseThrow().payload();
        }
    }

    @Test
    void replaysEveryEventTypeExactlyAsAppended() {
        List<JournalRecord> written = fill(SampleEvents.oneOfEach().size());
        List<JournalRecord> read = replayAll();
        assertEquals(written, read);
        assertEquals(SampleEvents.oneOfEach(), read.stream().map(JournalRecord::event).toList());
        assertEquals(Instant.parse("2026-03-02T14:30:00.123456Z"), read.getFirst().time(), "microsecond resolution");
        assertEquals(CLOCK, read.getFirst().receivedAt());
    }

    @Test
    void storesOneRowPerEventWithSeqAndJsonPayload() throws SQLException {
        fill(5);
        try (Connection c = raw(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT seq, payload FROM events WHERE " + scope() + "1 = 1 ORDER BY seq")) {
            long expected = 1;
            while (rs.next()) {
                assertEquals(expected, rs.getLong("seq"));
                assertTrue(rs.getString("payload").startsWith("{\"event\":{"), rs.getString("payload"));
                expected++;
            }
            assertEquals(6, expected);
        }
    }

    @Test
    void continuesTheChainAfterReopening() {
        fill(3);
        String head;
        try (Journal journal = Journal.open(reopen(), options())) {
            assertEquals(3, journal.lastSeq());
            head = journal.headHash();
            JournalRecord next = journal.append(SampleEvents.oneOfEach().get(3), SampleEvents.T0);
            assertEquals(4, next.seq());
            assertEquals(EventCodec.chainHash(head, EventCodec.encode(4, next.time(), next.receivedAt(), next.event())),
                    next.hash());
        }
        assertEquals(4, replayAll().size());
        assertInstanceOf(AuditVerification.Intact.class, verify());
    }

    @Test
    void durableAppendIsCommittedWhenItReturnsButBufferedAppendsWaitForTheGroup() {
        try (Journal journal = Journal.open(freshStore(), options().withGroupSize(3))) {
            journal.append(SampleEvents.oneOfEach().get(0), SampleEvents.T0);
            journal.append(SampleEvents.oneOfEach().get(1), SampleEvents.T0);
            try (JournalStore other = reopen()) {
                assertTrue(other.last().isEmpty(), "two buffered records are not committed yet");
            }
            journal.append(SampleEvents.oneOfEach().get(2), SampleEvents.T0);
            try (JournalStore other = reopen()) {
                assertEquals(3, other.last().orElseThrow().seq(), "the third record completes the group");
            }
            journal.append(SampleEvents.oneOfEach().get(3), SampleEvents.T0);
            journal.appendDurably(SampleEvents.oneOfEach().get(5), SampleEvents.T0);
            try (JournalStore other = reopen()) {
                assertEquals(5, other.last().orElseThrow().seq(), "a durable append commits itself and all before it");
            }
        }
    }

    @Test
    void writesACheckpointOfTheChainHeadEveryInterval() {
        List<JournalRecord> written = fill(10);
        try (JournalStore store = reopen()) {
            List<JournalStore.Checkpoint> checkpoints = store.checkpoints();
            assertEquals(List.of(4L, 8L), checkpoints.stream().map(JournalStore.Checkpoint::seq).toList());
            assertEquals(written.get(3).hash(), checkpoints.get(0).hash());
            assertEquals(written.get(7).hash(), checkpoints.get(1).hash());
        }
        assertEquals(new AuditVerification.Intact(10, written.getLast().hash(), 2), verify());
    }

    @Test
    void refusesASequenceNumberThatIsTakenAndKeepsTheJournal() {
        fill(2);
        try (JournalStore store = reopen()) {
            JournalStore.Row taken = new JournalStore.Row(2, store.row(2).orElseThrow().payload(), "00".repeat(32));
            assertThrows(JournalException.class, () -> store.append(List.of(taken), List.of()));
            assertEquals(2, store.last().orElseThrow().seq());
        }
        assertInstanceOf(AuditVerification.Intact.class, verify());
    }

    @Test
    void repairsATruncatedLastRecordOnOpenAndKeepsEverythingBeforeIt() throws SQLException {
        List<JournalRecord> written = fill(6);
        String payload = payloadOf(6);
        update("UPDATE events SET payload = ? WHERE " + scope() + "seq = 6", payload.substring(0, payload.length() / 2));
        assertEquals(new AuditVerification.Broken(6, verify() instanceof AuditVerification.Broken b ? b.problem() : ""),
                verify(), "before repair, verification names the torn record");
        try (Journal journal = Journal.open(reopen(), options())) {
            TornRecord torn = journal.repairedTail().orElseThrow();
            assertEquals(6, torn.seq());
            assertTrue(torn.reason().contains("not valid JSON"), torn.reason());
            assertEquals(5, journal.lastSeq());
            assertEquals(written.get(4).hash(), journal.headHash());
            assertEquals(6, journal.append(SampleEvents.oneOfEach().get(6), SampleEvents.T0).seq());
        }
        List<JournalRecord> read = replayAll();
        assertEquals(written.subList(0, 5), read.subList(0, 5));
        assertInstanceOf(AuditVerification.Intact.class, verify());
        try (JournalStore store = reopen()) {
            assertEquals(List.of(6L), store.quarantined().stream().map(JournalStore.Row::seq).toList());
        }
    }

    @Test
    void repairsALastRecordWhoseHashWasNotFullyWritten() throws SQLException {
        fill(3);
        update("UPDATE events SET hash = ? WHERE " + scope() + "seq = 3", "0".repeat(64));
        try (Journal journal = Journal.open(reopen(), options())) {
            assertEquals(3, journal.repairedTail().orElseThrow().seq());
            assertEquals(2, journal.lastSeq());
        }
        try (Journal journal = Journal.open(reopen(), options())) {
            assertFalse(journal.repairedTail().isPresent(), "an intact journal needs no repair");
        }
    }

    @Test
    void verifyNamesAModifiedRecord() throws SQLException {
        fill(8);
        update("UPDATE events SET payload = ? WHERE " + scope() + "seq = 5", payloadOf(5).replace("\"seq\":5", "\"seq\":5 "));
        assertEquals(5, ((AuditVerification.Broken) verify()).seq());
        // A modification that keeps the form canonical is caught by the hash.
        fill(8);
        String changed = payloadOf(2).replace("100.75", "100.76");
        assertFalse(changed.equals(payloadOf(2)));
        update("UPDATE events SET payload = ? WHERE " + scope() + "seq = 2", changed);
        AuditVerification.Broken broken = (AuditVerification.Broken) verify();
        assertEquals(2, broken.seq());
        assertTrue(broken.problem().contains("does not match its hash"), broken.problem());
    }

    @Test
    void verifyNamesADeletedRecord() throws SQLException {
        fill(8);
        update("DELETE FROM events WHERE " + scope() + "seq = 4");
        AuditVerification.Broken broken = (AuditVerification.Broken) verify();
        assertEquals(4, broken.seq());
        assertTrue(broken.problem().contains("missing"), broken.problem());
    }

    @Test
    void verifyNamesRecordsDeletedFromTheEndThroughACheckpoint() throws SQLException {
        fill(10);
        update("DELETE FROM events WHERE " + scope() + "seq >= 7");
        assertEquals(7, ((AuditVerification.Broken) verify()).seq());
    }

    @Test
    void verifyNamesReorderedRecords() throws SQLException {
        fill(8);
        String three = payloadOf(3);
        String four = payloadOf(4);
        String hash3;
        String hash4;
        try (JournalStore store = reopen()) {
            hash3 = store.row(3).orElseThrow().hash();
            hash4 = store.row(4).orElseThrow().hash();
        }
        update("UPDATE events SET payload = ?, hash = ? WHERE " + scope() + "seq = 3", four, hash4);
        update("UPDATE events SET payload = ?, hash = ? WHERE " + scope() + "seq = 4", three, hash3);
        AuditVerification.Broken broken = (AuditVerification.Broken) verify();
        assertEquals(3, broken.seq());
        assertTrue(broken.problem().contains("reordered"), broken.problem());
    }

    @Test
    void verifyNamesAnInsertedRecordEvenWhenTheForgerChainsIt() throws SQLException {
        List<JournalRecord> written = fill(6);
        // The forger knows the algorithm: shifts records 3..6 up and inserts a well-formed record as 3,
        // chained onto record 2. Record 3 is not a checkpoint (those are at 4 and 8), so the forgery
        // itself verifies and the first record to fail is the one it displaced.
        for (long seq = 6; seq >= 3; seq--) {
            update("UPDATE events SET seq = ? WHERE " + scope() + "seq = ?", seq + 1, seq);
        }
        String forged = EventCodec.encode(3, SampleEvents.T0, CLOCK, new JournalEvent.OperatorAction("mallory", "PAUSE", ""));
        String forgedHash = EventCodec.chainHash(written.get(1).hash(), forged);
        try (JournalStore store = reopen()) {
            store.append(List.of(new JournalStore.Row(3, forged, forgedHash)), List.of());
        }
        AuditVerification.Broken broken = (AuditVerification.Broken) verify();
        assertEquals(4, broken.seq());
        assertTrue(broken.problem().contains("carries seq 3"), broken.problem());
    }

    @Test
    void verifyNamesAForgeryThatReplacesACheckpointedRecord() throws SQLException {
        List<JournalRecord> written = fill(6);
        String forged = EventCodec.encode(4, SampleEvents.T0, CLOCK, new JournalEvent.OperatorAction("mallory", "PAUSE", ""));
        update("UPDATE events SET payload = ?, hash = ? WHERE " + scope() + "seq = 4", forged,
                EventCodec.chainHash(written.get(2).hash(), forged));
        AuditVerification.Broken broken = (AuditVerification.Broken) verify();
        assertEquals(4, broken.seq());
        assertTrue(broken.problem().contains("checkpoint"), broken.problem());
    }

    @Test
    void verifyNamesAnAppendedForgeryThatDoesNotChain() throws SQLException {
        fill(4);
        String forged = EventCodec.encode(5, SampleEvents.T0, CLOCK, new JournalEvent.OperatorAction("mallory", "RESUME", ""));
        update("INSERT INTO events (" + (scope().isEmpty() ? "" : "journal, ") + "seq, payload, hash) VALUES ("
                + (scope().isEmpty() ? "" : "'" + journalName() + "', ") + "5, ?, ?)", forged, "ab".repeat(32));
        assertEquals(5, ((AuditVerification.Broken) verify()).seq());
    }

    /** The journal name in the shared tables, for backends with a key column. */
    String journalName() {
        return "";
    }

    @Test
    void exportsOneLinePerOrderWithItsWholeLife() {
        fill(SampleEvents.oneOfEach().size());
        java.io.StringWriter out = new java.io.StringWriter();
        try (JournalStore store = reopen()) {
            assertEquals(1, AuditTrail.exportOrders(store, out));
        }
        var order = EventCodec.mapper().readTree(out.toString().strip());
        assertEquals("BTC/USD-1", order.get("clientOrderId").asString());
        assertEquals("RESIZED", order.get("checks").get("outcome").asString());
        assertEquals("MAX_POSITION", order.get("checks").get("reasonCodes").get(0).asString());
        assertEquals(1.5, order.get("request").get("quantity").asDouble());
        assertEquals("BUY", order.get("signal").get("direction").asString());
        assertEquals("SENT", order.get("decision").get("outcome").asString());
        assertEquals("ACCEPTED", order.get("venueEvents").get(0).get("kind").asString());
        assertEquals("E-1", order.get("fills").get(0).get("executionId").asString());
        assertEquals("operator", order.get("cancels").get(0).get("reason").asString());
        assertEquals(6, order.get("request").get("seq").asLong());
    }
}

package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    private static final Instant T = Instant.parse("2026-03-02T14:00:00Z");

    @TempDir
    Path dir;
    private Path journal;

    @BeforeEach
    void writeJournal() {
        journal = dir.resolve("journal.db");
        try (Journal j = Journal.open(JournalStores.sqlite(journal))) {
            j.append(new JournalEvent.SessionStarted("s-1", "paper", "", "", "", 0), T);
            for (int i = 1; i <= 3; i++) {
                String id = "BTC/USD-" + i;
                Instant t = T.plusSeconds(3600L * i);
                j.append(new JournalEvent.RiskDecided("BTC/USD@BITSTAMP", id, "APPROVED", List.of(), 0.5, 0.5, "", ""), t);
                j.appendDurably(new JournalEvent.OrderRequested(id, "BTC/USD@BITSTAMP", "BUY", "MARKET", 0.5, null, null, "GTC"), t);
                j.append(new JournalEvent.DecisionMade("BTC/USD@BITSTAMP", t, "SENT", id, "sent"), t);
                j.append(new JournalEvent.VenueEventReceived(id, "ACCEPTED", "P-" + i, "", t), t);
                j.append(new JournalEvent.FillReceived(id, "E-" + i, "BTC/USD@BITSTAMP", "BUY", 0.5, 100 + i, 0.05, t), t);
            }
            j.append(new JournalEvent.SessionStopped("s-1", "end of input", "CANCEL"), T.plusSeconds(20_000));
        }
    }

    private void sql(String statement, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal);
             PreparedStatement st = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                st.setObject(i + 1, params[i]);
            }
            st.executeUpdate();
        }
    }

    private String column(String column, long seq) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journal);
             PreparedStatement st = c.prepareStatement("SELECT " + column + " FROM events WHERE seq = ?")) {
            st.setLong(1, seq);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void assertFailsAt(long seq) {
        CliRunner.Result r = CliRunner.run("audit", "verify", "--journal", journal.toString());
        assertEquals(AuditCommand.EXIT_NOT_INTACT, r.exitCode(), r.err());
        assertTrue(r.err().contains("fails at seq " + seq + ":"), r.err());
    }

    @Test
    void verifyExitsZeroOnAnIntactJournal() {
        CliRunner.Result r = CliRunner.run("audit", "verify", "--journal", journal.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("intact: 17 records, head "), r.out());
    }

    @Test
    void verifyNamesAModifiedRecord() throws SQLException {
        sql("UPDATE events SET payload = replace(payload, '\"price\":102.0', '\"price\":101.0') WHERE seq = 11");
        assertFailsAt(11);
    }

    @Test
    void verifyNamesADeletedRecord() throws SQLException {
        sql("DELETE FROM events WHERE seq = 7");
        assertFailsAt(7);
    }

    @Test
    void verifyNamesReorderedRecords() throws SQLException {
        String p9 = column("payload", 9);
        String h9 = column("hash", 9);
        String p10 = column("payload", 10);
        String h10 = column("hash", 10);
        sql("UPDATE events SET payload = ?, hash = ? WHERE seq = 9", p10, h10);
        sql("UPDATE events SET payload = ?, hash = ? WHERE seq = 10", p9, h9);
        assertFailsAt(9);
    }

    @Test
    void verifyNamesAnInsertedRecord() throws SQLException {
        for (long seq = 17; seq >= 5; seq--) {
            sql("UPDATE events SET seq = ? WHERE seq = ?", seq + 1, seq);
        }
        // A copy of another record (originally seq 9) slipped in as 5.
        sql("INSERT INTO events (seq, payload, hash) VALUES (5, ?, ?)", column("payload", 10), column("hash", 10));
        assertFailsAt(5);
    }

    @Test
    void verifyRejectsAMissingJournalFile() {
        CliRunner.Result r = CliRunner.run("audit", "verify", "--journal", dir.resolve("nope.db").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--journal " + dir.resolve("nope.db") + ": no such file"), r.err());
    }

    @Test
    void exportWritesOneJsonLinePerOrder() throws Exception {
        Path out = dir.resolve("orders.jsonl");
        CliRunner.Result r = CliRunner.run("audit", "export", "--journal", journal.toString(), "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).contains("\"clientOrderId\":\"BTC/USD-2\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"executionId\":\"E-2\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"outcome\":\"APPROVED\""), lines.get(1));
        assertTrue(lines.get(1).contains("\"kind\":\"ACCEPTED\""), lines.get(1));
    }

    @Test
    void anExportThatFailsHalfWayLeavesThePreviousFilesByteIdenticalAndNoTemporaryFile() throws Exception {
        Path out = dir.resolve("orders.jsonl");
        Path events = dir.resolve("events.jsonl");
        CliRunner.Result first = CliRunner.run("audit", "export", "--journal", journal.toString(), "--output",
                out.toString(), "--model-events", events.toString());
        assertEquals(0, first.exitCode(), first.err());
        byte[] previous = Files.readAllBytes(out);
        byte[] previousEvents = Files.readAllBytes(events);
        // A record that no longer decodes, after orders that do: the export fails part-way through.
        sql("UPDATE events SET payload = ? WHERE seq = ?", "{not json", 8);
        CliRunner.Result r = CliRunner.run("audit", "export", "--journal", journal.toString(), "--output",
                out.toString(), "--model-events", events.toString());
        assertTrue(r.exitCode() != 0, r.out());
        assertTrue(r.err().contains("seq 8"), r.err());
        assertArrayEquals(previous, Files.readAllBytes(out), "the previous export is intact");
        assertArrayEquals(previousEvents, Files.readAllBytes(events));
        try (var names = Files.list(dir)) {
            assertEquals(List.of("events.jsonl", "journal.db", "orders.jsonl"),
                    names.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("journal.db-")).sorted().toList(),
                    "no temporary file is left");
        }
    }
}

package dev.sextant.benchmarks.live;

import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The journal's cost per decision with the default durability policy (SQLite, WAL,
 * {@code synchronous=FULL}, group commit of 256 records), on the file system of the temporary
 * directory:
 *
 * <ul>
 *   <li>{@code decisionWithoutOrder}: the four records of a bar that sends nothing (bar consumed,
 *       signal, risk verdict, decision), buffered; every 64th call pays the group commit.</li>
 *   <li>{@code decisionWithOrder}: the same plus the order request appended durably, which
 *       commits (and syncs) before the order could be sent: the write-ahead cost.</li>
 * </ul>
 * Records are canonical JSON with a chained SHA-256 each; the hashing and encoding are included.
 *
 * <p>Anchors, the same SQLite settings through plain JDBC with nothing of Sextant's: {@code
 * anchorRawInsertsBuffered} inserts four prepared rows of a pre-built payload and hash per call
 * and commits every 64th call (the floor under {@code decisionWithoutOrder}); {@code
 * anchorRawInsertCommitted} inserts one row and commits it (the synced commit, the floor under
 * the write-ahead part of {@code decisionWithOrder}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class JournalAppendBenchmark {
    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    private static final String PAYLOAD = "{\"type\":\"SignalGenerated\",\"instrument\":\"BTC/USD@PAPER\","
            + "\"direction\":\"BUY\",\"sell\":0.1,\"hold\":0.2,\"buy\":0.7,\"confidence\":0.7,"
            + "\"model\":\"bundle\",\"version\":\"3\",\"features\":\"" + "ab".repeat(32) + "\"}";
    private static final String HASH = "cd".repeat(32);

    private Path dir;
    private Journal journal;
    private long bar;
    private Connection raw;
    private PreparedStatement rawInsert;
    private long rawSeq;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sextant-journal-bench");
        journal = Journal.open(JournalStores.sqlite(dir.resolve("journal.db")));
        try {
            raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("anchor.db"));
            try (Statement st = raw.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL, hash TEXT NOT NULL)");
            }
            raw.setAutoCommit(false);
            rawInsert = raw.prepareStatement("INSERT INTO events (seq, payload, hash) VALUES (?, ?, ?)");
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
        try {
            raw.commit();
            raw.close();
        } catch (SQLException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private long decision(boolean order) {
        long i = bar++;
        Instant close = T0.plusSeconds(60 * i);
        String id = "BTC/USD-" + i;
        journal.append(new JournalEvent.BarConsumed("BTC/USD@PAPER", "1m", i, close.toEpochMilli() - 60_000, 100.5, 101,
                99.5, 100.75, 12.5), close);
        journal.append(new JournalEvent.SignalGenerated("BTC/USD@PAPER", close, "BUY", 0.1, 0.2, 0.7, 0.7, "bundle", "3",
                "ab".repeat(32), ""), close);
        journal.append(new JournalEvent.RiskDecided("BTC/USD@PAPER", id, "APPROVED", List.of(), 0.5, 0.5, "", "approved"),
                close);
        long seq = 0;
        if (order) {
            seq = journal.appendDurably(new JournalEvent.OrderRequested(id, "BTC/USD@PAPER", "BUY", "MARKET", 0.5, null, null,
                    "GTC"), close).seq();
        }
        return seq + journal.append(new JournalEvent.DecisionMade("BTC/USD@PAPER", close, order ? "SENT" : "HOLD",
                order ? id : "", ""), close).seq();
    }

    /** Four buffered records: a bar that sends no order. */
    @Benchmark
    public long decisionWithoutOrder() {
        return decision(false);
    }

    /** Five records, the order request committed durably before it would be sent. */
    @Benchmark
    public long decisionWithOrder() {
        return decision(true);
    }

    private void rawInsert() throws SQLException {
        rawInsert.setLong(1, ++rawSeq);
        rawInsert.setString(2, PAYLOAD);
        rawInsert.setString(3, HASH);
        rawInsert.executeUpdate();
    }

    /** Anchor: four plain JDBC inserts, committed every 64th call. */
    @Benchmark
    public long anchorRawInsertsBuffered() throws SQLException {
        for (int i = 0; i < 4; i++) {
            rawInsert();
        }
        if (rawSeq % 256 == 0) {
            raw.commit();
        }
        return rawSeq;
    }

    /** Anchor: one plain JDBC insert committed (synced) on its own. */
    @Benchmark
    public long anchorRawInsertCommitted() throws SQLException {
        rawInsert();
        raw.commit();
        return rawSeq;
    }
}

package dev.sextant.benchmarks.live;

import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class JournalAppendBenchmark {
    private static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    private Path dir;
    private Journal journal;
    private long bar;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("sextant-journal-bench");
        journal = Journal.open(JournalStores.sqlite(dir.resolve("journal.db")));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        journal.close();
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
}

package dev.sextant.benchmarks.core;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.ParallelBarCsvReader;
import dev.sextant.trading.core.io.ReadLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bars CSV read throughput from a file (bars/s): Sextant's validating reader on one thread and
 * on several, against DuckDB's CSV reader ({@code read_csv}) on the same file in the same run,
 * on one thread and on several. Sextant parses, range-checks and validates every bar (OHLC
 * rules, increasing time) into a {@link BarSeries}; DuckDB parses and type-checks into its
 * columns and the query sums every column, so both touch every field. The ratio between the two
 * matters more than the absolute numbers, which depend on the machine and its load.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class CsvReadBenchmark {
    static final int ROWS = 1_000_000;

    /** Threads for the parallel variants. */
    @Param({"4"})
    public int threads;

    private Path file;
    private Connection duckdb;

    /** The one million bars of the file (also written by {@link GeneratedCsvFile} for the Python anchors). */
    static BarSeries bars() {
        SplittableRandom rnd = new SplittableRandom(42);
        BarSeries bars = new BarSeries("gen", TimeFrame.M1, ROWS);
        double price = 100;
        long t = 1_600_000_000_000L;
        for (int i = 0; i < ROWS; i++) {
            double open = price;
            price *= Math.exp(rnd.nextGaussian() * 0.001);
            double close = price;
            double high = Math.max(open, close) * (1 + rnd.nextDouble() * 0.001);
            double low = Math.min(open, close) * (1 - rnd.nextDouble() * 0.001);
            bars.append(t, open, high, low, close, Math.floor(rnd.nextDouble() * 10_000) / 100);
            t += 60_000;
        }
        return bars;
    }

    @Setup(Level.Trial)
    public void generate() throws IOException, SQLException {
        BarSeries bars = bars();
        file = Files.createTempFile("sextant-bench-", ".csv");
        BarCsvWriter.write(bars, file);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException, SQLException {
        duckdb.close();
        Files.deleteIfExists(file);
    }

    /** Sextant, one thread. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public BarSeries sextantOneThread() {
        return BarCsvReader.read(file);
    }

    /** Sextant, {@link #threads} threads. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public BarSeries sextantParallel() {
        return ParallelBarCsvReader.read(file, threads, ReadLimits.DEFAULT);
    }

    /** DuckDB, one thread. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double duckdbOneThread() throws SQLException {
        return duckdb(1);
    }

    /** DuckDB, {@link #threads} threads. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public double duckdbParallel() throws SQLException {
        return duckdb(threads);
    }

    private double duckdb(int n) throws SQLException {
        try (Statement s = duckdb.createStatement()) {
            s.execute("SET threads = " + n);
            try (ResultSet r = s.executeQuery("SELECT count(*), sum(epoch_ms(timestamp)), sum(open), sum(high), sum(low), "
                    + "sum(close), sum(volume) FROM read_csv('" + file.toAbsolutePath() + "', header = true, "
                    + "columns = {'timestamp': 'TIMESTAMPTZ', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', "
                    + "'close': 'DOUBLE', 'volume': 'DOUBLE'})")) {
                r.next();
                if (r.getLong(1) != ROWS) {
                    throw new IllegalStateException("DuckDB read " + r.getLong(1) + " rows");
                }
                return r.getDouble(3) + r.getDouble(6) + r.getLong(2);
            }
        }
    }
}

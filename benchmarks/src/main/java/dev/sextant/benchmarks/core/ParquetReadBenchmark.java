package dev.sextant.benchmarks.core;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.parquet.BarParquetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading the same one million validated bars (bars/s) from Parquet ({@code trading-parquet},
 * DuckDB's {@code read_parquet} through JDBC, then the CSV readers' bar rules) and from CSV
 * ({@code BarCsvReader}, one thread), in the same run. The Parquet file is written by DuckDB from
 * the CSV file (timestamps as Parquet timestamps, numbers as doubles, Snappy compression).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@State(Scope.Benchmark)
public class ParquetReadBenchmark {
    static final int ROWS = 1_000_000;

    private Path csv;
    private Path parquet;

    @Setup(Level.Trial)
    public void generate() throws IOException, SQLException {
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
        csv = Files.createTempFile("sextant-bench-", ".csv");
        parquet = Files.createTempFile("sextant-bench-", ".parquet");
        BarCsvWriter.write(bars, csv);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv('" + csv.toAbsolutePath() + "', header = true, columns = "
                    + "{'timestamp': 'TIMESTAMPTZ', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', "
                    + "'volume': 'DOUBLE'})) TO '" + parquet.toAbsolutePath() + "' (FORMAT parquet)");
        }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Files.deleteIfExists(csv);
        Files.deleteIfExists(parquet);
    }

    /** Parquet, validated as CSV is. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public BarSeries parquet() {
        return BarParquetReader.read(parquet);
    }

    /** CSV, one thread. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public BarSeries csv() {
        return BarCsvReader.read(csv);
    }
}

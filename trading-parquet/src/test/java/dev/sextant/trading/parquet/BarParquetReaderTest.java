package dev.sextant.trading.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.MarketDataException;
import dev.sextant.trading.core.io.ReadResult;
import dev.sextant.trading.core.io.ValidationPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BarParquetReaderTest {
    @TempDir
    Path dir;

    private static final String COLUMNS = " AS t(timestamp, open, high, low, close, volume)";

    /** Writes the rows of {@code select} to a Parquet file with DuckDB. */
    static Path parquet(Path dir, String name, String select) throws SQLException {
        Path file = dir.resolve(name);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            st.execute("COPY (" + select + ") TO '" + file.toAbsolutePath() + "' (FORMAT parquet)");
        }
        return file;
    }

    private Path rows(String name, String... rows) throws SQLException {
        return parquet(dir, name, "SELECT * FROM (VALUES " + String.join(", ", rows) + ")" + COLUMNS);
    }

    private static String row(String time, String open, String high, String low, String close, String volume) {
        return "(TIMESTAMP '" + time + "', " + open + ", " + high + ", " + low + ", " + close + ", " + volume + ")";
    }

    static BarSeries randomBars(long seed, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BarSeries bars = new BarSeries("random", TimeFrame.M1, Math.max(1, n));
        double price = 100;
        long t = 1_700_000_000_000L;
        for (int i = 0; i < n; i++) {
            double open = price;
            price *= Math.exp(rnd.nextGaussian() * 0.01);
            double high = Math.max(open, price) * (1 + rnd.nextDouble() * 0.01);
            double low = Math.min(open, price) * (1 - rnd.nextDouble() * 0.01);
            bars.append(t, open, high, low, price, rnd.nextDouble() * 1000);
            t += 60_000;
        }
        return bars;
    }

    private static void assertSameBars(BarSeries expected, BarSeries actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.bar(i), actual.bar(i), "bar " + i);
        }
    }

    @Test
    void readsTheBarsTheCsvReaderReadsFromTheSameData() throws IOException, SQLException {
        BarSeries bars = randomBars(3, 500);
        Path csv = dir.resolve("bars.csv");
        BarCsvWriter.write(bars, csv);
        Path file = parquet(dir, "bars.parquet", "SELECT * FROM read_csv('" + csv.toAbsolutePath() + "', header = true, "
                + "columns = {'timestamp': 'TIMESTAMPTZ', 'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', "
                + "'close': 'DOUBLE', 'volume': 'DOUBLE'})");
        BarSeries fromParquet = BarParquetReader.read(file);
        BarSeries fromCsv = BarCsvReader.read(csv);
        assertSameBars(fromCsv, fromParquet);
        assertEquals("bars", fromParquet.name());
        assertEquals(TimeFrame.M1, fromParquet.timeFrame());
    }

    @Property(tries = 8)
    void roundTripsAnyValidSeries(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int size)
            throws IOException, SQLException {
        Path tmp = Files.createTempDirectory("sextant-parquet-");
        try {
            BarSeries bars = randomBars(seed, size);
            Path csv = tmp.resolve("bars.csv");
            BarCsvWriter.write(bars, csv);
            // Epoch milliseconds as BIGINT: exactly the stored times, no time zone involved.
            Path file = parquet(tmp, "bars.parquet", "SELECT epoch_ms(timestamp) AS timestamp, open, high, low, close, volume "
                    + "FROM read_csv('" + csv.toAbsolutePath() + "', header = true, columns = {'timestamp': 'TIMESTAMPTZ', "
                    + "'open': 'DOUBLE', 'high': 'DOUBLE', 'low': 'DOUBLE', 'close': 'DOUBLE', 'volume': 'DOUBLE'})");
            assertSameBars(bars, BarParquetReader.read(file));
        } finally {
            try (var files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(tmp);
        }
    }

    @Test
    void acceptsTextTimestampsIntegerPricesAndColumnsInAnyOrderAndCase() throws SQLException {
        Path file = parquet(dir, "mixed.parquet", "SELECT * FROM (VALUES (10, 2, 1, 1, 2, '2024-01-01T00:00:00Z', 'x'), "
                + "(11, 3, 2, 2, 3, '2024-01-01T00:01:00Z', 'y')) AS t(Volume, HIGH, Low, open, close, Date, note)");
        BarSeries bars = BarParquetReader.read(file);
        assertEquals(2, bars.size());
        assertEquals(1_704_067_260_000L, bars.time(1));
        assertEquals(3.0, bars.close(1));
        assertEquals(11.0, bars.volume(1));
    }

    @Test
    void rejectsABarBreakingARuleNamingRowColumnAndValue() throws SQLException {
        Path file = rows("bad.parquet",
                row("2024-01-01 00:00:00", "100.0", "101.0", "99.0", "100.5", "10.0"),
                row("2024-01-01 00:01:00", "100.0", "101.0", "99.0", "100.5", "10.0"),
                row("2024-01-01 00:02:00", "100.0", "99.0", "100.0", "100.0", "10.0"));
        MarketDataException e = assertThrows(MarketDataException.class, () -> BarParquetReader.read(file));
        assertEquals(file + " row 3 (2024-01-01T00:02:00Z) field high: value '99.0' is below low 100.0", e.getMessage());
        assertEquals(3, e.row());
        assertEquals(0, e.line());
        assertEquals("high", e.field());
    }

    @Test
    void rejectsANonFinitePriceAndANegativeVolume() throws SQLException {
        Path nan = rows("nan.parquet", row("2024-01-01 00:00:00", "'NaN'::DOUBLE", "101.0", "99.0", "100.5", "10.0"));
        assertEquals(nan + " row 1 (2024-01-01T00:00:00Z) field open: value 'NaN' is not a finite number",
                assertThrows(MarketDataException.class, () -> BarParquetReader.read(nan)).getMessage());
        Path negative = rows("neg.parquet", row("2024-01-01 00:00:00", "100.0", "101.0", "99.0", "100.5", "-1.0"));
        assertEquals(negative + " row 1 (2024-01-01T00:00:00Z) field volume: value '-1.0' is negative",
                assertThrows(MarketDataException.class, () -> BarParquetReader.read(negative)).getMessage());
    }

    @Test
    void rejectsANullValue() throws SQLException {
        Path file = rows("null.parquet",
                row("2024-01-01 00:00:00", "100.0", "101.0", "99.0", "100.5", "10.0"),
                row("2024-01-01 00:01:00", "100.0", "101.0", "99.0", "NULL", "10.0"));
        assertEquals(file + " row 2 (2024-01-01T00:01:00Z) field close: is null; every bar needs a value",
                assertThrows(MarketDataException.class, () -> BarParquetReader.read(file)).getMessage());
    }

    @Test
    void rejectsTimestampsThatDoNotIncrease() throws SQLException {
        Path file = rows("order.parquet",
                row("2024-01-01 00:01:00", "100.0", "101.0", "99.0", "100.5", "10.0"),
                row("2024-01-01 00:01:00", "100.0", "101.0", "99.0", "100.5", "10.0"));
        assertEquals(file + " row 2 (2024-01-01T00:01:00Z) field timestamp: value '2024-01-01T00:01:00Z' duplicates the "
                        + "timestamp of row 1 (2024-01-01T00:01:00Z): timestamps must strictly increase",
                assertThrows(MarketDataException.class, () -> BarParquetReader.read(file)).getMessage());
    }

    @Test
    void rejectsATextTimestampTheCsvGrammarRejects() throws SQLException {
        Path file = parquet(dir, "text.parquet", "SELECT * FROM (VALUES ('yesterday', 1.0, 1.0, 1.0, 1.0, 1.0))" + COLUMNS);
        MarketDataException e = assertThrows(MarketDataException.class, () -> BarParquetReader.read(file));
        assertEquals("timestamp", e.field());
        assertEquals(1, e.row());
        assertEquals("yesterday", e.value());
    }

    @Test
    void rejectsAMissingColumnOrAPriceColumnOfText() throws SQLException {
        Path missing = parquet(dir, "missing.parquet",
                "SELECT * FROM (VALUES (TIMESTAMP '2024-01-01', 1.0, 1.0, 1.0, 1.0)) AS t(timestamp, open, high, low, close)");
        assertEquals(missing + " field volume: is missing: the file's columns are [timestamp, open, high, low, close], and "
                + "bars need one named volume", assertThrows(MarketDataException.class, () -> BarParquetReader.read(missing))
                .getMessage());
        Path text = parquet(dir, "text-price.parquet",
                "SELECT * FROM (VALUES (TIMESTAMP '2024-01-01', '1.0', 1.0, 1.0, 1.0, 1.0))" + COLUMNS);
        assertEquals(text + " field open: has type VARCHAR; a number type is required",
                assertThrows(MarketDataException.class, () -> BarParquetReader.read(text)).getMessage());
    }

    @Test
    void rejectsAMissingFileAndAFileThatIsNotParquet() throws IOException {
        Path absent = dir.resolve("absent.parquet");
        assertEquals(absent + ": does not exist or is not a file",
                assertThrows(MarketDataException.class, () -> BarParquetReader.read(absent)).getMessage());
        Path notParquet = Files.writeString(dir.resolve("bars.parquet"), "timestamp,open\n");
        MarketDataException e = assertThrows(MarketDataException.class, () -> BarParquetReader.read(notParquet));
        assertEquals(true, e.getMessage().startsWith(notParquet + ": cannot be read as Parquet: "), e.getMessage());
    }

    @Test
    void lenientSortsDropsDuplicatesAndBadRowsAndReportsTheirRows() throws SQLException {
        Path file = rows("lenient.parquet",
                row("2024-01-01 00:02:00", "100.0", "101.0", "99.0", "100.5", "10.0"),
                row("2024-01-01 00:00:00", "100.0", "101.0", "99.0", "100.5", "10.0"),
                row("2024-01-01 00:01:00", "100.0", "99.0", "100.0", "100.0", "10.0"),
                row("2024-01-01 00:02:00", "100.0", "102.0", "99.0", "100.5", "10.0"));
        ReadResult r = BarParquetReader.read(file, ValidationPolicy.LENIENT);
        assertEquals(2, r.series().size());
        assertEquals(1_704_067_200_000L, r.series().time(0));
        assertEquals(101.0, r.series().high(1));
        assertEquals(2, r.dropped().size());
        assertEquals(3, r.dropped().get(0).line());
        assertEquals(file + " row 3 (2024-01-01T00:01:00Z) field high: value '99.0' is below low 100.0",
                r.dropped().get(0).reason());
        assertEquals(file + " row 4 field timestamp: value '2024-01-01T00:02:00Z' duplicates row 1", r.dropped().get(1).reason());
    }
}

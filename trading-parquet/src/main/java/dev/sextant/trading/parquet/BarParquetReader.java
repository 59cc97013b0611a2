package dev.sextant.trading.parquet;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.internal.BarRules;
import dev.sextant.trading.core.io.DroppedRow;
import dev.sextant.trading.core.io.MarketDataException;
import dev.sextant.trading.core.io.ReadResult;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.core.io.Timestamps;
import dev.sextant.trading.core.io.ValidationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads bars from a Parquet file with the validation of {@code BarCsvReader}: columns named
 * {@code timestamp} (or {@code date}, {@code time}, {@code datetime}), {@code open}, {@code high},
 * {@code low}, {@code close} and {@code volume} in any order (case-insensitive; other columns are
 * ignored), one bar per row, the same bar rules (finite positive prices, non-negative volume,
 * low &lt;= open, close &lt;= high) and, strictly, increasing timestamps.
 *
 * <p>Column types: the timestamp may be a Parquet timestamp (any unit; without a time zone it is
 * read as UTC; finer than a millisecond is dropped), a date (midnight UTC), an integer epoch or
 * text, the last two read by {@link Timestamps} exactly as in CSV; prices and volume may be any
 * number type (integers, decimals, floats). A null is an error. Errors are
 * {@link MarketDataException}s made by {@link MarketDataException#atRow}: the message names the
 * file, the 1-based row, the column and the value, e.g.
 * {@code "bars.parquet row 3 (2024-01-01T00:02:00Z) field high: value '99.0' is below low 100.0"}.
 *
 * <p>The file is read through DuckDB's embedded engine ({@code read_parquet}, one in-memory
 * database per call, closed before returning). Stateless and thread-safe.
 */
public final class BarParquetReader {
    private static final String[] TIME_NAMES = {"timestamp", "date", "time", "datetime"};
    private static final String[] NUMBER_NAMES = {"open", "high", "low", "close", "volume"};
    /** DuckDB's integer types, signed and unsigned. */
    private static final Set<String> INTEGERS = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");

    private BarParquetReader() {
    }

    /**
     * Reads every bar strictly: the first bad row throws.
     *
     * @param file a Parquet file
     * @return the bars, named after the file (without extension), with the detected time frame
     * @throws MarketDataException if the file is missing or unreadable, a column is missing or of a
     *                             type that is not a number (or time), or a row breaks a rule
     */
    public static BarSeries read(Path file) {
        return read(file, ValidationPolicy.STRICT).series();
    }

    /**
     * Reads every bar under {@code policy}: {@link ValidationPolicy#STRICT} throws at the first bad
     * row; {@link ValidationPolicy#LENIENT} sorts by time, keeps the first row of each timestamp
     * and drops invalid rows, each reported in {@link ReadResult#dropped()} with its 1-based row
     * (as {@link DroppedRow#line()}) and reason. A missing column or an unreadable file throws
     * under both.
     *
     * @param file   a Parquet file
     * @param policy what to do with bad rows
     * @return the bars and the dropped rows
     * @throws MarketDataException as {@link #read(Path)}
     */
    public static ReadResult read(Path file, ValidationPolicy policy) {
        Checks.notNull(file, "file");
        Checks.notNull(policy, "policy");
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw MarketDataException.atRow(source, 0, null, null, null, "does not exist or is not a file");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            String table = "read_parquet(" + literal(file.toAbsolutePath().toString()) + ", file_row_number = true)";
            Map<String, String> types = schema(st, table);
            String time = column(types, source, "timestamp", TIME_NAMES);
            String[] numbers = new String[NUMBER_NAMES.length];
            for (int k = 0; k < numbers.length; k++) {
                numbers[k] = column(types, source, NUMBER_NAMES[k], NUMBER_NAMES[k]);
                requireNumber(source, numbers[k], types.get(numbers[k]));
            }
            TimeKind kind = timeKind(source, time, types.get(time));
            StringBuilder sql = new StringBuilder("SELECT file_row_number, ").append(kind.select(quote(time)));
            for (String n : numbers) {
                sql.append(", CAST(").append(quote(n)).append(" AS DOUBLE)");
            }
            sql.append(" FROM ").append(table);
            String name = seriesName(file);
            try (ResultSet rs = st.executeQuery(sql.toString())) {
                return policy == ValidationPolicy.STRICT ? strict(rs, kind, source, name) : lenient(rs, kind, source, name);
            }
        } catch (SQLException e) {
            throw MarketDataException.atRow(source, 0, null, null, null, "cannot be read as Parquet: " + firstLine(e.getMessage()));
        }
    }

    /** How the timestamp column is selected and turned into epoch milliseconds. */
    private enum TimeKind {
        /** A Parquet timestamp or date: DuckDB gives epoch milliseconds. */
        TEMPORAL,
        /** An integer epoch: seconds or milliseconds as {@link Timestamps} decides. */
        EPOCH,
        /** Text in the CSV forms. */
        TEXT;

        String select(String col) {
            return switch (this) {
                case TEMPORAL -> "epoch_ms(CAST(" + col + " AS TIMESTAMP))";
                case EPOCH -> "CAST(" + col + " AS BIGINT)";
                case TEXT -> "CAST(" + col + " AS VARCHAR)";
            };
        }
    }

    private static ReadResult strict(ResultSet rs, TimeKind kind, String source, String name) throws SQLException {
        BarSeries series = new BarSeries(name, null, 1024);
        double[] v = new double[NUMBER_NAMES.length];
        long lastTime = Long.MIN_VALUE;
        long lastRow = 0;
        while (rs.next()) {
            long row = rs.getLong(1) + 1;
            long time = time(rs, kind, source, row);
            values(rs, source, row, time, v);
            if (time <= lastTime) {
                String what = time == lastTime ? "duplicates the timestamp of row " : "is before the timestamp of row ";
                throw MarketDataException.atRow(source, row, "timestamp", Instant.ofEpochMilli(time).toString(),
                        Instant.ofEpochMilli(time), what + lastRow + " (" + Instant.ofEpochMilli(lastTime)
                                + "): timestamps must strictly increase");
            }
            series.append(time, v[0], v[1], v[2], v[3], v[4]);
            lastTime = time;
            lastRow = row;
        }
        series.trimToSize();
        return new ReadResult(withDetectedTimeFrame(series), List.of());
    }

    private record Row(long row, Bar bar) {
    }

    private static ReadResult lenient(ResultSet rs, TimeKind kind, String source, String name) throws SQLException {
        List<DroppedRow> dropped = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        double[] v = new double[NUMBER_NAMES.length];
        while (rs.next()) {
            long row = rs.getLong(1) + 1;
            try {
                long time = time(rs, kind, source, row);
                values(rs, source, row, time, v);
                rows.add(new Row(row, new Bar(time, v[0], v[1], v[2], v[3], v[4])));
            } catch (MarketDataException e) {
                dropped.add(new DroppedRow(row, e.getMessage()));
            }
        }
        rows.sort(Comparator.comparingLong((Row r) -> r.bar().time()).thenComparingLong(Row::row));
        BarSeries series = new BarSeries(name, null, rows.size());
        long previous = Long.MIN_VALUE;
        long previousRow = 0;
        for (Row r : rows) {
            if (r.bar().time() == previous) {
                dropped.add(new DroppedRow(r.row(), source + " row " + r.row() + " field timestamp: value '"
                        + Instant.ofEpochMilli(previous) + "' duplicates row " + previousRow));
                continue;
            }
            series.append(r.bar());
            previous = r.bar().time();
            previousRow = r.row();
        }
        dropped.sort(Comparator.comparingLong(DroppedRow::line));
        return new ReadResult(withDetectedTimeFrame(series), dropped);
    }

    private static long time(ResultSet rs, TimeKind kind, String source, long row) throws SQLException {
        long millis;
        String text;
        switch (kind) {
            case TEMPORAL -> {
                millis = rs.getLong(2);
                if (rs.wasNull()) {
                    throw missing(source, row, "timestamp", null);
                }
                text = Instant.ofEpochMilli(millis).toString();
            }
            case EPOCH -> {
                long epoch = rs.getLong(2);
                if (rs.wasNull()) {
                    throw missing(source, row, "timestamp", null);
                }
                text = Long.toString(epoch);
                millis = parse(source, row, text);
            }
            default -> {
                text = rs.getString(2);
                if (text == null) {
                    throw missing(source, row, "timestamp", null);
                }
                millis = parse(source, row, text);
            }
        }
        if (!Timestamps.inRange(millis)) {
            throw MarketDataException.atRow(source, row, "timestamp", text, null,
                    "is outside the supported range " + Timestamps.MIN_TEXT + " to " + Timestamps.MAX_TEXT);
        }
        return millis;
    }

    private static long parse(String source, long row, String text) {
        try {
            return Timestamps.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw MarketDataException.atRow(source, row, "timestamp", text, null, e.getMessage());
        }
    }

    /** Reads the five numbers of the row into {@code v} and applies the bar rules. */
    private static void values(ResultSet rs, String source, long row, long time, double[] v) throws SQLException {
        for (int k = 0; k < v.length; k++) {
            v[k] = rs.getDouble(3 + k);
            if (rs.wasNull()) {
                throw missing(source, row, NUMBER_NAMES[k], Instant.ofEpochMilli(time));
            }
        }
        BarRules.Violation violation = BarRules.check(v[0], v[1], v[2], v[3], v[4]);
        if (violation != null) {
            throw MarketDataException.atRow(source, row, violation.field(), Double.toString(violation.value()),
                    Instant.ofEpochMilli(time), violation.reason());
        }
    }

    private static MarketDataException missing(String source, long row, String field, Instant time) {
        return MarketDataException.atRow(source, row, field, null, time, "is null; every bar needs a value");
    }

    /** Column name to DuckDB type name, in file order (names as written). */
    private static Map<String, String> schema(Statement st, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + table)) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        types.remove("file_row_number");
        return types;
    }

    /** The first column (in file order) whose name is one of {@code names}, case-insensitively. */
    private static String column(Map<String, String> types, String source, String field, String... names) {
        for (String col : types.keySet()) {
            for (String n : names) {
                if (col.equalsIgnoreCase(n)) {
                    return col;
                }
            }
        }
        throw MarketDataException.atRow(source, 0, field, null, null,
                "is missing: the file's columns are " + types.keySet() + ", and bars need one named "
                        + String.join(" or ", names));
    }

    private static void requireNumber(String source, String col, String type) {
        String t = type.toUpperCase(Locale.ROOT);
        boolean number = t.equals("DOUBLE") || t.equals("FLOAT") || t.startsWith("DECIMAL") || INTEGERS.contains(t);
        if (!number) {
            throw MarketDataException.atRow(source, 0, col, null, null, "has type " + type + "; a number type is required");
        }
    }

    private static TimeKind timeKind(String source, String col, String type) {
        String t = type.toUpperCase(Locale.ROOT);
        if (t.startsWith("TIMESTAMP") || t.equals("DATE")) {
            return TimeKind.TEMPORAL;
        }
        if (INTEGERS.contains(t)) {
            return TimeKind.EPOCH;
        }
        if (t.equals("VARCHAR")) {
            return TimeKind.TEXT;
        }
        throw MarketDataException.atRow(source, 0, col, null, null,
                "has type " + type + "; a timestamp, date, integer epoch or text is required");
    }

    private static BarSeries withDetectedTimeFrame(BarSeries series) {
        var tf = SeriesSummary.detectTimeFrame(series);
        if (tf == null) {
            return series;
        }
        BarSeries out = new BarSeries(series.name(), tf, series.size());
        for (int i = 0; i < series.size(); i++) {
            out.append(series.time(i), series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i));
        }
        return out;
    }

    private static String seriesName(Path file) {
        Path name = file.getFileName();
        String n = name == null ? file.toString() : name.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return MarketDataException.abbreviate(nl < 0 ? message : message.substring(0, nl), 200);
    }
}

package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.internal.BarRules;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads bars CSV: a header naming {@code timestamp} (or {@code date}, {@code time},
 * {@code datetime}), {@code open}, {@code high}, {@code low}, {@code close} and {@code volume}
 * in any order (case-insensitive; other columns are ignored, however many), then one bar per
 * line. Timestamps take the forms of {@link Timestamps}; each is the bar's open time. Numbers
 * follow {@link NumberGrammar}. Lines and fields are bounded by {@link ReadLimits}.
 *
 * <p>As an {@link Iterator} it streams one validated bar at a time under
 * {@link ValidationPolicy#STRICT}: the first bad row throws a {@link MarketDataException} naming
 * the file, line, field and value, and every bar returned before it is valid. The static
 * {@code read} methods collect a whole {@link BarSeries}, strictly or leniently. Blank lines are
 * skipped. A line that is not text (longer than the limit, a NUL byte, invalid UTF-8) stops
 * reading under either policy. Not thread-safe.
 */
public final class BarCsvReader implements Iterator<Bar>, Closeable {
    private static final String[] TIME_NAMES = {"timestamp", "date", "time", "datetime"};
    private static final String[] PRICE_NAMES = {"open", "high", "low", "close", "volume"};

    /** Rows read before the reader estimates a file's row count from the bytes they took. */
    private static final int SIZING_ROWS = 1024;
    /** The fewest bytes a bar line can take: six one-character fields, five commas and a line feed. */
    private static final int SHORTEST_ROW_BYTES = 12;
    /** The most rows an estimate asks room for (an array's length limit, with room to spare). */
    private static final int MAX_ROWS_ESTIMATE = Integer.MAX_VALUE - 1024;

    private final CsvCursor csv;
    // the size of the file read, or -1 when unknown (a stream)
    private long inputBytes = -1;
    private final String source;
    private final int[] columns = new int[6];
    private long lastTime = Long.MIN_VALUE;
    private long lastTimeLine;
    private Bar next;
    private boolean done;
    // the row parsed last, as primitives (the bulk readers append these without a Bar)
    private long t;
    private double o;
    private double h;
    private double l;
    private double c;
    private double v;

    private BarCsvReader(InputStream in, String source, ReadLimits limits) {
        this(new CsvCursor(Checks.notNull(in, "in"), Checks.notNull(source, "source"), Checks.notNull(limits, "limits")),
                source);
    }

    /** Reads the rows of {@code csv}, whose header has been read or given. */
    BarCsvReader(CsvCursor csv, String source) {
        this.source = source;
        this.csv = csv;
        try {
            columns[0] = csv.column("timestamp", TIME_NAMES);
            for (int i = 0; i < PRICE_NAMES.length; i++) {
                columns[i + 1] = csv.column(PRICE_NAMES[i], PRICE_NAMES[i]);
            }
        } catch (RuntimeException e) {
            csv.closeAfter(e);
            throw e;
        }
    }

    /**
     * Starts reading {@code in} with the default limits; the header is read and checked at once.
     *
     * @param in     the CSV bytes (UTF-8); closed by {@link #close()}
     * @param source the file name or label used in error messages
     * @throws MarketDataException if the header is missing or lacks a required column
     */
    public static BarCsvReader open(InputStream in, String source) {
        return new BarCsvReader(in, source, ReadLimits.DEFAULT);
    }

    /** Starts reading {@code in} with {@code limits}; see {@link #open(InputStream, String)}. */
    public static BarCsvReader open(InputStream in, String source, ReadLimits limits) {
        return new BarCsvReader(in, source, limits);
    }

    /** Opens {@code file} for streaming; close the reader when done. */
    public static BarCsvReader open(Path file) {
        return open(file, ReadLimits.DEFAULT);
    }

    /** Opens {@code file} for streaming with {@code limits}; close the reader when done. */
    public static BarCsvReader open(Path file, ReadLimits limits) {
        return new BarCsvReader(newInput(file), file.toString(), limits);
    }

    /** Reads {@code file} strictly into a series named after the file. */
    public static BarSeries read(Path file) {
        return read(file, ValidationPolicy.STRICT).series();
    }

    /** Reads {@code in} strictly; {@code source} names it in errors. The stream is closed. */
    public static BarSeries read(InputStream in, String source) {
        return read(in, source, ValidationPolicy.STRICT).series();
    }

    /** Reads {@code file} under {@code policy}. */
    public static ReadResult read(Path file, ValidationPolicy policy) {
        return read(file, policy, ReadLimits.DEFAULT);
    }

    /** Reads {@code file} under {@code policy} with {@code limits}. */
    public static ReadResult read(Path file, ValidationPolicy policy, ReadLimits limits) {
        String source = file.toString();
        BarCsvReader reader = new BarCsvReader(newInput(file), source, limits);
        reader.inputBytes = sizeOf(file);
        return collect(reader, seriesName(file), policy);
    }

    /** Reads {@code in} under {@code policy}; {@code source} names it in errors. The stream is closed. */
    public static ReadResult read(InputStream in, String source, ValidationPolicy policy) {
        return read(in, source, policy, ReadLimits.DEFAULT);
    }

    /** Reads {@code in} under {@code policy} with {@code limits}. The stream is closed. */
    public static ReadResult read(InputStream in, String source, ValidationPolicy policy, ReadLimits limits) {
        return collect(new BarCsvReader(Checks.notNull(in, "in"), source, limits), source, policy);
    }

    /**
     * As {@link #read(InputStream, String, ValidationPolicy, ReadLimits)}, but decoding every line
     * to a {@code String} before parsing it, as the reader did before it parsed ASCII lines from
     * their bytes: the reference that tests hold the byte reading to.
     */
    static ReadResult readDecodingEveryLine(InputStream in, String source, ValidationPolicy policy, ReadLimits limits) {
        CsvCursor csv = new CsvCursor(Checks.notNull(in, "in"), Checks.notNull(source, "source"),
                Checks.notNull(limits, "limits"), true);
        return collect(new BarCsvReader(csv, source), source, policy);
    }

    /**
     * Opens {@code file} for reading; a missing file or any other I/O error is a one-line error
     * with the operating system's reason.
     */
    static InputStream newInput(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new MarketDataException(file.toString(), 0, null, null, null, "does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open: " + IoErrors.reason(e), e);
        }
    }

    static String seriesName(Path file) {
        Path name = file.getFileName();
        String n = name == null ? file.toString() : name.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static ReadResult collect(BarCsvReader opened, String name, ValidationPolicy policy) {
        try (BarCsvReader reader = opened) {
            if (policy == ValidationPolicy.STRICT) {
                BarSeries series = new BarSeries(name, null, SIZING_ROWS);
                while (reader.advance()) {
                    if (series.size() == series.capacity() && reader.inputBytes > 0) {
                        series.ensureCapacity(nextCapacity(series.size(), reader.estimatedRows(series.size())));
                    }
                    series.append(reader.t, reader.o, reader.h, reader.l, reader.c, reader.v);
                }
                return new ReadResult(withDetectedTimeFrame(series), List.of());
            }
            return reader.lenient(name);
        }
    }

    /**
     * How many rows a file of {@link #inputBytes} bytes probably holds in all, judged from the
     * {@code rowsSoFar} read (the bytes per row so far, 2 % over; at most one row per 12 bytes, the
     * shortest bar line), or {@code rowsSoFar} when the size is unknown.
     */
    private long estimatedRows(int rowsSoFar) {
        long consumed = csv.bytesConsumed();
        if (inputBytes <= consumed || consumed <= 0) {
            return rowsSoFar;
        }
        double rows = (double) inputBytes / consumed * rowsSoFar * 1.02;
        return (long) Math.min(rows, inputBytes / SHORTEST_ROW_BYTES);
    }

    /**
     * The capacity a full series of {@code rows} grows to, given an estimate of the file's rows:
     * the estimate, but at least a quarter more (so growth stays geometric when the estimate falls
     * short) and at most eight times the rows read (so a file whose first rows are short and later
     * rows long cannot make the reader ask for memory its rows will never fill). A 1M-row file with
     * rows of even length grows four times (1,024, 8,192, 65,536, 524,288, then its estimate)
     * instead of about thirty.
     */
    static int nextCapacity(int rows, long estimate) {
        long atLeast = rows + (rows >> 2) + 1;
        long atMost = Math.max(atLeast, 8L * rows);
        return (int) Math.min(Math.max(atLeast, Math.min(estimate, atMost)), MAX_ROWS_ESTIMATE);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private record Row(long line, Bar bar) {
    }

    private ReadResult lenient(String name) {
        List<DroppedRow> dropped = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        while (csv.nextLine()) {
            try {
                csv.split();
                parse();
                rows.add(new Row(csv.lineNumber(), new Bar(t, o, h, l, c, v)));
            } catch (MarketDataException e) {
                dropped.add(new DroppedRow(csv.lineNumber(), e.getMessage()));
            }
        }
        rows.sort(Comparator.comparingLong((Row row) -> row.bar().time()).thenComparingLong(Row::line));
        BarSeries series = new BarSeries(name, null, rows.size());
        long previous = Long.MIN_VALUE;
        long previousLine = 0;
        for (Row row : rows) {
            if (row.bar().time() == previous) {
                dropped.add(new DroppedRow(row.line(), source + " line " + row.line() + " field timestamp: value '"
                        + Instant.ofEpochMilli(previous) + "' duplicates line " + previousLine));
                continue;
            }
            series.append(row.bar());
            previous = row.bar().time();
            previousLine = row.line();
        }
        dropped.sort(Comparator.comparingLong(DroppedRow::line));
        return new ReadResult(withDetectedTimeFrame(series), dropped);
    }

    /**
     * {@code series} trimmed to its size and labelled with its detected time frame, if one is
     * detected: then one bulk copy ({@link BarSeries#withTimeFrame}) does both.
     */
    static BarSeries withDetectedTimeFrame(BarSeries series) {
        TimeFrame tf = SeriesSummary.detectTimeFrame(series);
        if (tf == null) {
            series.trimToSize();
            return series;
        }
        return series.withTimeFrame(tf);
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        if (advance()) {
            next = new Bar(t, o, h, l, c, v);
            return true;
        }
        return false;
    }

    /** Reads, parses and checks the next row into the primitive fields; false at the end. */
    private boolean advance() {
        if (!csv.nextRow()) {
            done = true;
            return false;
        }
        parse();
        if (t <= lastTime) {
            throw orderError(source, csv.lineNumber(), csv.field(columns[0]), t, lastTime, lastTimeLine);
        }
        lastTime = t;
        lastTimeLine = csv.lineNumber();
        return true;
    }

    @Override
    public Bar next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more bars in " + source);
        }
        Bar bar = next;
        next = null;
        return bar;
    }

    /** The 1-based number of the line read last. */
    public long lineNumber() {
        return csv.lineNumber();
    }

    private void parse() {
        long time = csv.timestamp(columns[0], "timestamp");
        o = csv.number(columns[1], "open", time);
        h = csv.number(columns[2], "high", time);
        l = csv.number(columns[3], "low", time);
        c = csv.number(columns[4], "close", time);
        v = csv.number(columns[5], "volume", time);
        t = time;
        BarRules.Violation violation = BarRules.check(o, h, l, c, v);
        if (violation != null) {
            throw new MarketDataException(source, csv.lineNumber(), violation.field(),
                    csv.field(columns[indexOf(violation.field())]), Instant.ofEpochMilli(time), violation.reason());
        }
    }

    /** The error for a row at {@code time} that does not come after the row of {@code lastLine}. */
    static MarketDataException orderError(String source, long line, String text, long time, long last, long lastLine) {
        String what = time == last ? "duplicates the timestamp of line " : "is before the timestamp of line ";
        return new MarketDataException(source, line, "timestamp", text, Instant.ofEpochMilli(time),
                what + lastLine + " (" + Instant.ofEpochMilli(last) + "): timestamps must strictly increase");
    }

    /**
     * The rows of one part of a file, read strictly: the bars before the first bad row, that
     * error if any, and where the part's first and last bars came from (to join parts).
     */
    record Part(BarSeries bars, String firstTimeText, long firstLine, long lastLine, MarketDataException error) {
    }

    /** Reads every row of this reader into a {@link Part}; I/O errors propagate. Closes the reader. */
    Part readPart() {
        BarSeries s = new BarSeries(source, null, 1024);
        String firstText = null;
        long firstLine = 0;
        try (this) {
            while (advance()) {
                if (s.size() == 0) {
                    firstText = csv.field(columns[0]);
                    firstLine = csv.lineNumber();
                }
                s.append(t, o, h, l, c, v);
            }
            return new Part(s, firstText, firstLine, lastTimeLine, null);
        } catch (MarketDataException e) {
            return new Part(s, firstText, firstLine, lastTimeLine, e);
        }
    }

    /** The lower-cased header names. */
    List<String> header() {
        return csv.header();
    }

    private static int indexOf(String field) {
        for (int i = 0; i < PRICE_NAMES.length; i++) {
            if (PRICE_NAMES[i].equals(field)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** Closes the underlying reader. */
    @Override
    public void close() {
        csv.close();
    }
}

package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.internal.BarRules;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * in any order (case-insensitive; other columns are ignored), then one bar per line. Timestamps
 * take the forms of {@link Timestamps}; each is the bar's open time.
 *
 * <p>As an {@link Iterator} it streams one validated bar at a time under
 * {@link ValidationPolicy#STRICT}: the first bad row throws a {@link MarketDataException} naming
 * the file, line, field and value, and every bar returned before it is valid. The static
 * {@code read} methods collect a whole {@link BarSeries}, strictly or leniently. Blank lines are
 * skipped. Not thread-safe.
 */
public final class BarCsvReader implements Iterator<Bar>, Closeable {
    private static final String[] TIME_NAMES = {"timestamp", "date", "time", "datetime"};
    private static final String[] PRICE_NAMES = {"open", "high", "low", "close", "volume"};

    private final CsvCursor csv;
    private final String source;
    private final int[] columns = new int[6];
    private final String[] fields;
    private long lastTime = Long.MIN_VALUE;
    private long lastTimeLine;
    private Bar next;
    private boolean done;

    /**
     * Starts reading; the header is read and checked at once.
     *
     * @param reader the CSV text; closed by {@link #close()}
     * @param source the file name or label used in error messages
     * @throws MarketDataException if the header is missing or lacks a required column
     */
    public BarCsvReader(BufferedReader reader, String source) {
        this.source = Checks.notNull(source, "source");
        this.csv = new CsvCursor(Checks.notNull(reader, "reader"), source);
        columns[0] = csv.column("timestamp", TIME_NAMES);
        for (int i = 0; i < PRICE_NAMES.length; i++) {
            columns[i + 1] = csv.column(PRICE_NAMES[i], PRICE_NAMES[i]);
        }
        this.fields = csv.fields;
    }

    /** Opens {@code file} for streaming; close the reader when done. */
    public static BarCsvReader open(Path file) {
        return new BarCsvReader(newReader(file), file.toString());
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
        return collect(newReader(file), file.toString(), seriesName(file), policy);
    }

    /** Reads {@code in} under {@code policy}; {@code source} names it in errors. The stream is closed. */
    public static ReadResult read(InputStream in, String source, ValidationPolicy policy) {
        BufferedReader r = new BufferedReader(new InputStreamReader(Checks.notNull(in, "in"), StandardCharsets.UTF_8), 1 << 16);
        return collect(r, source, source, policy);
    }

    static BufferedReader newReader(Path file) {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new MarketDataException(file.toString(), 0, null, null, null, "does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    static String seriesName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static ReadResult collect(BufferedReader r, String source, String name, ValidationPolicy policy) {
        try (BarCsvReader reader = new BarCsvReader(r, source)) {
            if (policy == ValidationPolicy.STRICT) {
                BarSeries series = new BarSeries(name, null, 1024);
                while (reader.hasNext()) {
                    series.append(reader.next());
                }
                series.trimToSize();
                return new ReadResult(withDetectedTimeFrame(series), List.of());
            }
            return reader.lenient(name);
        }
    }

    private record Row(long line, Bar bar) {
    }

    private ReadResult lenient(String name) {
        List<DroppedRow> dropped = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        while (true) {
            try {
                if (!csv.nextRow()) {
                    break;
                }
                rows.add(new Row(csv.lineNumber(), parse()));
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

    /** A copy-free relabel of {@code series} with its detected time frame, if one is detected. */
    private static BarSeries withDetectedTimeFrame(BarSeries series) {
        TimeFrame tf = SeriesSummary.detectTimeFrame(series);
        if (tf == null) {
            return series;
        }
        BarSeries out = new BarSeries(series.name(), tf, series.size());
        for (int i = 0; i < series.size(); i++) {
            out.append(series.time(i), series.open(i), series.high(i), series.low(i), series.close(i), series.volume(i));
        }
        return out;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        if (csv.nextRow()) {
            Bar bar = parse();
            if (bar.time() <= lastTime) {
                String what = bar.time() == lastTime ? "duplicates the timestamp of line " : "is before the timestamp of line ";
                throw new MarketDataException(source, csv.lineNumber(), "timestamp", fields[columns[0]], bar.instant(),
                        what + lastTimeLine + " (" + Instant.ofEpochMilli(lastTime) + "): timestamps must strictly increase");
            }
            lastTime = bar.time();
            lastTimeLine = csv.lineNumber();
            next = bar;
            return true;
        }
        done = true;
        return false;
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

    private Bar parse() {
        long lineNumber = csv.lineNumber();
        String timeText = fields[columns[0]];
        long time;
        try {
            time = Timestamps.parseMillis(timeText);
        } catch (IllegalArgumentException e) {
            throw new MarketDataException(source, lineNumber, "timestamp", timeText, null, e.getMessage());
        }
        double o = number(1, time);
        double h = number(2, time);
        double l = number(3, time);
        double c = number(4, time);
        double v = number(5, time);
        BarRules.Violation violation = BarRules.check(o, h, l, c, v);
        if (violation != null) {
            throw new MarketDataException(source, lineNumber, violation.field(),
                    fields[columns[indexOf(violation.field())]], Instant.ofEpochMilli(time), violation.reason());
        }
        return new Bar(time, o, h, l, c, v);
    }

    private static int indexOf(String field) {
        for (int i = 0; i < PRICE_NAMES.length; i++) {
            if (PRICE_NAMES[i].equals(field)) {
                return i + 1;
            }
        }
        return 0;
    }

    private double number(int column, long time) {
        String text = fields[columns[column]];
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new MarketDataException(source, csv.lineNumber(), PRICE_NAMES[column - 1], text, Instant.ofEpochMilli(time),
                    "is not a number");
        }
    }

    /** Closes the underlying reader. */
    @Override
    public void close() {
        csv.close();
    }
}

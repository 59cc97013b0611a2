package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Trade;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads trades CSV with the header {@code timestamp,price,amount} ({@code time} for the first
 * column and {@code quantity}, {@code size} or {@code volume} for the last are accepted).
 * Timestamps take the forms of {@link Timestamps}. Trades must be in non-decreasing time order
 * (several trades in one second are normal); a trade earlier than the one before it is an error
 * naming the line. Price must be finite and positive, amount finite and non-negative. Streams one
 * trade at a time; not thread-safe.
 */
public final class TradeCsvReader implements Iterator<Trade>, Closeable {
    private final CsvCursor csv;
    private final String source;
    private final int timeColumn;
    private final int priceColumn;
    private final int amountColumn;
    private final String[] fields;
    private long lastTime = Long.MIN_VALUE;
    private long lastTimeLine;
    private Trade next;
    private boolean done;

    /**
     * Starts reading; checks the header at once.
     *
     * @throws MarketDataException if the header lacks a required column
     */
    public TradeCsvReader(BufferedReader reader, String source) {
        this.source = Checks.notNull(source, "source");
        this.csv = new CsvCursor(Checks.notNull(reader, "reader"), source);
        timeColumn = csv.column("timestamp", "timestamp", "time", "date");
        priceColumn = csv.column("price", "price");
        amountColumn = csv.column("amount", "amount", "quantity", "size", "volume");
        fields = csv.fields;
    }

    /** Opens {@code file} for streaming. */
    public static TradeCsvReader open(Path file) {
        return new TradeCsvReader(BarCsvReader.newReader(file), file.toString());
    }

    /** Opens {@code in} for streaming; {@code source} names it in errors. */
    public static TradeCsvReader open(InputStream in, String source) {
        return new TradeCsvReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), source);
    }

    /** Reads every trade of {@code file}. */
    public static List<Trade> readAll(Path file) {
        try (TradeCsvReader r = open(file)) {
            return r.drain();
        }
    }

    /** Reads every trade of {@code in}; the stream is closed. */
    public static List<Trade> readAll(InputStream in, String source) {
        try (TradeCsvReader r = open(in, source)) {
            return r.drain();
        }
    }

    private List<Trade> drain() {
        List<Trade> out = new ArrayList<>();
        while (hasNext()) {
            out.add(next());
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
            next = parse();
            return true;
        }
        done = true;
        return false;
    }

    @Override
    public Trade next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more trades in " + source);
        }
        Trade t = next;
        next = null;
        return t;
    }

    private Trade parse() {
        long lineNumber = csv.lineNumber();
        long time;
        try {
            time = Timestamps.parseMillis(fields[timeColumn]);
        } catch (IllegalArgumentException e) {
            throw new MarketDataException(source, lineNumber, "timestamp", fields[timeColumn], null, e.getMessage());
        }
        Instant at = Instant.ofEpochMilli(time);
        if (time < lastTime) {
            throw new MarketDataException(source, lineNumber, "timestamp", fields[timeColumn], at,
                    "is before the timestamp of line " + lastTimeLine + " (" + Instant.ofEpochMilli(lastTime) + ")");
        }
        double price = number(priceColumn, "price", at);
        if (!Double.isFinite(price) || price <= 0) {
            throw new MarketDataException(source, lineNumber, "price", fields[priceColumn], at,
                    Double.isFinite(price) ? "is not positive" : "is not a finite number");
        }
        double amount = number(amountColumn, "amount", at);
        if (!Double.isFinite(amount) || amount < 0) {
            throw new MarketDataException(source, lineNumber, "amount", fields[amountColumn], at,
                    Double.isFinite(amount) ? "is negative" : "is not a finite number");
        }
        lastTime = time;
        lastTimeLine = lineNumber;
        return new Trade(time, price, amount);
    }

    private double number(int column, String field, Instant at) {
        try {
            return Double.parseDouble(fields[column]);
        } catch (NumberFormatException e) {
            throw new MarketDataException(source, csv.lineNumber(), field, fields[column], at, "is not a number");
        }
    }

    @Override
    public void close() {
        csv.close();
    }
}

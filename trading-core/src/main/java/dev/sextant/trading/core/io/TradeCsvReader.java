package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Trade;
import java.io.Closeable;
import java.io.InputStream;
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
 * naming the line. Price must be finite and positive, amount finite and non-negative; numbers
 * follow {@link NumberGrammar}, lines and fields are bounded by {@link ReadLimits}. Streams one
 * trade at a time; not thread-safe.
 */
public final class TradeCsvReader implements Iterator<Trade>, Closeable {
    private final CsvCursor csv;
    private final String source;
    private final int timeColumn;
    private final int priceColumn;
    private final int amountColumn;
    private long lastTime = Long.MIN_VALUE;
    private long lastTimeLine;
    private Trade next;
    private boolean done;

    private TradeCsvReader(InputStream in, String source, ReadLimits limits) {
        this.source = Checks.notNull(source, "source");
        this.csv = new CsvCursor(Checks.notNull(in, "in"), source, Checks.notNull(limits, "limits"));
        int[] c = new int[3];
        try {
            c[0] = csv.column("timestamp", "timestamp", "time", "date");
            c[1] = csv.column("price", "price");
            c[2] = csv.column("amount", "amount", "quantity", "size", "volume");
        } catch (RuntimeException e) {
            csv.closeAfter(e);
            throw e;
        }
        timeColumn = c[0];
        priceColumn = c[1];
        amountColumn = c[2];
    }

    /**
     * Opens {@code file} for streaming; the header is read and checked at once.
     *
     * @throws MarketDataException if the file is missing, or the header lacks a required column
     */
    public static TradeCsvReader open(Path file) {
        return open(file, ReadLimits.DEFAULT);
    }

    /** Opens {@code file} for streaming with {@code limits}; see {@link #open(Path)}. */
    public static TradeCsvReader open(Path file, ReadLimits limits) {
        return new TradeCsvReader(BarCsvReader.newInput(file), file.toString(), limits);
    }

    /** Opens {@code in} (UTF-8) for streaming; {@code source} names it in errors. */
    public static TradeCsvReader open(InputStream in, String source) {
        return open(in, source, ReadLimits.DEFAULT);
    }

    /** Opens {@code in} (UTF-8) for streaming with {@code limits}; {@code source} names it in errors. */
    public static TradeCsvReader open(InputStream in, String source, ReadLimits limits) {
        return new TradeCsvReader(in, source, limits);
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
        long time = csv.timestamp(timeColumn, "timestamp");
        Instant at = Instant.ofEpochMilli(time);
        if (time < lastTime) {
            throw new MarketDataException(source, lineNumber, "timestamp", csv.field(timeColumn), at,
                    "is before the timestamp of line " + lastTimeLine + " (" + Instant.ofEpochMilli(lastTime) + ")");
        }
        double price = csv.number(priceColumn, "price", time);
        if (price <= 0) {
            throw new MarketDataException(source, lineNumber, "price", csv.field(priceColumn), at, "is not positive");
        }
        double amount = csv.number(amountColumn, "amount", time);
        if (amount < 0) {
            throw new MarketDataException(source, lineNumber, "amount", csv.field(amountColumn), at, "is negative");
        }
        lastTime = time;
        lastTimeLine = lineNumber;
        return new Trade(time, price, amount);
    }

    @Override
    public void close() {
        csv.close();
    }
}

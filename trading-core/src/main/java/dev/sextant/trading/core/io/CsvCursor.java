package dev.sextant.trading.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The line-reading half of the CSV readers: counts lines, reads and checks the header, splits
 * rows into a reused field array, and names the source in every error. Package-private.
 */
final class CsvCursor implements AutoCloseable {
    private final BufferedReader reader;
    private final String source;
    private final List<String> header;
    final String[] fields;
    private long lineNumber;

    /** Reads the header line at once; an empty input is an error on line 1. */
    CsvCursor(BufferedReader reader, String source) {
        this.reader = reader;
        this.source = source;
        String headerLine = readLine();
        if (headerLine == null) {
            throw new MarketDataException(source, 1, null, null, null, "is empty: expected a header line");
        }
        this.header = Arrays.asList(CsvLine.header(headerLine));
        this.fields = new String[header.size()];
    }

    String source() {
        return source;
    }

    long lineNumber() {
        return lineNumber;
    }

    /** The index of the first of {@code names} in the header; else an error naming {@code field} on line 1. */
    int column(String field, String... names) {
        for (String name : names) {
            int i = header.indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        throw new MarketDataException(source, 1, field, null, null, "column is missing from the header " + header);
    }

    /** The next non-blank line split into {@link #fields}, or false at the end of the input. */
    boolean nextRow() {
        String line;
        while ((line = readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            int n = CsvLine.split(line, fields);
            if (n != fields.length) {
                throw new MarketDataException(source, lineNumber, null, null, null,
                        "has " + n + " fields but the header has " + fields.length);
            }
            return true;
        }
        return false;
    }

    private String readLine() {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + " after line " + lineNumber, e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + source, e);
        }
    }
}

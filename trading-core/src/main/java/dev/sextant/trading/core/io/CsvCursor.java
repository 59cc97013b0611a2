package dev.sextant.trading.core.io;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The line-reading half of the CSV readers: reads bounded lines ({@link BoundedLineReader}), reads and
 * checks the header, splits each row into field bounds without allocating, parses fields with
 * the one number grammar ({@link NumberGrammar}) and timestamp parser ({@link Timestamps}), and
 * names the source, line and field in every error. Fields are separated by commas; a field may
 * be wrapped in double quotes (no embedded commas or quotes: market-data files never need them)
 * and surrounding spaces are ignored. Package-private; not thread-safe.
 */
final class CsvCursor implements AutoCloseable {
    /** How many header names an error message lists before "...". */
    private static final int HEADER_NAMES_IN_MESSAGES = 12;

    private final BoundedLineReader lines;
    private final String source;
    private final int maxFieldChars;
    private final List<String> header;
    private final int[] from;
    private final int[] to;
    // the current line: a view of the line reader's bytes when it is ASCII, else its String
    private CharSequence line;
    // true only in tests: every line decoded to a String, the reading before the byte view
    private final boolean stringLines;

    /** Reads the header line at once; an empty input is an error on line 1. Closes {@code in} on any error. */
    CsvCursor(InputStream in, String source, ReadLimits limits) {
        this(in, source, limits, false);
    }

    /**
     * As {@link #CsvCursor(InputStream, String, ReadLimits)}; with {@code stringLines} every line
     * is decoded to a {@code String} first (the reference the byte view is tested against).
     */
    CsvCursor(InputStream in, String source, ReadLimits limits, boolean stringLines) {
        this.lines = new BoundedLineReader(in, source, limits.maxLineBytes());
        this.stringLines = stringLines;
        this.source = source;
        this.maxFieldChars = limits.maxFieldChars();
        try {
            this.header = readHeader();
        } catch (RuntimeException e) {
            closeAfter(e);
            throw e;
        }
        this.from = new int[header.size()];
        this.to = new int[header.size()];
    }

    /**
     * Reads rows of a part of a file that starts after {@code linesBefore} complete lines, with
     * the file's {@code header}; line numbers are those of the whole file.
     */
    CsvCursor(InputStream in, String source, ReadLimits limits, List<String> header, long linesBefore) {
        this.lines = new BoundedLineReader(in, source, limits.maxLineBytes(), linesBefore);
        this.stringLines = false;
        this.source = source;
        this.maxFieldChars = limits.maxFieldChars();
        this.header = List.copyOf(header);
        this.from = new int[header.size()];
        this.to = new int[header.size()];
    }

    private List<String> readHeader() {
        String headerLine = lines.next();
        if (headerLine == null) {
            throw new MarketDataException(source, 1, null, null, null, "is empty: expected a header line");
        }
        this.line = headerLine;
        List<String> names = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= headerLine.length(); i++) {
            if (i == headerLine.length() || headerLine.charAt(i) == ',') {
                checkLength(start, i, "column " + (names.size() + 1) + " of the header");
                names.add(unquoted(headerLine, start, i).strip().toLowerCase(Locale.ROOT));
                start = i + 1;
            }
        }
        return List.copyOf(names);
    }

    String source() {
        return source;
    }

    long lineNumber() {
        return lines.lineNumber();
    }

    /** How many bytes of the input lie before the end of the current line. */
    long bytesConsumed() {
        return lines.bytesConsumed();
    }

    /** The index of the first of {@code names} in the header; else an error naming {@code field} on line 1. */
    int column(String field, String... names) {
        for (String name : names) {
            int i = header.indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        String shown = header.size() <= HEADER_NAMES_IN_MESSAGES ? header.toString()
                : header.subList(0, HEADER_NAMES_IN_MESSAGES).toString().replace("]", ", ... (" + header.size() + " columns)]");
        throw new MarketDataException(source, 1, field, null, null, "column is missing from the header " + shown);
    }

    /**
     * Reads the next non-blank line, or returns false at the end of the input. A line that is not
     * text (too long, a NUL byte, invalid UTF-8) throws: nothing after it can be trusted.
     */
    boolean nextLine() {
        CharSequence l;
        while ((l = stringLines ? lines.next() : lines.nextText()) != null) {
            if (!isBlank(l)) {
                line = l;
                return true;
            }
        }
        return false;
    }

    /** Splits the current line into fields; a wrong field count or an over-long field throws. */
    void split() {
        int width = from.length;
        int n = line instanceof AsciiLine ascii ? splitAscii(ascii) : splitText(line);
        if (n != width) {
            throw new MarketDataException(source, lineNumber(), null, null, null,
                    "has " + n + " fields but the header has " + width);
        }
    }

    /** Sets the field bounds of {@code l}; returns how many fields it has. */
    private int splitText(CharSequence l) {
        int n = 0;
        int start = 0;
        int width = from.length;
        int len = l.length();
        for (int i = 0; i <= len; i++) {
            if (i == len || l.charAt(i) == ',') {
                if (n < width) {
                    if (i - start > maxFieldChars) {
                        checkLength(start, i, header.get(n));
                    }
                    int a = start;
                    int b = i;
                    while (a < b && l.charAt(a) == ' ') a++;
                    while (b > a && l.charAt(b - 1) == ' ') b--;
                    if (b - a >= 2 && l.charAt(a) == '"' && l.charAt(b - 1) == '"') {
                        a++;
                        b--;
                    }
                    from[n] = a;
                    to[n] = b;
                }
                n++;
                start = i + 1;
            }
        }
        return n;
    }

    /**
     * {@link #splitText} of an ASCII line, on its bytes: the same bounds and errors, finding the
     * commas eight bytes at a time ({@link Swar#comma}).
     */
    private int splitAscii(AsciiLine l) {
        byte[] bytes = l.bytes();
        int base = l.offset();
        int end = base + l.length();
        int n = 0;
        int width = from.length;
        int start = base;
        while (true) {
            int comma = Swar.comma(bytes, start, end);
            if (n < width) {
                if (comma - start > maxFieldChars) {
                    checkLength(start - base, comma - base, header.get(n));
                }
                int a = start;
                int b = comma;
                while (a < b && bytes[a] == ' ') a++;
                while (b > a && bytes[b - 1] == ' ') b--;
                if (b - a >= 2 && bytes[a] == '"' && bytes[b - 1] == '"') {
                    a++;
                    b--;
                }
                from[n] = a - base;
                to[n] = b - base;
            }
            n++;
            if (comma == end) {
                return n;
            }
            start = comma + 1;
        }
    }

    /** Reads and splits the next non-blank row, or returns false at the end of the input. */
    boolean nextRow() {
        if (!nextLine()) {
            return false;
        }
        split();
        return true;
    }

    /** The text of field {@code column} of the current row. */
    String field(int column) {
        return line.subSequence(from[column], to[column]).toString();
    }

    /** Field {@code column} as a number of the one grammar; else an error naming {@code name}. */
    double number(int column, String name, long time) {
        try {
            return NumberGrammar.parse(line, from[column], to[column]);
        } catch (IllegalArgumentException e) {
            throw new MarketDataException(source, lineNumber(), name, field(column),
                    time == Long.MIN_VALUE ? null : Instant.ofEpochMilli(time), e.getMessage());
        }
    }

    /** Field {@code column} as epoch milliseconds; else an error naming {@code name}. */
    long timestamp(int column, String name) {
        try {
            return Timestamps.parseMillis(line, from[column], to[column]);
        } catch (IllegalArgumentException e) {
            throw new MarketDataException(source, lineNumber(), name, field(column), null, e.getMessage());
        }
    }

    private void checkLength(int start, int end, String name) {
        if (end - start > maxFieldChars) {
            throw new MarketDataException(source, lineNumber(), name, line.subSequence(start, end).toString(), null,
                    "is longer than " + maxFieldChars + " characters (the reader's field limit, ReadLimits.maxFieldChars)");
        }
    }

    private static String unquoted(String l, int a, int b) {
        while (a < b && l.charAt(a) == ' ') a++;
        while (b > a && l.charAt(b - 1) == ' ') b--;
        if (b - a >= 2 && l.charAt(a) == '"' && l.charAt(b - 1) == '"') {
            a++;
            b--;
        }
        return l.substring(a, b);
    }

    private static boolean isBlank(CharSequence l) {
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The header names, lower-cased and trimmed. */
    List<String> header() {
        return header;
    }

    @Override
    public void close() {
        lines.close();
    }

    /** Closes the input after {@code failure}, which stays the error reported. */
    void closeAfter(RuntimeException failure) {
        try {
            lines.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}

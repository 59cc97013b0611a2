package dev.sextant.trading.core.io;

import dev.sextant.trading.core.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads UTF-8 text one line at a time with a bounded line length, so that no input (a device
 * that never ends a line, a 200 MB line) can exhaust memory. Lines end with {@code \n} or
 * {@code \r\n}; a UTF-8 byte order mark before the first line is skipped. A line that is too
 * long, contains a NUL byte (binary data) or is not valid UTF-8 stops reading with a
 * {@link MarketDataException} naming the source, the line and the byte; an I/O error becomes an
 * {@link UncheckedIOException} whose message carries the operating system's reason.
 *
 * <p>The CSV readers of this package read through it; use it for any other line-oriented input
 * (a features CSV, a journal) that must not trust its source. Not thread-safe.
 */
public final class BoundedLineReader implements AutoCloseable {
    private static final int BUFFER = 1 << 16;

    private final InputStream in;
    private final String source;
    private final int maxLineBytes;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private byte[] spill = new byte[256];
    private long lineNumber;
    // bytes read from the input so far, into the buffer
    private long filled;
    private CharsetDecoder decoder;
    // the line read last: its bytes without the line ending, and the OR of those bytes
    private byte[] lineBytes;
    private int lineFrom;
    private int lineLength;
    private int lineHigh;
    private final AsciiLine ascii = new AsciiLine();

    private final boolean atFileStart;

    BoundedLineReader(InputStream in, String source, int maxLineBytes) {
        this(in, source, maxLineBytes, 0);
    }

    /** Reads a part of a file that starts after {@code linesBefore} complete lines. */
    BoundedLineReader(InputStream in, String source, int maxLineBytes, long linesBefore) {
        this.in = in;
        this.source = source;
        this.maxLineBytes = maxLineBytes;
        this.lineNumber = linesBefore;
        this.atFileStart = linesBefore == 0;
    }

    /**
     * Reads {@code in} (UTF-8; closed by {@link #close()}) with the line limit of {@code limits}.
     *
     * @param source the file name or label used in error messages
     */
    public static BoundedLineReader open(InputStream in, String source, ReadLimits limits) {
        return new BoundedLineReader(Checks.notNull(in, "in"), Checks.notNull(source, "source"),
                Checks.notNull(limits, "limits").maxLineBytes());
    }

    /**
     * Opens {@code file} with the line limit of {@code limits}.
     *
     * @throws MarketDataException if the file does not exist
     * @throws UncheckedIOException with the operating system's reason if it cannot be opened
     */
    public static BoundedLineReader open(Path file, ReadLimits limits) {
        return open(BarCsvReader.newInput(file), file.toString(), limits);
    }

    /** The 1-based number of the line returned last (0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line without its line ending, or {@code null} at the end of the input.
     *
     * @throws MarketDataException naming the source and line if the line is longer than the
     *         limit, contains a NUL byte or is not valid UTF-8
     * @throws UncheckedIOException with the operating system's reason on an I/O error
     */
    public String next() {
        if (!readLine()) {
            return null;
        }
        return decode(lineBytes, lineFrom, lineLength, lineHigh);
    }

    /**
     * The next line without its line ending, or {@code null} at the end of the input, as
     * {@link #next()} reads it: an ASCII line comes back as a view of this reader's buffer, valid
     * only until the next call (its characters are its bytes, so no {@code String} is made), any
     * other line as the {@code String} that {@link #next()} returns. Same checks and errors.
     */
    CharSequence nextText() {
        if (!readLine()) {
            return null;
        }
        if ((lineHigh & 0x80) == 0) {
            ascii.set(lineBytes, lineFrom, lineLength);
            return ascii;
        }
        return decode(lineBytes, lineFrom, lineLength, lineHigh);
    }

    /** Reads the next line's bytes into {@code line*}; false at the end of the input. */
    private boolean readLine() {
        int spilled = 0;
        boolean sawAny = false;
        int high = 0;
        while (true) {
            if (pos == limit) {
                fill();
                if (eof) {
                    if (!sawAny) {
                        return false;
                    }
                    lineNumber++;
                    return line(spill, 0, withoutCr(spill, 0, spilled), high);
                }
            }
            sawAny = true;
            int start = pos;
            int stop = limit;
            byte[] b = buf;
            int end = start;
            // the line scan skips eight plain bytes at a time; it stops at a line end, a NUL or a non-ASCII byte
            while ((end = Swar.lineStop(b, end, stop)) < stop) {
                byte c = b[end];
                if (c == '\n') {
                    break;
                }
                if (c == 0) {
                    throw new MarketDataException(source, lineNumber + 1, null, null, null,
                            "contains a NUL byte at byte " + (spilled + end - start + 1)
                                    + " of the line: binary data, not CSV text");
                }
                high |= c;
                end++;
            }
            int segment = end - start;
            if (spilled + segment > maxLineBytes) {
                throw new MarketDataException(source, lineNumber + 1, null, null, null,
                        "is longer than " + maxLineBytes + " bytes (the reader's line limit, ReadLimits.maxLineBytes)");
            }
            boolean complete = end < stop;
            pos = complete ? end + 1 : end;
            if (complete && spilled == 0) {
                lineNumber++;
                return line(b, start, withoutCr(b, start, segment), high);
            }
            if (spilled + segment > spill.length) {
                spill = Arrays.copyOf(spill, Math.min(Math.max(spilled + segment, 2 * spill.length), maxLineBytes));
            }
            System.arraycopy(b, start, spill, spilled, segment);
            spilled += segment;
            if (complete) {
                lineNumber++;
                return line(spill, 0, withoutCr(spill, 0, spilled), high);
            }
        }
    }

    private boolean line(byte[] bytes, int from, int length, int high) {
        lineBytes = bytes;
        lineFrom = from;
        lineLength = length;
        lineHigh = high;
        return true;
    }

    private static int withoutCr(byte[] b, int from, int len) {
        return len > 0 && b[from + len - 1] == '\r' ? len - 1 : len;
    }

    private String decode(byte[] bytes, int from, int len, int high) {
        if (atFileStart && lineNumber == 1 && len >= 3 && bytes[from] == (byte) 0xEF && bytes[from + 1] == (byte) 0xBB
                && bytes[from + 2] == (byte) 0xBF) {
            from += 3;
            len -= 3;
        }
        if ((high & 0x80) == 0) {
            return new String(bytes, from, len, StandardCharsets.ISO_8859_1);
        }
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, from, len);
        CharBuffer out = CharBuffer.allocate(len);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position() - from;
            throw new MarketDataException(source, lineNumber, null, null, null, String.format(java.util.Locale.ROOT,
                    "is not valid UTF-8 text: byte 0x%02X at byte %d of the line", bytes[in.position()] & 0xFF, at + 1));
        }
        out.flip();
        return out.toString();
    }

    private void fill() {
        if (eof) {
            return;
        }
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                eof = true;
                pos = limit = 0;
            } else {
                pos = 0;
                limit = n;
                filled += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot read after line " + lineNumber + ": " + IoErrors.reason(e), e);
        }
    }

    /** How many bytes of the input lie before the end of the line read last, its line ending included. */
    long bytesConsumed() {
        return filled - (limit - pos);
    }

    /** Closes the input. */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot close: " + IoErrors.reason(e), e);
        }
    }
}

package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BoundedLineReaderTest {

    private static BoundedLineReader reader(byte[] bytes, int max) {
        return new BoundedLineReader(new ByteArrayInputStream(bytes), "in.csv", max);
    }

    private static List<String> all(BoundedLineReader r) {
        List<String> out = new ArrayList<>();
        for (String l = r.next(); l != null; l = r.next()) {
            out.add(l);
        }
        return out;
    }

    /** An endless stream of one byte, like /dev/zero (0) or a file with no line break. */
    private static InputStream endless(int b) {
        return new InputStream() {
            @Override
            public int read() {
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                java.util.Arrays.fill(buf, off, off + len, (byte) b);
                return len;
            }
        };
    }

    @Test
    void splitsOnLfAndCrLfSkipsTheBomAndKeepsALastLineWithoutBreak() {
        byte[] bytes = "\uFEFFa,b\r\nc\n\nd".getBytes(StandardCharsets.UTF_8);
        BoundedLineReader r = reader(bytes, 64);
        assertEquals(List.of("a,b", "c", "", "d"), all(r));
        assertEquals(4, r.lineNumber());
    }

    @Test
    void emptyInputHasNoLines() {
        assertNull(reader(new byte[0], 64).next());
    }

    @Test
    void devZeroIsRejectedAsBinaryOnLineOneWithoutReadingOn() {
        BoundedLineReader r = new BoundedLineReader(endless(0), "/dev/zero", 1 << 20);
        MarketDataException e = assertThrows(MarketDataException.class, r::next);
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("NUL byte") && e.getMessage().startsWith("/dev/zero line 1"), e.getMessage());
    }

    @Test
    void anEndlessLineStopsAtTheLimitWithATypedError() {
        BoundedLineReader r = new BoundedLineReader(endless('7'), "big.csv", 1 << 20);
        MarketDataException e = assertThrows(MarketDataException.class, r::next);
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("longer than 1048576 bytes"), e.getMessage());
    }

    @Test
    void aLongLineAfterGoodLinesNamesItsLine() {
        String text = "h\nok\n" + "x".repeat(200) + "\n";
        BoundedLineReader r = reader(text.getBytes(StandardCharsets.US_ASCII), 100);
        r.next();
        r.next();
        MarketDataException e = assertThrows(MarketDataException.class, r::next);
        assertEquals(3, e.line());
    }

    @Test
    void invalidUtf8NamesTheLineAndTheByte() {
        byte[] bytes = {'h', '\n', 'a', 'b', (byte) 0xC3, '(', '\n'};
        BoundedLineReader r = reader(bytes, 64);
        r.next();
        MarketDataException e = assertThrows(MarketDataException.class, r::next);
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("not valid UTF-8") && e.getMessage().contains("0xC3 at byte 3"), e.getMessage());
    }

    @Test
    void validMultibyteUtf8IsDecoded() {
        assertEquals(List.of("€,ü", "日本"), all(reader("€,ü\n日本\n".getBytes(StandardCharsets.UTF_8), 64)));
    }

    @Test
    void ioErrorCarriesTheOperatingSystemsReasonAndTheLine() {
        InputStream failing = new InputStream() {
            private int calls;

            @Override
            public int read() throws IOException {
                throw new IOException("Input/output error");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (calls++ == 0) {
                    b[off] = 'a';
                    b[off + 1] = '\n';
                    return 2;
                }
                throw new IOException("Input/output error");
            }
        };
        BoundedLineReader r = new BoundedLineReader(failing, "disk.csv", 64);
        assertEquals("a", r.next());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, r::next);
        assertEquals("disk.csv: cannot read after line 1: Input/output error", e.getMessage());
    }

    @Property(tries = 200)
    void linesLongerThanTheBufferRoundTrip(@ForAll @Size(max = 6) List<@IntRange(max = 150_000) Integer> lengths) {
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int n : lengths) {
            String line = "ab€".repeat(n / 3 + 1).substring(0, n);
            expected.add(line);
            sb.append(line).append(n % 2 == 0 ? "\n" : "\r\n");
        }
        assertEquals(expected, all(reader(sb.toString().getBytes(StandardCharsets.UTF_8), 1 << 20)));
    }
}

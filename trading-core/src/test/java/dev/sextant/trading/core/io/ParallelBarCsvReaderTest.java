package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.BarSeries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParallelBarCsvReaderTest {
    @TempDir
    Path dir;

    private static String valid(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int k = 0; k < n; k++) {
            double p = 100 + r.nextInt(50);
            sb.append(Instant.ofEpochSecond(1_700_000_000L + 60L * k)).append(',').append(p).append(',').append(p + 1)
                    .append(',').append(p - 1).append(',').append(p).append(',').append(r.nextInt(100)).append('\n');
            if (r.nextInt(20) == 0) {
                sb.append(r.nextBoolean() ? "\n" : "  \r\n");
            }
        }
        return sb.toString();
    }

    /** The one-thread result: the series, or the error message. */
    private static Object sequential(Path p) {
        try {
            return BarCsvReader.read(p, ValidationPolicy.STRICT, ReadLimits.DEFAULT.withMaxLineBytes(4096)).series();
        } catch (MarketDataException e) {
            return e.getMessage();
        }
    }

    private static Object parallel(Path p, int threads) {
        try {
            return ParallelBarCsvReader.read(p, threads, ReadLimits.DEFAULT.withMaxLineBytes(4096), 64);
        } catch (MarketDataException e) {
            return e.getMessage();
        }
    }

    private static void assertSame(Object expected, Object actual) {
        if (expected instanceof BarSeries s) {
            BarSeries t = (BarSeries) actual;
            assertEquals(s.size(), t.size());
            assertEquals(s.timeFrame(), t.timeFrame());
            for (int i = 0; i < s.size(); i++) {
                assertEquals(s.bar(i), t.bar(i));
            }
        } else {
            assertEquals(expected, actual);
        }
    }

    @Property(tries = 150)
    void givesTheOneThreadResultOrItsErrorWithTheSameLine(@ForAll @IntRange(min = 1, max = 400) int n, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 3) int mutations, @ForAll @IntRange(min = 2, max = 6) int threads)
            throws IOException {
        byte[] b = valid(n, seed).getBytes(StandardCharsets.UTF_8);
        Random r = new Random(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < mutations; i++) {
            int at = r.nextInt(b.length);
            b[at] = switch (r.nextInt(4)) {
                case 0 -> (byte) '\n';
                case 1 -> (byte) ',';
                case 2 -> (byte) ('0' + r.nextInt(10));
                default -> (byte) r.nextInt(256);
            };
        }
        Path p = Files.createTempFile("sextant-parallel-", ".csv"); // jqwik properties get no @TempDir
        try {
            Files.write(p, b);
            assertSame(sequential(p), parallel(p, threads));
        } finally {
            Files.delete(p);
        }
    }

    @Test
    void anOrderErrorAcrossACutNamesBothFileLines() throws IOException {
        List<String> lines = new ArrayList<>(List.of(valid(300, 1).split("\n")));
        String a = lines.get(150);
        lines.set(150, lines.get(151));
        lines.set(151, a);
        Path p = dir.resolve("swap.csv");
        Files.write(p, lines);
        for (int threads = 2; threads <= 8; threads++) {
            MarketDataException e = assertThrows(MarketDataException.class,
                    () -> ParallelBarCsvReader.read(p, 8, ReadLimits.DEFAULT, 64));
            assertEquals(152, e.line());
            assertEquals(sequential(p), e.getMessage());
        }
    }

    @Test
    void readsTheRealAppleFileLikeTheOneThreadReader() throws IOException {
        Path p = dir.resolve("apple.csv");
        try (var in = RealData.stream(RealData.APPLE)) {
            Files.copy(in, p);
        }
        assertSame(BarCsvReader.read(p), ParallelBarCsvReader.read(p, 4, ReadLimits.DEFAULT, 256));
    }
}

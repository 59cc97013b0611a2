package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarCsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, List<String> lines) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, lines);
        return p;
    }

    /** A valid file of n minute bars; data row k (0-based) is on line k + 2. */
    private static List<String> valid(int n) {
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,open,high,low,close,volume");
        for (int k = 0; k < n; k++) {
            double p = 100 + Math.sin(k / 10.0);
            lines.add(Instant.ofEpochSecond(1_700_000_000L + 60L * k) + "," + p + "," + (p + 1) + "," + (p - 1) + "," + p + ",10");
        }
        return lines;
    }

    private MarketDataException reject(List<String> lines) throws IOException {
        Path p = file("bad.csv", lines);
        return assertThrows(MarketDataException.class, () -> BarCsvReader.read(p));
    }

    @Test
    void aFileSizedFromItsFirstRowsReadsTheSameBarsAsAStreamWhateverItsLaterRowsLengths() throws IOException {
        // short rows first (an estimate too high, cut to the file's bound) and long rows first (too low: the series grows)
        for (boolean shortFirst : new boolean[] {true, false}) {
            List<String> lines = new ArrayList<>(List.of("timestamp,open,high,low,close,volume"));
            for (int k = 0; k < 5000; k++) {
                boolean plain = (k < 1500) == shortFirst;
                String p = plain ? "1" : "1.000000000000000000000000000000";
                lines.add(Instant.ofEpochSecond(1_700_000_000L + 60L * k) + "," + p + ",2," + p + "," + p + "," + (plain ? "5" : "5.00000000000000000000000"));
            }
            Path p = file("sized.csv", lines);
            BarSeries fromFile = BarCsvReader.read(p);
            BarSeries fromStream = BarCsvReader.read(new ByteArrayInputStream(Files.readAllBytes(p)), "sized.csv");
            assertEquals(5000, fromFile.size());
            assertEquals(fromFile.size(), fromFile.capacity(), "the series holds exactly its bars");
            for (int i = 0; i < fromFile.size(); i++) {
                assertEquals(fromStream.bar(i), fromFile.bar(i));
            }
        }
    }

    @Property(tries = 500)
    void aFullSeriesGrowsToTheEstimateButAtLeastAQuarterAndAtMostEightTimesItsRows(
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 200_000_000) int rows,
            @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 10_000_000_000L) long estimate) {
        int next = BarCsvReader.nextCapacity(rows, estimate);
        assertTrue(next >= rows + rows / 4 + 1, rows + " rows grew only to " + next);
        assertTrue(next <= 8L * rows || next == rows + rows / 4 + 1, rows + " rows grew to " + next);
        if (estimate >= rows + rows / 4 + 1 && estimate <= 8L * rows) {
            assertEquals(estimate, next);
        }
    }

    @Test
    void aMillionRowFileOfEvenRowsGrowsFourTimesThenToItsEstimate() {
        assertEquals(8192, BarCsvReader.nextCapacity(1024, 1_020_000));
        assertEquals(65_536, BarCsvReader.nextCapacity(8192, 1_020_000));
        assertEquals(524_288, BarCsvReader.nextCapacity(65_536, 1_020_000));
        assertEquals(1_020_000, BarCsvReader.nextCapacity(524_288, 1_020_000));
        assertEquals(1_275_001, BarCsvReader.nextCapacity(1_020_000, 1_020_000), "a quarter more when the estimate falls short");
    }

    @Test
    void nanCloseOnLine1235IsRejectedNamingLineAndField() throws IOException {
        List<String> lines = valid(2000);
        String[] f = lines.get(1234).split(",");
        f[4] = "NaN";
        lines.set(1234, String.join(",", f));
        MarketDataException e = reject(lines);
        assertEquals(1235, e.line());
        assertEquals("close", e.field());
        assertEquals("NaN", e.value());
        assertTrue(e.getMessage().contains("line 1235") && e.getMessage().contains("close"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
    }

    @Test
    void swappedRowsAreRejectedNamingTheLine() throws IOException {
        List<String> lines = valid(50);
        String a = lines.get(20);
        lines.set(20, lines.get(21));
        lines.set(21, a);
        MarketDataException e = reject(lines);
        assertEquals(22, e.line());
        assertEquals("timestamp", e.field());
        assertTrue(e.getMessage().contains("line 21"), e.getMessage());
    }

    @Test
    void duplicateTimestampIsRejected() throws IOException {
        List<String> lines = valid(10);
        lines.add(5, lines.get(4));
        MarketDataException e = reject(lines);
        assertEquals(6, e.line());
        assertTrue(e.getMessage().contains("duplicates"), e.getMessage());
    }

    @Test
    void highBelowLowIsRejected() throws IOException {
        List<String> lines = valid(10);
        lines.set(3, "2024-01-01T00:00:00Z,100,99,101,100,5");
        lines.subList(4, lines.size()).clear();
        MarketDataException e = reject(lines);
        assertEquals(4, e.line());
        assertEquals("high", e.field());
        assertTrue(e.getMessage().contains("below low"), e.getMessage());
    }

    @Test
    void highBelowCloseIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,100,101,99,102,5"));
        assertEquals("high", e.field());
    }

    @Test
    void lowAboveOpenIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,100,103,100.5,102,5"));
        assertEquals("low", e.field());
        assertEquals(2, e.line());
    }

    @Test
    void nonPositivePriceIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,-1,103,-2,2,5"));
        assertEquals("open", e.field());
        assertTrue(e.getMessage().contains("not positive"), e.getMessage());
    }

    @Test
    void infinitePriceIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,Infinity,1,1,5"));
        assertEquals("high", e.field());
    }

    @Test
    void negativeVolumeIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,1,1,1,-5"));
        assertEquals("volume", e.field());
        assertEquals("-5", e.value());
    }

    @Test
    void nonFiniteVolumeIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,1,1,1,NaN"));
        assertEquals("volume", e.field());
    }

    @Test
    void malformedNumberIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,1.2.3,1,1,5"));
        assertEquals("high", e.field());
        assertEquals("1.2.3", e.value());
        assertTrue(e.getMessage().contains("not a number"), e.getMessage());
    }

    @Test
    void malformedTimestampIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "yesterday,1,1,1,1,5"));
        assertEquals("timestamp", e.field());
        assertEquals(2, e.line());
    }

    @Test
    void missingColumnIsRejectedOnTheHeaderLine() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,volume", "2024-01-01,1,1,1,5"));
        assertEquals(1, e.line());
        assertEquals("close", e.field());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void wrongFieldCountIsRejected() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,1,1,5"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("5 fields"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        MarketDataException e = reject(List.of());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void missingFileIsRejectedNamingIt() {
        MarketDataException e = assertThrows(MarketDataException.class, () -> BarCsvReader.read(dir.resolve("nope.csv")));
        assertTrue(e.getMessage().contains("nope.csv") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void streamingReturnsEveryValidBarBeforeTheBadOne() throws IOException {
        List<String> lines = valid(10);
        lines.set(8, lines.get(8).replaceFirst(",10$", ",-3"));
        List<Bar> seen = new ArrayList<>();
        try (BarCsvReader r = BarCsvReader.open(file("s.csv", lines))) {
            MarketDataException e = assertThrows(MarketDataException.class, () -> {
                while (r.hasNext()) {
                    seen.add(r.next());
                }
            });
            assertEquals(9, e.line());
        }
        assertEquals(7, seen.size());
    }

    @Test
    void acceptsEveryTimestampFormOfTheContract() throws IOException {
        String header = "date,open,high,low,close,volume";
        long day = Instant.parse("2013-01-02T00:00:00Z").toEpochMilli();
        for (String ts : new String[] {"2013-01-02", "2013-01-02T00:00:00Z", "2013-01-02T01:00:00+01:00", "1357084800",
                "1357084800000", "2013-01-02T00:00:00.000Z", "2013-01-02 00:00:00"}) {
            BarSeries s = BarCsvReader.read(file("t.csv", List.of(header, ts + ",1,2,0.5,1.5,10")));
            assertEquals(day, s.time(0), ts);
        }
    }

    @Test
    void readsColumnsInAnyOrderAndIgnoresExtras() throws IOException {
        BarSeries s = BarCsvReader.read(file("o.csv", List.of("Close,Volume,Open,Low,High,Timestamp,extra",
                "1.5,10,1,0.5,2,2013-01-02,x")));
        assertEquals(new Bar(Instant.parse("2013-01-02T00:00:00Z").toEpochMilli(), 1, 2, 0.5, 1.5, 10), s.bar(0));
    }

    @Test
    void lenientModeSortsDropsDuplicatesAndInvalidRowsAndReportsEach() throws IOException {
        List<String> lines = valid(10);
        String a = lines.get(3);
        lines.set(3, lines.get(4));
        lines.set(4, a);
        lines.add(7, lines.get(6));
        lines.set(9, lines.get(9).replaceFirst(",10$", ",NaN"));
        ReadResult r = BarCsvReader.read(file("l.csv", lines), ValidationPolicy.LENIENT);
        assertEquals(9, r.series().size());
        assertEquals(2, r.dropped().size(), r.dropped().toString());
        assertEquals(8, r.dropped().get(0).line());
        assertTrue(r.dropped().get(0).reason().contains("duplicates line 7"), r.dropped().toString());
        assertEquals(10, r.dropped().get(1).line());
        assertTrue(r.dropped().get(1).reason().contains("volume"));
        for (int i = 1; i < r.series().size(); i++) {
            assertTrue(r.series().time(i) > r.series().time(i - 1));
        }
    }

    @Test
    void readsAFileWithMoreThan256ColumnsWhoseRequiredColumnsComeLast() throws IOException {
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            header.append("extra").append(i).append(',');
            row.append(i).append(',');
        }
        BarSeries s = BarCsvReader.read(file("wide.csv", List.of(header + "timestamp,open,high,low,close,volume",
                row + "2013-01-02,1,2,0.5,1.5,10")));
        assertEquals(1, s.size());
        assertEquals(1.5, s.close(0));
    }

    @Test
    void javaOnlyNumberSyntaxIsRejected() throws IOException {
        for (String v : new String[] {"0x1p6", "100d", "1_0", "+1", ".5"}) {
            MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01," + v + ",200,0.5,1,5"));
            assertEquals("open", e.field(), v);
            assertEquals(v, e.value());
            assertTrue(e.getMessage().contains("is not a number"), e.getMessage());
        }
    }

    @Test
    void priceBeyondTheRangeOfADoubleIsRejectedNotInfinite() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,1e400,0.5,1,5"));
        assertEquals("high", e.field());
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test
    void decimalMillisecondTimestampsAreReadAsMilliseconds() throws IOException {
        BarSeries s = BarCsvReader.read(file("pd.csv", List.of("timestamp,open,high,low,close,volume",
                "1357084800000.0,1,2,0.5,1.5,10", "1357084860000.0,1,2,0.5,1.5,10")));
        assertEquals(Instant.parse("2013-01-02T00:00:00Z"), s.bar(0).instant());
        assertEquals(60_000L, s.timeFrame().millis());
    }

    @Test
    void minLongTimestampIsRejectedNamingTheField() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "-9223372036854775808,1,2,0.5,1.5,10"));
        assertEquals("timestamp", e.field());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("outside the supported range"), e.getMessage());
    }

    @Test
    void yearsZeroAnd9999AreReadWithoutOverflow() throws IOException {
        BarSeries s = BarCsvReader.read(file("y.csv", List.of("timestamp,open,high,low,close,volume",
                "0000-01-01,1,2,0.5,1.5,10", "9999-12-31,1,2,0.5,1.5,10")));
        assertEquals(2, s.size());
        assertEquals(null, s.timeFrame());
        assertEquals(2, SeriesSummary.of(s).bars());
    }

    @Test
    void leapSecondIsRejectedNamingLineAndField() throws IOException {
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume",
                "2015-06-30T23:59:59Z,1,2,0.5,1.5,10", "2015-06-30T23:59:60Z,1,2,0.5,1.5,10"));
        assertEquals(3, e.line());
        assertEquals("timestamp", e.field());
        assertTrue(e.getMessage().contains("leap second"), e.getMessage());
    }

    @Test
    void overLongFieldIsATypedErrorWithAnAbbreviatedValue() throws IOException {
        String big = "1".repeat(100_000);
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,2,0.5," + big + ",5"));
        assertEquals(2, e.line());
        assertEquals("close", e.field());
        assertTrue(e.getMessage().length() < 300 && e.getMessage().contains("longer than 65536 characters"), e.getMessage());
    }

    @Test
    void tenMegabyteFieldExceedsTheLineLimitWithoutRunningOutOfMemory() throws IOException {
        String big = "7".repeat(10_000_000);
        MarketDataException e = reject(List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,2,0.5," + big + ",5"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("longer than 1048576 bytes"), e.getMessage());
    }

    @Test
    void limitsAreOverridable() throws IOException {
        Path p = file("l.csv", List.of("timestamp,open,high,low,close,volume", "2024-01-01,1,2,0.5,1.5," + "5".repeat(100)));
        assertEquals(1, BarCsvReader.read(p).size());
        MarketDataException e = assertThrows(MarketDataException.class,
                () -> BarCsvReader.read(p, ValidationPolicy.STRICT, ReadLimits.DEFAULT.withMaxFieldChars(50)));
        assertEquals("volume", e.field());
        e = assertThrows(MarketDataException.class,
                () -> BarCsvReader.read(p, ValidationPolicy.STRICT, ReadLimits.DEFAULT.withMaxLineBytes(100)));
        assertEquals(2, e.line());
    }

    @Test
    void invalidUtf8IsATypedErrorNamingTheLineEvenWhenLenient() throws IOException {
        Path p = dir.resolve("bin.csv");
        byte[] head = "timestamp,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1,2,".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
        bytes[head.length] = (byte) 0xFF;
        bytes[head.length + 1] = ',';
        bytes[head.length + 2] = '\n';
        Files.write(p, bytes);
        for (ValidationPolicy policy : ValidationPolicy.values()) {
            MarketDataException e = assertThrows(MarketDataException.class, () -> BarCsvReader.read(p, policy));
            assertEquals(3, e.line());
            assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
        }
    }

    @Test
    void readingADirectoryGivesTheOperatingSystemsReason() {
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> BarCsvReader.read(dir));
        assertTrue(e.getMessage().startsWith(dir.toString()) && !e.getMessage().contains("Exception"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("directory"), e.getMessage());
    }

    // ---- the byte path against the String path it replaced ----

    private static final String[] TIME_TOKENS = {
        "2024-01-02T00:00:00Z", "2024-01-02T00:01:00Z", "2024-01-02T00:02:00.500Z", "2024-01-02", "2024-01-03",
        "2024-01-02 00:03:00", "2024-01-02T00:04:00+01:00", "2024-01-02T00:05:00z", "2024-02-30", "2024-01-02T23:59:60Z",
        "1704153600", "1704153660", "1704153720000", "1704153780.5", "1704153840000.0", "-1", "1e400", "17041539e2",
        "", " ", "\"1704153900\"", " 1704153960 ", "abc", "2024-01-02T00:0é:00Z", "１７０４１５３６００", "NaN",
        "99999999999999999999", "2024-13-01", "0x10", "+1704153600"};
    private static final String[] NUMBER_TOKENS = {
        "1", "2", "3", "100.5", "0.25", "7", "007", "1.5E-3", "1e2", "2E+1", "-0.5", "0", "1e-400", "1e400", "-1e400",
        "NaN", "-Infinity", "inf", "+1", ".5", "5.", "1,5", "0x1p6", "100d", "1_000", "", "  ", " 12 ", "\"12\"",
        "\"\"", "\" 3 \"", "é", "１", "3é", "12\r", "4\t", "1.7976931348623157E308", "4.9E-324", "123456789012345678901234567890"};

    @Provide
    Arbitrary<String> fieldText() {
        return Arbitraries.oneOf(
                Arbitraries.of(NUMBER_TOKENS),
                Arbitraries.of(NUMBER_TOKENS),
                Arbitraries.strings().withChars("0123456789.-+eE \"é,").ofMaxLength(8),
                Arbitraries.doubles().between(-1e6, 1e9).map(String::valueOf));
    }

    @Provide
    Arbitrary<String> barsCsvLines() {
        // "{T}" becomes the row's own increasing time, so that many files read without an error
        Arbitrary<String> times = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just("{T}")),
                Tuple.of(2, Arbitraries.of(TIME_TOKENS)),
                Tuple.of(1, Arbitraries.longs().between(1_600_000_000L, 1_700_000_000L).map(String::valueOf)));
        Arbitrary<String> row = Combinators.combine(times, fieldText().list().ofSize(5),
                Arbitraries.integers().between(0, 19), Arbitraries.doubles().between(1e-3, 1e6).ofScale(6)).as((at, numbers, shape, p) -> {
                    List<String> f = new ArrayList<>();
                    f.add(at);
                    // valid bars, plausible ones (low <= open = close <= high) of random tokens, or the raw tokens
                    if (shape < 8) {
                        f.addAll(List.of(String.valueOf(p), String.valueOf(p * 2), String.valueOf(p / 2),
                                String.valueOf(p), String.valueOf(p * shape)));
                    } else if (shape < 12) {
                        f.addAll(List.of(numbers.get(0), "9" + numbers.get(1).strip(), "1e-300", numbers.get(0), "5"));
                    } else {
                        f.addAll(numbers);
                    }
                    if (shape == 19) {
                        f.add("extra");
                    } else if (shape == 18) {
                        f.remove(f.size() - 1);
                    }
                    return String.join(shape == 17 ? " , " : ",", f);
                });
        Arbitrary<String> line = Arbitraries.frequencyOf(
                Tuple.of(20, row), Tuple.of(1, Arbitraries.of("", "   ", "\t", "x".repeat(80), "a\u0000b", "\"\"")));
        Arbitrary<String> header = Arbitraries.of("timestamp,open,high,low,close,volume",
                "\uFEFFtimestamp,open,high,low,close,volume", "\"Timestamp\", Open ,HIGH,low,close,volume",
                "date,open,high,low,close,volume", "timestamp,open,high,low,close");
        return Combinators.combine(header, line.list().ofMaxSize(12), Arbitraries.of("\n", "\r\n"),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as((h, rows, eol, lastEol, epochTimes) -> {
                    StringBuilder sb = new StringBuilder(h);
                    long t = 1_704_153_600L;
                    for (String r : rows) {
                        t += 60;
                        String at = epochTimes ? String.valueOf(t) : Instant.ofEpochSecond(t).toString();
                        sb.append(eol).append(r.replace("{T}", at));
                    }
                    if (lastEol) {
                        sb.append(eol);
                    }
                    return sb.toString();
                });
    }

    /** The outcome of a read as comparable text: the bars and dropped rows, or the error's message and parts. */
    private static String outcome(Supplier<ReadResult> read) {
        try {
            ReadResult r = read.get();
            BarSeries s = r.series();
            StringBuilder sb = new StringBuilder(s.name() + " " + s.timeFrame() + " " + s.size() + "\n");
            for (int i = 0; i < s.size(); i++) {
                sb.append(s.bar(i)).append('\n');
            }
            return sb.append(r.dropped()).toString();
        } catch (MarketDataException e) {
            return "error " + e.getMessage() + " | " + e.line() + " | " + e.field() + " | " + e.value();
        }
    }

    @Property(tries = 400)
    void readsFromBytesExactlyAsWhenEveryLineWasAString(@ForAll("barsCsvLines") String csv,
            @ForAll boolean smallLimits) {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ReadLimits limits = smallLimits ? new ReadLimits(64, 16) : ReadLimits.DEFAULT;
        for (ValidationPolicy policy : ValidationPolicy.values()) {
            String viaStrings = outcome(() -> BarCsvReader.readDecodingEveryLine(
                    new ByteArrayInputStream(bytes), "p.csv", policy, limits));
            String viaBytes = outcome(() -> BarCsvReader.read(new ByteArrayInputStream(bytes), "p.csv", policy, limits));
            assertEquals(viaStrings, viaBytes, csv);
            Statistics.label(policy.name()).collect(viaBytes.startsWith("error") ? "error" : "bars");
        }
        // both outcomes must be tried often, or the comparison proves little
        Statistics.label(ValidationPolicy.STRICT.name()).coverage(c -> {
            c.check("bars").percentage(p -> p > 5);
            c.check("error").percentage(p -> p > 5);
        });
    }
}

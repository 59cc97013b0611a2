package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile-input corpus for market data, generated here (each case named after what it
 * attacks), run through {@code data inspect}, {@code data resample}, {@code indicators} and
 * {@code features}. Every bad file must end with exit code 2 and one bounded line naming the
 * file, the line and the field where there is one, without a Java class name, and every output
 * file that existed before must be left exactly as it was, with no temporary file beside it.
 * Tricky but valid files must be accepted.
 */
class MarketDataCorpusTest {
    private static final String HEADER = "timestamp,open,high,low,close,volume";
    private static final String PREVIOUS = "previous output, must survive\n";

    @TempDir
    static Path dir;

    /** One hostile file: what it attacks, how to write it, and what the error must name. */
    private record Case(String name, String extension, Content content, long line, String field, String says) {
        Path write(Path folder) throws IOException {
            Path p = folder.resolve(name + extension);
            try (OutputStream out = Files.newOutputStream(p)) {
                content.writeTo(out);
            }
            return p;
        }
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A valid minute-bar row for bar k. */
    private static String row(int k) {
        double p = 100 + k % 7;
        return Instant.ofEpochSecond(1_700_000_040L + 60L * k) + "," + p + "," + (p + 1) + "," + (p - 1) + "," + p + ",10";
    }

    /** The header, two valid rows, then {@code bad} as line 4. */
    private static Content csvWith(String bad) {
        return text(HEADER + "\n" + row(0) + "\n" + row(1) + "\n" + bad + "\n" + row(3) + "\n");
    }

    private static Content text(String s) {
        return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Content bytes(byte[] prefix, byte[] bad, byte[] suffix) {
        return out -> {
            out.write(prefix);
            out.write(bad);
            out.write(suffix);
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Content repeated(String prefix, int b, int count, String suffix) {
        return out -> {
            out.write(ascii(prefix));
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) b);
            for (int left = count; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
            out.write(ascii(suffix));
        };
    }

    private static String ohlc(String end, String close) {
        return "{\"name\":\"X_PT1M@V\",\"ohlc\":[{\"endTime\":" + end
                + ",\"openPrice\":1,\"highPrice\":2,\"lowPrice\":0.5,\"closePrice\":" + close + ",\"volume\":1}]}";
    }

    private static final String ROW3 = "2023-11-14T22:16:00Z";

    static List<Case> hostile() {
        String head = HEADER + "\n" + row(0) + "\n" + row(1) + "\n";
        return List.of(
                new Case("nan-close", ".csv", csvWith(ROW3 + ",100,101,99,NaN,10"), 4, "close", "is not a finite number"),
                new Case("infinite-volume", ".csv", csvWith(ROW3 + ",100,101,99,100,Infinity"), 4, "volume", "not a finite number"),
                new Case("java-hex-float", ".csv", csvWith(ROW3 + ",0x1p6,101,99,100,10"), 4, "open", "is not a number"),
                new Case("java-double-suffix", ".csv", csvWith(ROW3 + ",100d,101,99,100,10"), 4, "open", "is not a number"),
                new Case("leading-plus-sign", ".csv", csvWith(ROW3 + ",100,+101,99,100,10"), 4, "high", "is not a number"),
                new Case("bare-fraction", ".csv", csvWith(ROW3 + ",100,101,.99,100,10"), 4, "low", "is not a number"),
                new Case("digit-separators", ".csv", csvWith(ROW3 + ",100,101,99,100,1_000"), 4, "volume", "is not a number"),
                new Case("double-beyond-range", ".csv", csvWith(ROW3 + ",100,1e400,99,100,10"), 4, "high", "out of range"),
                new Case("empty-number", ".csv", csvWith(ROW3 + ",100,101,99,,10"), 4, "close", "is empty"),
                new Case("min-long-timestamp", ".csv", csvWith("-9223372036854775808,100,101,99,100,10"), 4, "timestamp",
                        "outside the supported range"),
                new Case("max-long-timestamp", ".csv", csvWith("9223372036854775807,100,101,99,100,10"), 4, "timestamp",
                        "outside the supported range"),
                new Case("microsecond-epoch", ".csv", csvWith("1700000160000000,100,101,99,100,10"), 4, "timestamp",
                        "outside the supported range"),
                new Case("year-10000", ".csv", csvWith("+10000-01-01T00:00:00Z,100,101,99,100,10"), 4, "timestamp",
                        "outside the supported range"),
                new Case("huge-decimal-epoch", ".csv", csvWith("1e30,100,101,99,100,10"), 4, "timestamp",
                        "outside the supported range"),
                new Case("leap-second", ".csv", csvWith("2023-11-14T22:55:60Z,100,101,99,100,10"), 4, "timestamp", "leap second"),
                new Case("impossible-date", ".csv", csvWith("2023-02-30T00:00:00Z,100,101,99,100,10"), 4, "timestamp",
                        "is not an ISO-8601 time"),
                new Case("garbage-timestamp", ".csv", csvWith("yesterday,100,101,99,100,10"), 4, "timestamp", "ISO-8601"),
                new Case("timestamp-going-back", ".csv", csvWith(row(0).replaceFirst(",.*", "") + ",100,101,99,100,10"), 4,
                        "timestamp", "is before the timestamp of line 3"),
                new Case("duplicate-timestamp", ".csv", csvWith(row(1)), 4, "timestamp", "duplicates the timestamp of line 3"),
                new Case("high-below-low", ".csv", csvWith(ROW3 + ",100,98,99,100,10"), 4, "high", "is below low"),
                new Case("negative-price", ".csv", csvWith(ROW3 + ",-100,101,99,100,10"), 4, "open", "is not positive"),
                new Case("negative-volume", ".csv", csvWith(ROW3 + ",100,101,99,100,-1"), 4, "volume", "is negative"),
                new Case("too-few-fields", ".csv", csvWith(ROW3 + ",100,101,99,100"), 4, null, "has 5 fields but the header has 6"),
                new Case("too-many-fields", ".csv", csvWith(ROW3 + ",100,101,99,100,10,7"), 4, null,
                        "has 7 fields but the header has 6"),
                new Case("missing-close-column", ".csv", text("timestamp,open,high,low,volume\n" + ROW3 + ",1,2,0.5,1\n"), 1,
                        "close", "column is missing from the header"),
                new Case("empty-file", ".csv", text(""), 1, null, "is empty"),
                new Case("invalid-utf8", ".csv", bytes(ascii(head + ROW3 + ",100,101,99,1"), new byte[] {(byte) 0xC3, '('},
                        ascii(",10\n")), 4, null, "is not valid UTF-8"),
                new Case("binary-nul-bytes", ".csv", bytes(ascii(head), new byte[] {0, 1, 2, 3, 0}, ascii("\n")), 4, null,
                        "NUL byte"),
                new Case("dev-zero", ".csv", repeated("", 0, 3 << 20, ""), 1, null, "NUL byte"),
                new Case("three-megabyte-line", ".csv", repeated(head, '7', 3 << 20, "\n"), 4, null,
                        "is longer than 1048576 bytes"),
                new Case("ten-megabyte-field", ".csv", repeated(head + ROW3 + ",100,101,99,", '9', 10_000_000, ",10\n"), 4, null,
                        "is longer than 1048576 bytes"),
                new Case("hundred-kilobyte-field", ".csv", repeated(head + ROW3 + ",100,101,99,", '9', 100_000, ",10\n"), 4,
                        "close", "is longer than 65536 characters"),
                new Case("json-end-time-1e30", ".json", text(ohlc("1e30", "1.5")), 1, "ohlc[0].endTime",
                        "outside the supported range"),
                new Case("json-fractional-end-time", ".json", text(ohlc("59999.5", "1.5")), 1, "ohlc[0].endTime",
                        "whole number"),
                new Case("json-price-beyond-double", ".json", text(ohlc("59999", "1e400")), 1, "ohlc[0].closePrice", "out of range"),
                new Case("json-duplicate-key", ".json", text(ohlc("59999", "1.5,\"closePrice\":2")), 1, "ohlc[0].closePrice",
                        "is given twice"),
                new Case("json-nan", ".json", text(ohlc("59999", "NaN")), 1, null, "is not valid JSON"),
                new Case("json-truncated", ".json", text(ohlc("59999", "1.5").substring(0, 40)), 1, null, "is not valid JSON"),
                new Case("json-binary", ".json", repeated("", 0, 1 << 20, ""), 1, null, "is not valid JSON"));
    }

    private static List<String> command(String cmd, Path input, Path output) {
        return switch (cmd) {
            case "inspect" -> List.of("data", "inspect", "--input", input.toString());
            case "resample" -> List.of("data", "resample", "--input", input.toString(), "--timeframe", "5m", "--output",
                    output.toString());
            case "indicators" -> List.of("indicators", "--input", input.toString(), "--output", output.toString());
            case "features" -> List.of("features", "--input", input.toString(), "--output", output.toString());
            default -> throw new IllegalArgumentException(cmd);
        };
    }

    private static final List<String> COMMANDS = List.of("inspect", "resample", "indicators", "features");

    @TestFactory
    Stream<DynamicTest> everyHostileFileEndsInOneLineNamingWhereAndLeavesOutputsAlone() throws IOException {
        Path inputs = Files.createDirectories(dir.resolve("inputs"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : hostile()) {
            Path input = c.write(inputs);
            for (String cmd : COMMANDS) {
                tests.add(DynamicTest.dynamicTest(c.name() + " via " + cmd, () -> check(c, input, cmd)));
            }
        }
        return tests.stream();
    }

    private static void check(Case c, Path input, String cmd) throws IOException {
        Path outDir = Files.createDirectories(dir.resolve("out-" + c.name() + "-" + cmd));
        Path output = outDir.resolve("out.csv");
        Files.writeString(output, PREVIOUS);
        CliRunner.Result r = CliRunner.run(command(cmd, input, output).toArray(String[]::new));
        String err = r.err().strip();
        assertEquals(2, r.exitCode(), err);
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.length() < 600, "bounded: " + err.length() + " chars");
        assertTrue(err.startsWith("error: " + input), err);
        if (c.line() > 0) {
            assertTrue(err.contains(" line " + c.line()), "line " + c.line() + ": " + err);
        }
        if (c.field() != null) {
            assertTrue(err.contains(" field " + c.field()), "field " + c.field() + ": " + err);
        }
        assertTrue(err.contains(c.says()), err);
        for (String javaism : List.of("Exception", "For input string", "java.", "overflow")) {
            assertFalse(err.contains(javaism), err);
        }
        assertEquals(PREVIOUS, Files.readString(output), "the old output must be left as it was");
        try (Stream<Path> s = Files.list(outDir)) {
            assertEquals(List.of("out.csv"), s.map(p -> p.getFileName().toString()).toList(), "no temporary file");
        }
    }

    /** Tricky but valid files: each must be accepted by every command. */
    static List<Case> accepted() {
        StringBuilder wide = new StringBuilder();
        StringBuilder wideRow = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            wide.append("extra_").append(i).append(',');
            wideRow.append(i).append(',');
        }
        StringBuilder wideFile = new StringBuilder(wide).append(HEADER).append('\n');
        StringBuilder pandas = new StringBuilder(HEADER).append('\n');
        StringBuilder extremes = new StringBuilder(HEADER).append('\n');
        for (int k = 0; k < 40; k++) {
            wideFile.append(wideRow).append(row(k)).append('\n');
            String[] f = row(k).split(",", 2);
            pandas.append(Instant.parse(f[0]).toEpochMilli()).append(".0,").append(f[1]).append('\n');
        }
        extremes.append("0000-01-01T00:00:00Z,1,2,0.5,1.5,10\n").append("9999-12-31T23:59:00Z,1,2,0.5,1.5,10\n");
        return List.of(
                new Case("more-than-256-columns", ".csv", text(wideFile.toString()), 0, null, ""),
                new Case("pandas-decimal-milliseconds", ".csv", text(pandas.toString()), 0, null, ""),
                new Case("years-0-and-9999", ".csv", text(extremes.toString()), 0, null, ""));
    }

    @TestFactory
    Stream<DynamicTest> trickyButValidFilesAreAcceptedAndOutputsReplaced() throws IOException {
        Path inputs = Files.createDirectories(dir.resolve("valid"));
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : accepted()) {
            Path input = c.write(inputs);
            for (String cmd : COMMANDS) {
                tests.add(DynamicTest.dynamicTest(c.name() + " via " + cmd, () -> {
                    Path outDir = Files.createDirectories(dir.resolve("ok-" + c.name() + "-" + cmd));
                    Path output = outDir.resolve("out.csv");
                    Files.writeString(output, PREVIOUS);
                    CliRunner.Result r = CliRunner.run(command(cmd, input, output).toArray(String[]::new));
                    assertEquals(0, r.exitCode(), r.err());
                    if (!cmd.equals("inspect")) {
                        assertTrue(Files.readString(output).startsWith("timestamp,"), "output replaced");
                    }
                    try (Stream<Path> s = Files.list(outDir)) {
                        assertEquals(List.of("out.csv"), s.map(p -> p.getFileName().toString()).toList());
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> pandasMillisecondsAreReadAsMilliseconds() {
        return Stream.of(DynamicTest.dynamicTest("inspect shows 2023, not year 55000", () -> {
            Path input = accepted().get(1).write(Files.createDirectories(dir.resolve("pandas")));
            CliRunner.Result r = CliRunner.run("data", "inspect", "--input", input.toString());
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("first:       2023-11-14T22:14:00Z"), r.out());
            assertTrue(r.out().contains("time frame:  1m"), r.out());
        }));
    }
}

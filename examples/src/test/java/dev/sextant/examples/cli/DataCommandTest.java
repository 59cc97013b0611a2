package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
    @TempDir
    Path dir;

    private Path minuteBars(int n) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("timestamp,open,high,low,close,volume");
        for (int k = 0; k < n; k++) {
            double p = 100 + k % 7;
            lines.add(Instant.ofEpochSecond(1_700_000_040L + 60L * k) + "," + p + "," + (p + 1) + "," + (p - 1) + "," + p + ",10");
        }
        Path p = dir.resolve("bars.csv");
        Files.write(p, lines);
        return p;
    }

    @Test
    void inspectsRealAppleAndBitstampData() {
        CliRunner.Result r = CliRunner.run("data", "inspect", "--input", CliRunner.APPLE.toString(),
                "--input", CliRunner.BITSTAMP.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("bars:        252"), r.out());
        assertTrue(r.out().contains("time frame:  1d"), r.out());
        assertTrue(r.out().contains("trades:      100000"), r.out());
        assertTrue(r.out().contains("aggregated to 1m bars"), r.out());
    }

    @Test
    void nanCloseOnLine1235ExitsNonZeroNamingLineAndField() throws IOException {
        Path p = minuteBars(2000);
        List<String> lines = Files.readAllLines(p);
        lines.set(1234, lines.get(1234).replaceFirst(",([0-9.]+),10$", ",NaN,10"));
        Files.write(p, lines);
        CliRunner.Result r = CliRunner.run("data", "inspect", "--input", p.toString());
        assertNotEquals(0, r.exitCode());
        String message = r.err().strip();
        assertEquals(1, message.lines().count(), "one-line message: " + message);
        assertTrue(message.contains("1235") && message.contains("close") && message.contains("NaN")
                && message.contains("bars.csv"), message);
    }

    @Test
    void swappedRowsAreRejectedNamingTheLine() throws IOException {
        Path p = minuteBars(100);
        List<String> lines = Files.readAllLines(p);
        String a = lines.get(40);
        lines.set(40, lines.get(41));
        lines.set(41, a);
        Files.write(p, lines);
        CliRunner.Result r = CliRunner.run("data", "inspect", "--input", p.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("line 42") && r.err().contains("timestamp"), r.err());
    }

    @Test
    void highBelowLowIsRejected() throws IOException {
        Path p = minuteBars(10);
        List<String> lines = Files.readAllLines(p);
        lines.set(5, lines.get(5).split(",")[0] + ",100,98,99,99,10");
        Files.write(p, lines);
        CliRunner.Result r = CliRunner.run("data", "inspect", "--input", p.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("line 6") && r.err().contains("high"), r.err());
    }

    @Test
    void lenientInspectListsDroppedRows() throws IOException {
        Path p = minuteBars(10);
        List<String> lines = Files.readAllLines(p);
        lines.add(lines.get(3));
        Files.write(p, lines);
        CliRunner.Result r = CliRunner.run("data", "inspect", "--lenient", "--input", p.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("dropped:     1 rows"), r.out());
        assertTrue(r.out().contains("line 12"), r.out());
    }

    @Test
    void resamplesToHourBars() throws IOException {
        Path in = minuteBars(150);
        Path out = dir.resolve("hours.csv");
        CliRunner.Result r = CliRunner.run("data", "resample", "--input", in.toString(), "--timeframe", "1h",
                "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        BarSeries hours = BarCsvReader.read(out);
        assertEquals(TimeFrame.H1.millis(), hours.time(1) - hours.time(0));
        double v = 0;
        for (int i = 0; i < hours.size(); i++) {
            v += hours.volume(i);
        }
        assertEquals(1500, v, 1e-9);
    }

    @Test
    void aggregatesRealTradesIntoMinuteBars() {
        Path out = dir.resolve("btc-1m.csv");
        CliRunner.Result r = CliRunner.run("data", "trades-to-bars", "--input", CliRunner.BITSTAMP.toString(),
                "--timeframe", "1m", "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        BarSeries bars = BarCsvReader.read(out);
        assertTrue(bars.size() > 5000);
        assertEquals(TimeFrame.M1, bars.timeFrame());
    }

    @Test
    void badTimeFrameIsABadInputError() throws IOException {
        CliRunner.Result r = CliRunner.run("data", "resample", "--input", minuteBars(5).toString(), "--timeframe", "7x",
                "--output", dir.resolve("o.csv").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("7x"), r.err());
    }
}

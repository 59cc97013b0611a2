package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesStandard24RowsFromTheFirstFullyWarmAppleBar() throws IOException {
        Path out = dir.resolve("features.csv");
        CliRunner.Result r = CliRunner.run("features", "--input", CliRunner.APPLE.toString(), "--set", "standard-24",
                "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("timestamp," + String.join(",", FeatureSpec.standard24().featureNames()), lines.get(0));
        assertEquals(1 + 252 - 33, lines.size(), "rows from bar 33, the first fully warm one");
        BarSeries apple = BarCsvReader.read(CliRunner.APPLE);
        double[][] rows = FeatureEngine.create(FeatureSpec.standard24()).compute(apple);
        String[] first = lines.get(1).split(",");
        assertEquals(java.time.Instant.ofEpochMilli(apple.time(33)).toString(), first[0]);
        for (int j = 0; j < 24; j++) {
            assertEquals(rows[33][j], Double.parseDouble(first[j + 1]), 0.0, "column " + j);
        }
    }

    @Test
    void writesMultiTimeframeColumnsForBitstampMinuteBars() throws IOException {
        Path out = dir.resolve("mtf.csv");
        CliRunner.Result r = CliRunner.run("features", "--input", CliRunner.BITSTAMP.toString(), "--set", "standard-24",
                "--timeframes", "1m,5m,15m,1h", "--output", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(out);
        String[] header = lines.get(0).split(",");
        assertEquals(1 + 4 * 24, header.length);
        assertEquals("rsi_14@1h", header[1 + 3 * 24]);
        assertTrue(lines.size() > 100, "rows: " + lines.size());
        for (String line : lines.subList(1, lines.size())) {
            assertEquals(97, line.split(",", -1).length);
            assertTrue(!line.contains(",,") && !line.contains("NaN"), line);
        }
    }

    @Test
    void extended35AndSpecFilesAreAccepted() throws IOException {
        Path spec = dir.resolve("spec.json");
        Files.writeString(spec, "{\"name\":\"mine\",\"version\":2,\"features\":[{\"name\":\"r\",\"kind\":\"rsi\",\"params\":{\"period\":3}}]}");
        CliRunner.Result a = CliRunner.run("features", "--input", CliRunner.APPLE.toString(), "--spec", spec.toString());
        assertEquals(0, a.exitCode(), a.err());
        assertEquals("timestamp,r", a.out().lines().findFirst().orElseThrow());
        assertEquals(1 + 252 - 3, a.out().lines().count());
        CliRunner.Result b = CliRunner.run("features", "--input", CliRunner.APPLE.toString(), "--set", "extended-35");
        assertEquals(0, b.exitCode(), b.err());
        assertEquals(1 + 252 - 54, b.out().lines().count());
    }

    @Test
    void unknownSetOrMismatchedTimeframesExitNonZeroWithOneLine() {
        CliRunner.Result a = CliRunner.run("features", "--input", CliRunner.APPLE.toString(), "--set", "standard-99");
        assertNotEquals(0, a.exitCode());
        assertTrue(a.err().contains("standard-99"), a.err());
        CliRunner.Result b = CliRunner.run("features", "--input", CliRunner.APPLE.toString(), "--timeframes", "1m,5m");
        assertNotEquals(0, b.exitCode());
        assertEquals(1, b.err().strip().lines().count(), b.err());
        assertTrue(b.err().contains("1d"), b.err());
    }
}

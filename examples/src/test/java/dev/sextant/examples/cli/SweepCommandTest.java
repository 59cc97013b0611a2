package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.flink.AccountSettings;
import dev.sextant.trading.flink.WalkForwardSweep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SweepCommandTest {
    @TempDir
    static Path shared;
    static Path input;

    @BeforeAll
    static void sliceRealBarsIntoTwoInstruments() throws Exception {
        BarSeries bars = MarketDataFiles.loadBars(CliRunner.BITSTAMP);
        input = Files.createDirectories(shared.resolve("universe"));
        BarCsvWriter.write(bars.view(0, 1_200), input.resolve("BTC-USD-0.csv"));
        BarCsvWriter.write(bars.view(1_200, 2_400), input.resolve("BTC-USD-1.csv"));
    }

    @Test
    void writesSweepJsonEqualToTheSameWalkForwardsInOneProcess() throws Exception {
        Path report = shared.resolve("report");
        CliRunner.Result r = CliRunner.run("sweep", "--input", input.toString(), "--sets", "standard-24,extended-35",
                "--models", "logistic,xgboost", "--horizons", "1", "--train", "600", "--test", "200",
                "--parallelism", "2", "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("sweep: 8 cells (4 configurations)"), r.out());
        String written = Files.readString(report.resolve("sweep.json"));

        List<WalkForwardSweep.Configuration> configurations = new ArrayList<>();
        for (String set : List.of("standard-24", "extended-35")) {
            for (String model : List.of("logistic", "xgboost")) {
                configurations.add(new WalkForwardSweep.Configuration(set, model, 1));
            }
        }
        WalkForwardSweep.Report single = WalkForwardSweep.runInProcess(new WalkForwardSweep.Spec(input, configurations, 600,
                200, AccountSettings.builder(TimeFrame.M1).build()));
        assertEquals(single.json() + "\n", written);

        JsonNode root = JsonMapper.builder().build().readTree(written);
        assertEquals(8, root.get("aggregate").get("n_trials").asInt());
        assertTrue(root.get("aggregate").has("dsr"));
        assertEquals(8, root.get("cells").size());
        for (JsonNode cell : root.get("cells")) {
            assertTrue(cell.get("metrics").has("oos_directional_accuracy"), cell.toString());
        }
    }

    @Test
    void repeatedRunsAtParallelismTwoWriteTheSameReportAndPrintNoFlinkStackTrace() throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        List<String> reports = new ArrayList<>();
        try {
            // Flink logs through the simple logger, which writes to whatever System.err is when it logs.
            System.setErr(capture);
            System.setOut(capture);
            for (int i = 0; i < 2; i++) {
                Path report = shared.resolve("repeat-" + i);
                CliRunner.Result r = CliRunner.run("sweep", "--input", input.toString(), "--horizons", "1,5", "--train",
                        "600", "--test", "200", "--parallelism", "2", "--report", report.toString());
                assertEquals(0, r.exitCode(), r.err());
                assertEquals("", r.err());
                assertTrue(r.out().contains("sweep: 4 cells (2 configurations)"), r.out());
                reports.add(Files.readString(report.resolve("sweep.json")));
            }
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
        assertEquals(reports.get(0), reports.get(1));
        String log = captured.toString(StandardCharsets.UTF_8);
        // Flink's result collection warned "Some data might be lost" with a stack trace when its last fetch
        // raced the local cluster's shutdown.
        assertFalse(log.contains("might be lost"), log);
        assertFalse(log.contains("\tat "), log);
    }

    @Test
    void aHorizonBelowOneIsAOneLineErrorWithExitTwo() {
        CliRunner.Result r = CliRunner.run("sweep", "--input", input.toString(), "--horizons", "1,0",
                "--report", shared.resolve("x").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--horizons"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void anUnknownFeatureSetIsAOneLineErrorWithExitTwo() {
        CliRunner.Result r = CliRunner.run("sweep", "--input", input.toString(), "--sets", "standard-24,nope",
                "--report", shared.resolve("y").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--sets"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}

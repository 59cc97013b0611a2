package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.engine.report.EvaluationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** sextant demo, walkforward and backtest, run in-process on the real Bitstamp data. */
class EngineCommandsTest {
    @TempDir
    Path dir;

    private static JsonNode json(Path file) throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(file));
    }

    private static void assertFixedKeys(JsonNode metrics) {
        List<String> keys = new ArrayList<>();
        Iterator<String> names = metrics.propertyNames().iterator();
        names.forEachRemaining(keys::add);
        assertEquals(EvaluationReport.KEYS, keys);
    }

    @Test
    void demoRunsTheWholePipelineOnRealData() throws IOException {
        Path report = dir.resolve("demo");
        CliRunner.Result r = CliRunner.run("demo", "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("[4/4] backtest"), r.out());
        assertTrue(r.out().contains("directional accuracy"), r.out());
        assertTrue(r.out().contains("report: "), r.out());
        JsonNode m = json(report.resolve("metrics.json"));
        assertFixedKeys(m);
        assertTrue(m.get("n_directional").asInt() > 0);
        assertTrue(Files.readAllLines(report.resolve("predictions.csv")).size() > 1000);
        assertTrue(Files.exists(report.resolve("equity.csv")));
    }

    @Test
    void walkforwardWritesTheFixedMetricsAndPerFoldFigures() throws IOException {
        Path report = dir.resolve("wf");
        CliRunner.Result r = CliRunner.run("walkforward", "--input", CliRunner.BITSTAMP.toString(), "--set", "standard-24",
                "--models", "logistic", "--horizon", "1", "--train", "2500", "--test", "2000", "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFixedKeys(json(report.resolve("metrics.json")));
        JsonNode folds = json(report.resolve("folds.json"));
        assertTrue(folds.size() >= 3, "folds " + folds.size());
        assertTrue(r.out().contains("PSR"), r.out());
    }

    @Test
    void walkforwardRejectsAMissingTrainerNamingItsArtifact() {
        CliRunner.Result r = CliRunner.run("walkforward", "--input", CliRunner.BITSTAMP.toString(), "--models", "rf",
                "--train", "2500", "--test", "2000", "--report", dir.resolve("x").toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("trading-models-smile"), r.err());
    }

    @Test
    void walkforwardTrainsMultiTimeframeModelsPerFoldOnBitstamp() throws IOException {
        Path report = dir.resolve("wf-mtf");
        CliRunner.Result r = CliRunner.run("walkforward", "--input", CliRunner.BITSTAMP.toString(), "--timeframes",
                "1m,5m,15m,1h", "--horizon", "1", "--train", "2500", "--test", "2000", "--no-html", "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("models timeframe-logistic,timeframe-logistic,timeframe-logistic,timeframe-logistic"), r.out());
        assertFixedKeys(json(report.resolve("metrics.json")));
        assertTrue(json(report.resolve("folds.json")).size() >= 2, "folds");
        CliRunner.Result bad = CliRunner.run("walkforward", "--input", CliRunner.BITSTAMP.toString(), "--timeframes", "1m,5m",
                "--models", "xgboost", "--report", dir.resolve("x").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, bad.exitCode());
        assertTrue(bad.err().contains("--models must be logistic or absent"), bad.err());
    }

    @Test
    void backtestTradesATrainedBundleThroughThePipeline() throws IOException {
        Path bundle = dir.resolve("bundle");
        CliRunner.Result t = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--set", "standard-24",
                "--models", "logistic", "--output", bundle.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path report = dir.resolve("bt");
        CliRunner.Result r = CliRunner.run("backtest", "--bundle", bundle.toString(), "--input",
                CliRunner.BITSTAMP.toString(), "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("in-sample"), "warns that bars overlap the training window: " + r.out());
        JsonNode m = json(report.resolve("backtest.json"));
        assertTrue(m.has("sharpe") && m.has("max_drawdown") && m.has("trades"), m.toString());
        assertTrue(Files.readAllLines(report.resolve("equity.csv")).size() > 9000);
        assertTrue(Files.readAllLines(report.resolve("trades.csv")).size() > 1, "every fill with its fee");
        assertTrue(Files.readString(report.resolve("report.html")).contains("<h2>Trades and costs</h2>"), "the tear sheet");
    }

    @Test
    void backtestSaysHowManySignalsTheMinimumEdgeHeldBack() {
        Path bundle = dir.resolve("bundle");
        CliRunner.Result t = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--set", "standard-24",
                "--models", "logistic", "--output", bundle.toString());
        assertEquals(0, t.exitCode(), t.err());
        CliRunner.Result r = CliRunner.run("backtest", "--bundle", bundle.toString(), "--input",
                CliRunner.BITSTAMP.toString(), "--min-edge-bps", "20", "--report", dir.resolve("bt").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("decisions: warming_up "), r.out());
        assertTrue(r.out().matches("(?s).*\\d+ signals held: expected edge after costs below --min-edge-bps 20.*"), r.out());
    }
}

package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.engine.report.EvaluationReport;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.onnx.OnnxPolicy;
import dev.sextant.trading.models.policy.PolicyLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** sextant rl train, evaluate, observations and walkforward on real data (Bitstamp 1m, ETH 5m). */
class RlCommandTest {
    @TempDir
    Path dir;

    @Test
    void trainsAPolicyBundleAndEvaluatesItWithTheWalkForwardKeys() throws IOException {
        Path bundle = dir.resolve("policy");
        CliRunner.Result t = CliRunner.run("rl", "train", "--input", CliRunner.BITSTAMP.toString(), "--steps", "4096",
                "--seed", "3", "--output", bundle.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(Files.exists(bundle.resolve(ModelBundle.CHECKSUMS)), t.out());
        Path report = dir.resolve("report");
        CliRunner.Result e = CliRunner.run("rl", "evaluate", "--policy", bundle.toString(), "--input",
                CliRunner.BITSTAMP.toString(), "--report", report.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode m = JsonMapper.builder().build().readTree(Files.readString(report.resolve("metrics.json")));
        List<String> keys = new ArrayList<>();
        m.propertyNames().iterator().forEachRemaining(keys::add);
        assertEquals(EvaluationReport.KEYS, keys);
        int directional = m.get("n_directional").asInt();
        JsonNode accuracy = m.get("oos_directional_accuracy");
        assertTrue(directional == 0 ? accuracy.isNull() : accuracy.asDouble() >= 0 && accuracy.asDouble() <= 1,
                "n_directional " + directional + ", accuracy " + accuracy);
        assertTrue(e.out().contains("PSR"), e.out());
        // The same backtest files and tear sheet as sextant backtest writes.
        for (String file : List.of("backtest.json", "equity.csv", "trades.csv", "exposure.csv", "run.json")) {
            assertTrue(Files.exists(report.resolve(file)), file);
        }
        String html = Files.readString(report.resolve("report.html"));
        assertTrue(html.contains("rl-evaluate report"), "tear sheet title");
    }

    @Test
    void refusesAMissingOrTamperedPolicyWithAOneLineMessage() throws IOException {
        CliRunner.Result r = CliRunner.run("rl", "evaluate", "--policy", dir.resolve("none").toString(), "--input",
                CliRunner.BITSTAMP.toString(), "--report", dir.resolve("r").toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("none"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        CliRunner.Result s = CliRunner.run("rl", "train", "--input", CliRunner.BITSTAMP.toString(), "--steps", "0",
                "--output", dir.resolve("p").toString());
        assertNotEquals(0, s.exitCode());
        assertTrue(s.err().contains("--steps"), s.err());
    }

    static final Path ETH = CliRunner.DATA.resolve("ETH-USD-PT5M-2023-3-13_2023-3-15.json");

    @Test
    void walksPpoForwardOnRealBarsAgainstTheBaselinesAndBothEnsembles() throws IOException {
        Path report = dir.resolve("wf");
        CliRunner.Result r = CliRunner.run("rl", "walkforward", "--input", ETH.toString(), "--symbol", "ETH/USD",
                "--folds", "2", "--steps", "2048", "--shifts", "9", "--timeframes", "5m,15m", "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = JsonMapper.builder().build().readTree(Files.readString(report.resolve("metrics.json")));
        List<String> keys = new ArrayList<>();
        m.propertyNames().iterator().forEachRemaining(keys::add);
        List<String> expected = new ArrayList<>(EvaluationReport.KEYS);
        expected.add("baselines");
        assertEquals(expected, keys);
        List<String> rows = new ArrayList<>();
        m.get("baselines").propertyNames().iterator().forEachRemaining(rows::add);
        assertEquals(List.of("flat", "buy_and_hold", "random_same_turnover", "ensemble", "multi_timeframe"), rows);
        JsonNode random = m.get("baselines").get("random_same_turnover");
        // the same actions shifted in time: the same turnover, to a few percent (fills differ with the prices)
        assertEquals(m.get("turnover").asDouble(), random.get("turnover").asDouble(), 0.05 * m.get("turnover").asDouble());
        assertTrue(m.get("dsr").asDouble() <= m.get("psr").asDouble(), "DSR deflates PSR");
        String verdict = Files.readString(report.resolve("verdict.txt"));
        assertTrue(verdict.startsWith("NO SKILL") || verdict.startsWith("skill"), verdict);
        assertTrue(r.out().contains(verdict.strip()), r.out());
        assertEquals(2, JsonMapper.builder().build().readTree(Files.readString(report.resolve("folds.json"))).size());
    }

    @Test
    void exportsObservationsAndEvaluatesAnOnnxActorBundle() throws IOException {
        Path obs = dir.resolve("obs");
        CliRunner.Result r = CliRunner.run("rl", "observations", "--input", CliRunner.BITSTAMP.toString(), "--rows", "50",
                "--output", obs.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(obs.resolve("observations.csv"));
        assertEquals(51, lines.size());
        assertTrue(lines.get(0).startsWith("o0,o1,") && lines.get(0).endsWith(",o26,next_return"), lines.get(0));
        JsonNode layoutJson = JsonMapper.builder().build().readTree(Files.readString(obs.resolve("layout.json")));
        Map<String, String> options = new LinkedHashMap<>();
        layoutJson.propertyNames().forEach(k -> options.put(k, layoutJson.get(k).asString()));
        PolicyLayout layout = PolicyLayout.fromOptions(options, "layout.json");
        assertEquals(27, layout.observationSize());

        // The committed actor, trained by PyTorch on the same export with 1000 rows: same features and window.
        Path actor = Path.of("..", "trading-models", "onnx", "src", "test", "resources", "policy", "actor.onnx");
        Path bundle = dir.resolve("onnx-policy");
        OnnxPolicy.writeBundle(actor, layout, "torch-actor", "1", bundle);
        Path report = dir.resolve("onnx-report");
        CliRunner.Result e = CliRunner.run("rl", "evaluate", "--policy", bundle.toString(), "--input",
                CliRunner.BITSTAMP.toString(), "--no-html", "--report", report.toString());
        assertEquals(0, e.exitCode(), e.err());
        JsonNode m = JsonMapper.builder().build().readTree(Files.readString(report.resolve("metrics.json")));
        assertTrue(m.get("n_directional").asInt() > 0, e.out());
    }
}

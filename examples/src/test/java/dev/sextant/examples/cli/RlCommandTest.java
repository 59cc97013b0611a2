package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.engine.report.EvaluationReport;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** sextant rl train and evaluate on the real Bitstamp data. */
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
}

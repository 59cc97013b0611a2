package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.drift.DriftReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code sextant drift} on the real Bitstamp BTC/USD trades, with a bundle trained by {@code sextant train}. */
class DriftCommandTest {

    @TempDir
    static Path dir;
    private static Path bundle;

    @BeforeAll
    static void train() {
        bundle = dir.resolve("btc");
        CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--models", "logistic",
                "--horizon", "5", "--output", bundle.toString());
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void writesAlertsAndTheOutOfDistributionShareOverTheRealData() throws IOException {
        Path report = dir.resolve("report");
        CliRunner.Result r = CliRunner.run("drift", "--bundle", bundle.toString(), "--input", CliRunner.BITSTAMP.toString(),
                "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("out of distribution") && r.out().contains("realised log loss"), r.out());
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report.resolve("drift.json")));
        assertEquals("bitstamp_trades_from_20131125_usd", json.get("bundle").stringValue());
        long predictions = json.get("predictions").longValue();
        assertTrue(predictions > 1000, json.toString());
        double share = json.get("ood_share").doubleValue();
        assertEquals((double) json.get("ood_bars").longValue() / predictions, share, 1e-12);
        assertTrue(share >= 0 && share < 1, "ood_share " + share);
        assertTrue(json.get("performance").get("available").booleanValue());
        assertTrue(json.get("performance").get("settled_predictions").longValue() > 1000);
        JsonNode alerts = json.get("alerts");
        assertTrue(alerts.isArray());
        assertFalse(alerts.isEmpty(), "the real series drifts from its fit rows somewhere: " + json);
        Set<String> detectors = Set.of("psi", "ks", "page_hinkley");
        Instant previous = Instant.MIN;
        for (JsonNode a : alerts) {
            Instant t = Instant.parse(a.get("time").stringValue());
            assertTrue(a.get("time").stringValue().endsWith("Z"), "ISO-8601 UTC: " + a);
            assertFalse(t.isBefore(previous), "alerts in time order");
            previous = t;
            assertTrue(detectors.contains(a.get("detector").stringValue()), a.toString());
            assertTrue(a.get("statistic").doubleValue() > a.get("threshold").doubleValue(), a.toString());
            assertEquals(a.get("kind").stringValue().equals("feature_drift"), a.has("feature"), a.toString());
        }
    }

    @Test
    void runsOnDailyBarsWhoseTimeFrameIsDetected() throws IOException {
        Path apple = dir.resolve("apple");
        CliRunner.Result t = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "logistic",
                "--horizon", "5", "--vol-window", "20", "--folds", "2", "--output", apple.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path report = dir.resolve("apple-report");
        CliRunner.Result r = CliRunner.run("drift", "--bundle", apple.toString(), "--input", CliRunner.APPLE.toString(),
                "--symbol", "AAPL", "--window", "50", "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report.resolve("drift.json")));
        assertEquals(50, json.get("settings").get("window").intValue());
        assertTrue(json.get("predictions").longValue() > 100, json.toString());
        assertTrue(json.get("alerts").isArray());
    }

    @Test
    void rejectsBadFlagsNamingThem() {
        Path report = dir.resolve("bad");
        String[][] cases = {
            {"--window", "5", "--window must be from 10"},
            {"--ks", "1.5", "--ks must be above 0.0 and at most 1.0"},
            {"--psi", "-1", "--psi must be above 0.0"},
            {"--window", "many", "--window"},
        };
        for (String[] c : cases) {
            CliRunner.Result r = CliRunner.run("drift", "--bundle", bundle.toString(), "--input", CliRunner.BITSTAMP.toString(),
                    "--report", report.toString(), c[0], c[1]);
            assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode(), r.err());
            assertTrue(r.err().contains(c[2]), r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        CliRunner.Result missing = CliRunner.run("drift", "--bundle", bundle.toString(), "--input", CliRunner.BITSTAMP.toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("--report"), missing.err());
        assertFalse(Files.exists(report.resolve("drift.json")));
    }

    @Test
    void aTamperedReferenceIsRefusedAndAnOldBundleSaysDriftIsUnavailable() throws IOException {
        Path tampered = copy(bundle, dir.resolve("tampered"));
        Path ref = tampered.resolve(DriftReference.FILE);
        Files.writeString(ref, Files.readString(ref).replaceFirst("\"threshold\" : [0-9.eE-]+", "\"threshold\" : 99.0"));
        CliRunner.Result r = CliRunner.run("drift", "--bundle", tampered.toString(), "--input", CliRunner.BITSTAMP.toString(),
                "--report", dir.resolve("t").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("reference.json has SHA-256"), r.err());

        Path old = copy(bundle, dir.resolve("old"));
        Files.delete(old.resolve(DriftReference.FILE));
        Path sums = old.resolve(ModelBundle.CHECKSUMS);
        Files.writeString(sums, Files.readString(sums).replaceAll("(?m)^.*  reference\\.json\\n", ""));
        CliRunner.Result o = CliRunner.run("drift", "--bundle", old.toString(), "--input", CliRunner.BITSTAMP.toString(),
                "--report", dir.resolve("o").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, o.exitCode());
        assertTrue(o.err().contains("has no reference.json") && o.err().contains("unavailable"), o.err());
        assertFalse(Files.exists(dir.resolve("o").resolve("drift.json")));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}

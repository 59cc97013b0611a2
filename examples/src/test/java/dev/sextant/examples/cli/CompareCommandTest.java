package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.BarResampler;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.bundle.ModelBundle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * sextant compare on the real Bitstamp trades (as 1-minute bars): two bundles trained here by the
 * library's {@link BundleTrainer} on the first part of the bars, compared on the rest.
 */
@Timeout(300)
class CompareCommandTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    static Path champion;
    static Path challenger;
    /** The bars after the training part, as a bars CSV. */
    static Path later;
    static int laterBars;

    @BeforeAll
    static void trainTwoBundlesOnTheFirstPartOfTheRealBars() throws IOException {
        BarSeries bars = MarketDataFiles.loadBars(CliRunner.BITSTAMP);
        int cut = bars.size() / 2;
        BarSeries first = bars.view(0, cut);
        champion = shared.resolve("champion");
        challenger = shared.resolve("challenger");
        // Champion: logistic regression on the standard 24 features, 10-bar labels.
        TrainingConfig a = TrainingConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(10)
                .bundleId("champion").build();
        // Challenger: a stacked logistic ensemble on the extended 35 features, 5-bar labels.
        TrainingConfig b = TrainingConfig.builder(FeatureSpec.extended35()).models("logistic").stackSingleModel(true)
                .horizon(5).bundleId("challenger").build();
        try (TrainedBundle t = BundleTrainer.train(first, a)) {
            t.write(champion, Map.of());
        }
        try (TrainedBundle t = BundleTrainer.train(first, b)) {
            t.write(challenger, Map.of());
        }
        later = shared.resolve("later.csv");
        BarSeries rest = bars.view(cut, bars.size());
        BarCsvWriter.write(rest, later);
        laterBars = rest.size();
    }

    private static JsonNode json(Path file) throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(file));
    }

    private static void assertOneLineError(CliRunner.Result r, String... parts) {
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("error: "), err);
        for (String p : parts) {
            assertTrue(err.contains(p), "'" + p + "' in: " + err);
        }
    }

    @Test
    void comparesTwoTrainedBundlesOutOfSampleAndWritesTheReport() throws IOException {
        Path report = dir.resolve("report");
        CliRunner.Result r = CliRunner.run("compare", "--champion", champion.toString(), "--challenger", challenger.toString(),
                "--input", later.toString(), "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = json(report.resolve("compare.json"));
        List<String> keys = new ArrayList<>();
        m.propertyNames().iterator().forEachRemaining(keys::add);
        assertEquals(List.of("n", "mean_log_loss_champion", "mean_log_loss_challenger", "dm_statistic", "p_value", "decision"),
                keys.subList(0, 6));
        assertTrue(keys.containsAll(List.of("mean_brier_champion", "mean_brier_challenger", "psr_return_difference")), keys.toString());
        int n = m.get("n").asInt();
        // Scored bars: all but the warm-up of the longer feature set and the last 10 bars without a label.
        assertTrue(n > laterBars - 400 && n < laterBars - 10, n + " of " + laterBars);
        assertTrue(m.get("mean_log_loss_champion").asDouble() > 0);
        assertTrue(m.get("mean_log_loss_challenger").asDouble() > 0);
        double p = m.get("p_value").asDouble();
        assertTrue(p >= 0 && p <= 1, "p " + p);
        assertTrue(Set.of("challenger", "champion", "no_difference").contains(m.get("decision").asString()));
        assertEquals(p < 0.05, !m.get("decision").asString().equals("no_difference"), "decision follows the p-value");
        assertEquals(10, m.get("horizon").asInt());
        assertTrue(m.get("hac_lag").asInt() >= 9, "the HAC lag covers the 10-bar labels' overlap");
        assertEquals("fixed horizon 5 bars, k=0.5, volatility window 60", m.get("challenger").get("labels").asString());
        assertTrue(r.out().contains("decision: " + m.get("decision").asString()), r.out());
        assertFalse(r.out().contains("in-sample"), "the input lies after both training windows: " + r.out());
    }

    @Test
    void aBundleComparedWithItselfShowsNoDifference() throws IOException {
        Path report = dir.resolve("same");
        CliRunner.Result r = CliRunner.run("compare", "--champion", champion.toString(), "--challenger", champion.toString(),
                "--input", later.toString(), "--report", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = json(report.resolve("compare.json"));
        assertEquals("no_difference", m.get("decision").asString());
        assertEquals(0, m.get("dm_statistic").asDouble());
        assertEquals(1, m.get("p_value").asDouble());
        assertEquals(m.get("mean_log_loss_champion").asDouble(), m.get("mean_log_loss_challenger").asDouble());
    }

    @Test
    void warnsWhenTheInputOverlapsATrainingWindow() {
        CliRunner.Result r = CliRunner.run("compare", "--champion", champion.toString(), "--challenger", challenger.toString(),
                "--input", CliRunner.BITSTAMP.toString(), "--report", dir.resolve("all").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("in-sample"), r.out());
    }

    @Test
    void rejectsAMissingBundle() {
        Path missing = dir.resolve("no-such-bundle");
        assertOneLineError(CliRunner.run("compare", "--champion", champion.toString(), "--challenger", missing.toString(),
                "--input", later.toString(), "--report", dir.resolve("r").toString()), missing.toString(), "does not exist");
    }

    @Test
    void rejectsABundleWhoseFeaturesReadAnotherTimeFrame() throws IOException {
        BarSeries fiveMinute = BarResampler.resample(MarketDataFiles.loadBars(CliRunner.BITSTAMP), TimeFrame.M5, false);
        Path hourly = dir.resolve("five-minute");
        TrainingConfig c = TrainingConfig.builder(FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.M5)))
                .models("logistic").horizon(2).volatilityWindow(20).bundleId("five-minute").build();
        try (TrainedBundle t = BundleTrainer.train(fiveMinute, c)) {
            t.write(hourly, Map.of());
        }
        assertOneLineError(CliRunner.run("compare", "--champion", champion.toString(), "--challenger", hourly.toString(),
                "--input", later.toString(), "--report", dir.resolve("r").toString()), "--challenger", "five-minute",
                "reads 5m bars", "1m bars");
    }

    @Test
    void rejectsTooFewBarsNamingTheInputAndTheMinimum() throws IOException {
        Path few = dir.resolve("few.csv");
        BarCsvWriter.write(MarketDataFiles.loadBars(later).view(0, 300), few);
        assertOneLineError(CliRunner.run("compare", "--champion", champion.toString(), "--challenger", challenger.toString(),
                "--input", few.toString(), "--report", dir.resolve("r").toString()), few.toString(), "of its 300 bars",
                "at least 250", "--min-bars");
        assertFalse(Files.exists(dir.resolve("r").resolve("compare.json")));
    }

    @Test
    void rejectsABundleWithoutALabelDefinition() throws IOException {
        Path copy = dir.resolve("unlabelled");
        try (var files = Files.walk(champion)) {
            for (Path p : files.toList()) {
                Path target = copy.resolve(champion.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        Path manifest = copy.resolve("manifest.json");
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        String edited = text.replaceAll("\"labels\"\\s*:\\s*\"[^\"]*\"\\s*,?", "");
        assertFalse(edited.equals(text), "the manifest had a labels attribute");
        Files.writeString(manifest, edited.replaceAll(",(\\s*})", "$1"), StandardCharsets.UTF_8);
        ModelBundle.seal(copy);
        assertOneLineError(CliRunner.run("compare", "--champion", copy.toString(), "--challenger", challenger.toString(),
                "--input", later.toString(), "--report", dir.resolve("r").toString()), copy.toString(), "no label definition");
    }

    @Test
    void rejectsBadRuleOptions() {
        assertOneLineError(CliRunner.run("compare", "--champion", champion.toString(), "--challenger", challenger.toString(),
                "--input", later.toString(), "--loss", "hinge"), "log_loss or brier", "hinge");
        assertOneLineError(CliRunner.run("compare", "--champion", champion.toString(), "--challenger", challenger.toString(),
                "--input", later.toString(), "--alpha", "0.7"), "--alpha");
        assertOneLineError(CliRunner.run("compare", "--champion", champion.toString(), "--challenger", challenger.toString(),
                "--input", later.toString(), "--min-psr", "1.5"), "--min-psr");
    }
}

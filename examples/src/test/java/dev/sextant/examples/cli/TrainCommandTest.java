package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.MultiTimeframePredictor;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sextant train} on the real Bitstamp BTC/USD trades and Apple daily bars from ta4j-examples. */
class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void trainsXgboostLogisticAndTheCommittedNetworksIntoAVerifiedCalibratedStack() throws IOException {
        Path bundle = dir.resolve("btc");
        CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--set", "standard-24",
                "--models", "xgboost,logistic,lstm,transformer", "--param", "xgboost.rounds=40", "--output", bundle.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("ensemble-calibrated"), r.out());

        try (ModelBundle loaded = ModelBundle.load(bundle, FeatureSpec.standard24())) {
            BundleManifest m = loaded.manifest();
            assertEquals("stacking", m.ensemble().method());
            assertEquals(List.of("xgboost", "logistic", "lstm-btc-1m", "transformer-btc-1m"), m.ensemble().members());
            assertEquals(60, loaded.model().metadata().sequenceLength());
            assertTrue(m.model("logistic").scaler().isPresent(), "the logistic base reads standardised features");
            assertFalse(m.model("lstm-btc-1m").scaler().isPresent(), "the networks standardise inside their graphs");
            Calibrator calibration = m.calibration().orElseThrow();
            assertEquals("temperature", calibration.method());
            BundleManifest.ValidationReport validation = m.validation().orElseThrow();
            assertTrue(validation.metrics().keySet().containsAll(
                    List.of("ensemble", "ensemble-calibrated", "xgboost", "logistic", "lstm-btc-1m", "transformer-btc-1m")));
            // Time order: fit, then calibration, then test; none overlaps the networks' training period.
            Instant networksTrainedUntil = Instant.parse("2013-11-30T16:13:00Z");
            assertTrue(m.trainingWindow().orElseThrow().from().isAfter(networksTrainedUntil), m.trainingWindow().toString());
            assertTrue(m.trainingWindow().orElseThrow().to().toEpochMilli() < calibration.fittedOn().firstKey());
            assertTrue(calibration.fittedOn().lastKey() < validation.window().from().toEpochMilli());
            assertEquals(validation.window().rows(), validation.metrics().get("ensemble").rows());
        }
    }

    @Test
    void writesAZipWithIsotonicCalibration() {
        Path zip = dir.resolve("apple.zip");
        CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "logistic,xgboost",
                "--horizon", "5", "--vol-window", "20", "--folds", "2", "--calibration", "isotonic",
                "--calibration-fraction", "0.2", "--test-fraction", "0.2", "--bundle-id", "apple", "--bundle-version", "7",
                "--output", zip.toString());
        assertEquals(0, r.exitCode(), r.err());
        BundleManifest m = ModelBundle.verify(zip);
        assertEquals("apple", m.bundleId());
        assertEquals("7", m.bundleVersion());
        assertEquals("isotonic", m.calibration().orElseThrow().method());
        assertEquals("fixed horizon 5 bars, k=0.5, volatility window 20", m.attributes().get("labels"));
    }

    @Test
    void smileModelsWithoutTheSmileArtifactFailNamingIt() {
        CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "xgboost,rf",
                "--output", dir.resolve("x").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("dev.sextant:trading-models-smile") && r.err().contains("class path"), r.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void rejectsUnknownModelsParametersAndCalibration() {
        CliRunner.Result unknown = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "gbm",
                "--output", dir.resolve("a").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown model 'gbm'"), unknown.err());

        CliRunner.Result param = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "logistic",
                "--param", "xgboost.rounds=5", "--output", dir.resolve("b").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, param.exitCode());
        assertTrue(param.err().contains("'xgboost' is not a requested"), param.err());

        CliRunner.Result malformed = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "logistic",
                "--param", "l2", "--output", dir.resolve("c").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, malformed.exitCode());

        CliRunner.Result cal = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "logistic",
                "--calibration", "beta", "--output", dir.resolve("d").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, cal.exitCode());
        assertTrue(cal.err().contains("--calibration"), cal.err());
    }

    @Test
    void rejectsTheNetworksWithAnotherFeatureSet() {
        CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--set", "extended-35",
                "--models", "lstm", "--output", dir.resolve("n").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("standard-24"), r.err());
    }

    @Test
    void refusesANonEmptyOutputDirectory() throws IOException {
        Path out = Files.createDirectories(dir.resolve("full"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "logistic",
                "--output", out.toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void explainsWhenThereAreTooFewRows() {
        CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.APPLE.toString(), "--models", "logistic",
                "--folds", "8", "--output", dir.resolve("few").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("too few labelled rows"), r.err());
    }

    @Test
    void reportsBadBarsWithFileAndLine() throws IOException {
        Path bars = dir.resolve("bad.csv");
        Files.writeString(bars, "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,2,0.5,1.5,10\n"
                + "2024-01-01T00:01:00Z,1,2,0.5,-1,10\n");
        CliRunner.Result r = CliRunner.run("train", "--input", bars.toString(), "--models", "logistic",
                "--output", dir.resolve("o").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("bad.csv") && r.err().contains("3"), r.err());
    }

    /**
     * The multi-timeframe path on real data: Bitstamp trades become 1m bars, the bundle holds one
     * reference model per time frame and a meta-learner, {@code sextant backtest} runs it, and
     * streaming it on the real bars (which have gaps) equals evaluating it in batch, with the 1h
     * model's output changing only at bars that close an hour.
     */
    @Test
    void trainsAMultiTimeframeBundleOnBitstampThatBacktestRunsAndThatStreamsAsInBatch() throws IOException {
        Path bundle = dir.resolve("btc-mtf");
        CliRunner.Result r = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--timeframes", "1m,5m,15m,1h",
                "--models", "logistic", "--param", "logistic.l2=0.05", "--output", bundle.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("tf-1h") && r.out().contains("ensemble-calibrated"), r.out());
        try (ModelBundle loaded = ModelBundle.load(bundle)) {
            BundleManifest m = loaded.manifest();
            assertEquals(List.of(TimeFrame.M1, TimeFrame.M5, TimeFrame.M15, TimeFrame.H1), m.featureSpec().timeframes());
            assertEquals(List.of("tf-1m", "tf-5m", "tf-15m", "tf-1h"), m.ensemble().members());
            assertEquals("stacking", m.ensemble().method());
            assertEquals("1m,5m,15m,1h", m.attributes().get("timeframes"));
            StackingEnsemble stack = (StackingEnsemble) ((CalibratedModel) loaded.model()).inner();
            for (var base : stack.bases()) {
                assertEquals("0.05", base.metadata().provenance().attributes().get("l2"), base.metadata().id() + " got logistic.l2");
            }

            BarSeries bars = MarketDataFiles.loadBars(CliRunner.BITSTAMP);
            MultiTimeframePredictor p = MultiTimeframePredictor.of(loaded);
            double[][] batch = p.batch(bars);
            double[] probs = new double[3];
            double[] previous1h = null;
            int defined = 0;
            for (int i = 0; i < bars.size(); i++) {
                boolean ready = p.onBar(bars.bar(i));
                assertEquals(!Double.isNaN(batch[i][0]), ready, "bar " + i);
                if (!ready) {
                    continue;
                }
                defined++;
                p.probabilities(probs);
                assertArrayEquals(Arrays.copyOfRange(batch[i], 12, 15), probs, 1e-6, "ensemble at bar " + i);
                p.modelProbabilities(3, probs);
                assertArrayEquals(Arrays.copyOfRange(batch[i], 9, 12), probs, 1e-6, "1h model at bar " + i);
                long hour = TimeFrame.H1.alignStart(bars.time(i));
                boolean closesHour = bars.time(i) + TimeFrame.M1.millis() == hour + TimeFrame.H1.millis()
                        || hour != TimeFrame.H1.alignStart(bars.time(i - 1));
                if (previous1h != null && !closesHour) {
                    assertArrayEquals(previous1h, probs, 0.0, "1h output moved inside an hour at bar " + i);
                }
                previous1h = probs.clone();
            }
            assertTrue(defined > 5_000, "defined outputs on the real bars: " + defined);
        }

        Path report = dir.resolve("bt");
        CliRunner.Result bt = CliRunner.run("backtest", "--bundle", bundle.toString(), "--input", CliRunner.BITSTAMP.toString(),
                "--report", report.toString(), "--no-html");
        assertEquals(0, bt.exitCode(), bt.err());
        assertTrue(bt.out().contains("backtest of bundle bitstamp_trades_from_20131125_usd"), bt.out());
        String json = Files.readString(report.resolve("backtest.json"));
        assertTrue(json.contains("\"sharpe\"") && json.contains("\"trades\""), json);
    }

    @Test
    void rejectsTimeframesWithOtherModelsOrNotStartingAtTheInputBars() {
        CliRunner.Result models = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--timeframes", "1m,5m",
                "--models", "xgboost", "--output", dir.resolve("a").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, models.exitCode());
        assertTrue(models.err().contains("--models must be logistic"), models.err());
        CliRunner.Result first = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--timeframes", "5m,1h",
                "--models", "logistic", "--output", dir.resolve("b").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, first.exitCode());
        assertTrue(first.err().contains("--timeframes must start with the time frame of the bars") && first.err().contains("1m"),
                first.err());
        CliRunner.Result bad = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--timeframes", "1m,7x",
                "--models", "logistic", "--output", dir.resolve("c").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, bad.exitCode());
        assertTrue(bad.err().contains("--timeframes: '7x'"), bad.err());
        CliRunner.Result order = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--timeframes", "1m,1h,5m",
                "--models", "logistic", "--output", dir.resolve("d").toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, order.exitCode());
        assertTrue(order.err().contains("--timeframes 1m,1h,5m") && order.err().contains("increase"), order.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }
}

package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.BundleWriter;
import dev.sextant.trading.models.xgboost.XGBoostModel;
import dev.sextant.trading.models.xgboost.XGBoostOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sextant predict} against the committed reference models and their golden outputs from
 * PyTorch and XGBoost in Python (see examples/python/train_reference_models.py).
 */
class PredictCommandTest {

    @TempDir
    Path dir;

    static Path model(String name) {
        try {
            return Path.of(Checks.notNull(PredictCommandTest.class.getResource("/dev/sextant/examples/models/" + name),
                    name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Path SAMPLE = model("features_sample.csv");

    /** Compares an output CSV with a golden CSV cell by cell: same header, timestamps and empty cells. */
    private static void assertMatchesGolden(Path actual, Path golden, double tolerance) throws IOException {
        List<String> a = Files.readAllLines(actual);
        List<String> g = Files.readAllLines(golden);
        assertEquals(g.get(0), a.get(0), "header");
        assertEquals(g.size(), a.size(), "rows");
        double worst = 0;
        int compared = 0;
        for (int i = 1; i < g.size(); i++) {
            String[] x = a.get(i).split(",", -1);
            String[] y = g.get(i).split(",", -1);
            assertEquals(y.length, x.length, "cells on line " + (i + 1));
            assertEquals(y[0], x[0], "timestamp on line " + (i + 1));
            for (int j = 1; j < y.length; j++) {
                if (y[j].isEmpty()) {
                    assertEquals("", x[j], "line " + (i + 1) + " column " + j + " must be empty");
                } else {
                    worst = Math.max(worst, Math.abs(Double.parseDouble(x[j]) - Double.parseDouble(y[j])));
                    compared++;
                }
            }
        }
        System.out.printf("%s vs %s: %d values, largest difference %.3g%n", actual.getFileName(),
                golden.getFileName(), compared, worst);
        assertTrue(compared > 0);
        assertTrue(worst <= tolerance, "largest difference " + worst + " > " + tolerance);
    }

    private CliRunner.Result predict(String modelPath, Path input, Path output, String... extra) {
        List<String> args = new ArrayList<>(List.of("predict", "--model", modelPath, "--input", input.toString(),
                "--output", output.toString()));
        args.addAll(List.of(extra));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void pythonTrainedXGBoostGivesPythonsProbabilitiesFromJsonAndUbj() throws IOException {
        for (String file : List.of("xgboost.json", "xgboost.ubj")) {
            Path out = dir.resolve(file + ".csv");
            CliRunner.Result r = predict(model(file).toString(), SAMPLE, out);
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.out().contains("predicted 300 of 300 rows"), r.out());
            assertMatchesGolden(out, model("xgboost_golden.csv"), 1e-6);
        }
        Path out = dir.resolve("native.csv");
        CliRunner.Result r = predict(model("xgboost.ubj").toString(), SAMPLE, out, "--option", "engine=xgboost4j");
        assertEquals(0, r.exitCode(), r.err());
        assertMatchesGolden(out, model("xgboost_golden.csv"), 1e-6);
    }

    @Test
    void pytorchLstmExportedToOnnxGivesPytorchsProbabilitiesOverSlidingWindows() throws IOException {
        Path out = dir.resolve("lstm.csv");
        CliRunner.Result r = predict(model("lstm.onnx").toString(), SAMPLE, out);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("predicted 241 of 300 rows"), r.out());
        assertTrue(r.out().contains("window of 60"), r.out());
        assertMatchesGolden(out, model("lstm_golden.csv"), 1e-5);
    }

    @Test
    void pytorchTransformerGivesPytorchsProbabilitiesAndConfidence() throws IOException {
        Path out = dir.resolve("transformer.csv");
        CliRunner.Result r = predict(model("transformer.onnx").toString(), SAMPLE, out, "--option", "intraOpThreads=1");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("timestamp,p_sell,p_hold,p_buy,confidence", Files.readAllLines(out).get(0));
        assertMatchesGolden(out, model("transformer_golden.csv"), 1e-5);
    }

    @Test
    void bundleWithTheXGBoostModelPredictsLikeTheModelFile() throws IOException {
        Path bundle = dir.resolve("bundle");
        try (XGBoostModel m = XGBoostModel.load(model("xgboost.ubj"), XGBoostOptions.defaults())) {
            BundleManifest manifest = BundleWriter.create("reference-xgboost", "1", FeatureSpec.standard24())
                    .addFile(m, model("xgboost.ubj"), Map.of(), null)
                    .single(m.metadata().id())
                    .trainingWindow(new BundleManifest.TimeWindow(Instant.parse("2013-11-25T01:32:00Z"),
                            Instant.parse("2013-11-29T16:34:00Z"), 6497))
                    .writeDirectory(bundle);
            assertEquals(1, manifest.models().size());
        }
        Path out = dir.resolve("bundle.csv");
        CliRunner.Result r = predict(bundle.toString(), SAMPLE, out);
        assertEquals(0, r.exitCode(), r.err());
        assertMatchesGolden(out, model("xgboost_golden.csv"), 1e-6);
    }

    @Test
    void bundleRejectsColumnsThatDifferFromItsFeatureSpec() throws IOException {
        Path bundle = dir.resolve("bundle");
        try (XGBoostModel m = XGBoostModel.load(model("xgboost.json"), XGBoostOptions.defaults())) {
            BundleWriter.create("b", "1", FeatureSpec.standard24()).addFile(m, model("xgboost.json"), Map.of(), null)
                    .single(m.metadata().id())
                    .trainingWindow(new BundleManifest.TimeWindow(Instant.EPOCH, Instant.EPOCH.plusSeconds(60), 1))
                    .writeDirectory(bundle);
        }
        List<String> lines = new ArrayList<>(Files.readAllLines(SAMPLE));
        lines.set(0, lines.get(0).replace("rsi_14", "rsi_15"));
        Path renamed = dir.resolve("renamed.csv");
        Files.write(renamed, lines);
        CliRunner.Result r = predict(bundle.toString(), renamed, dir.resolve("x.csv"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("rsi_15") && r.err().contains("standard-24"), r.err());
    }

    @Test
    void warmUpRowsWithEmptyCellsGetEmptyPredictions() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(SAMPLE));
        // Blank one feature on data row 100: the vector model skips that row, the window model
        // skips the 60 windows that contain it.
        String[] cells = lines.get(100).split(",", -1);
        cells[5] = "";
        lines.set(100, String.join(",", cells));
        Path holes = dir.resolve("holes.csv");
        Files.write(holes, lines);
        Path xgb = dir.resolve("xgb.csv");
        CliRunner.Result r = predict(model("xgboost.json").toString(), holes, xgb);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("predicted 299 of 300 rows"), r.out());
        assertEquals(cells[0] + ",,,", Files.readAllLines(xgb).get(100));
        Path lstm = dir.resolve("lstm.csv");
        r = predict(model("lstm.onnx").toString(), holes, lstm);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("predicted " + (241 - 60) + " of 300 rows"), r.out());
        List<String> out = Files.readAllLines(lstm);
        assertTrue(out.get(159).endsWith(",,,"), "window ending at data row 159 contains row 100");
        assertFalse(out.get(160).endsWith(",,,"), "window ending at data row 160 starts after row 100");
    }

    @Test
    void featureCountDifferentFromTheModelExitsWithBothCounts() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(SAMPLE)) {
            lines.add(l.substring(0, l.lastIndexOf(',')));
        }
        Path narrow = dir.resolve("narrow.csv");
        Files.write(narrow, lines);
        CliRunner.Result r = predict(model("lstm.onnx").toString(), narrow, dir.resolve("o.csv"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("23 feature columns") && r.err().contains("reads 24 features"), r.err());
        assertFalse(Files.exists(dir.resolve("o.csv")));
    }

    @Test
    void badCellsAndTimestampsExitNamingLineAndColumn() throws IOException {
        List<String> original = Files.readAllLines(SAMPLE);
        record Case(int line, String from, String to, String expected) {
        }
        String ts = original.get(41).split(",", 2)[0];
        String firstValue = original.get(41).split(",")[1];
        for (Case c : List.of(
                new Case(41, "," + firstValue + ",", ",abc,", "rsi_14"),
                new Case(41, "," + firstValue + ",", ",NaN,", "leave the cell empty"),
                new Case(41, "," + firstValue + ",", ",Infinity,", "finite"),
                new Case(41, ts, original.get(40).split(",", 2)[0], "repeats the previous row's timestamp"),
                new Case(41, ts, "2013-11-01T00:00:00Z", "before the previous row"),
                new Case(41, ts, "yesterday", "timestamp"),
                new Case(41, "," + firstValue + ",", ",0x1p6,", "is not a number"),
                new Case(41, "," + firstValue + ",", ",100d,", "is not a number"),
                new Case(41, ts, "-9223372036854775808", "outside the supported range"))) {
            List<String> lines = new ArrayList<>(original);
            lines.set(c.line(), lines.get(c.line()).replaceFirst(java.util.regex.Pattern.quote(c.from()),
                    java.util.regex.Matcher.quoteReplacement(c.to())));
            Path bad = dir.resolve("bad.csv");
            Files.write(bad, lines);
            CliRunner.Result r = predict(model("xgboost.json").toString(), bad, dir.resolve("o.csv"));
            assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode(), c.toString());
            assertTrue(r.err().contains("line 42") && r.err().contains(c.expected()), c + " -> " + r.err());
        }
    }

    @Test
    void corruptedUnknownAndMissingModelsExitWithAClearError() throws IOException {
        Path corrupt = dir.resolve("corrupt.onnx");
        byte[] bytes = Files.readAllBytes(model("lstm.onnx"));
        Files.write(corrupt, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        CliRunner.Result r = predict(corrupt.toString(), SAMPLE, dir.resolve("o.csv"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains(corrupt.toString()), r.err());

        Path unknown = dir.resolve("model.pkl");
        Files.write(unknown, new byte[] {1, 2, 3});
        r = predict(unknown.toString(), SAMPLE, dir.resolve("o.csv"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--type"), r.err());

        r = predict(unknown.toString(), SAMPLE, dir.resolve("o.csv"), "--type", "smile-rf");
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("trading-models-smile"), r.err());

        r = predict(dir.resolve("absent.onnx").toString(), SAMPLE, dir.resolve("o.csv"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("not found"), r.err());

        r = predict(model("lstm.onnx").toString(), SAMPLE, dir.resolve("o.csv"), "--option", "threads");
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("KEY=VALUE"), r.err());
        assertFalse(Files.exists(dir.resolve("o.csv")));
    }

    @Test
    void requireGpuWithoutAGpuIsAnErrorNotASilentCpuRun() {
        CliRunner.Result r = predict(model("lstm.onnx").toString(), SAMPLE, dir.resolve("o.csv"), "--option",
                "executionProvider=auto", "--option", "requireGpu=true");
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("onnxruntime_gpu"), r.err());
    }

    @Test
    void binaryOrEndlessFeatureFilesEndInATypedErrorNotOutOfMemory() throws IOException {
        Path zeros = dir.resolve("zeros.csv");
        Files.write(zeros, new byte[3 << 20]);
        CliRunner.Result r = predict(model("xgboost.json").toString(), zeros, dir.resolve("o.csv"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("line 1") && r.err().contains("NUL byte"), r.err());
        Path longLine = dir.resolve("long.csv");
        Files.writeString(longLine, "timestamp," + "f".repeat(2 << 20) + "\n");
        r = predict(model("xgboost.json").toString(), longLine, dir.resolve("o.csv"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("line 1") && r.err().contains("longer than 1048576 bytes"), r.err());
    }
}

package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.BundleWriter;
import dev.sextant.trading.models.calibration.FitWindow;
import dev.sextant.trading.models.calibration.TemperatureScaling;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.linear.LogisticRegression;
import dev.sextant.trading.models.xgboost.XGBoostModel;
import dev.sextant.trading.models.xgboost.XGBoostOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of hostile inputs to the CLI's model, bundle, risk-limit and option handling, each
 * generated here and named after what it attacks. Every case must end with the documented exit
 * code, exactly one {@code error: ...} line of bounded length that names what and where and no Java
 * exception class, no stack trace, and every output that existed before unchanged. (The corpus for
 * market-data files lives with the readers.)
 */
class HostileInputCorpusTest {

    private static final Path SAMPLE = PredictCommandTest.model("features_sample.csv");
    private static final Path XGBOOST = PredictCommandTest.model("xgboost.json");
    private static final byte[] PREVIOUS = "previous output\n".getBytes(StandardCharsets.UTF_8);
    /** A fully qualified Java class name ending in Exception or Error, e.g. java.io.IOException. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+\\.[A-Z]\\w*(Exception|Error)\\b");

    @TempDir
    Path dir;

    private Path out;
    private Path report;

    /** One hostile case: the arguments to run, and fragments its error line must contain. */
    private record Case(String name, int exitCode, String[] args, String... expected) {
    }

    @BeforeEach
    void existingOutputs() throws IOException {
        out = dir.resolve("out").resolve("predictions.csv");
        Files.createDirectories(out.getParent());
        Files.write(out, PREVIOUS);
        report = dir.resolve("report");
        Files.createDirectories(report);
        Files.write(report.resolve("backtest.json"), PREVIOUS);
    }

    // ---------------------------------------------------------------- generators

    /** A valid bundle: the reference XGBoost model with a scaler and temperature calibration. */
    private Path bundle(String name) throws IOException {
        Path b = dir.resolve(name);
        double[] mean = new double[24];
        double[] scale = new double[24];
        Arrays.fill(scale, 1);
        try (XGBoostModel m = XGBoostModel.load(XGBOOST, XGBoostOptions.defaults())) {
            BundleWriter w = BundleWriter.create("corpus", "1", FeatureSpec.standard24())
                    .addFile(m, XGBOOST, Map.of(), new StandardScaler(mean, scale)).single(m.metadata().id())
                    .calibration(new TemperatureScaling(1.5, new FitWindow(0, 1, 2)))
                    .trainingWindow(new BundleManifest.TimeWindow(Instant.EPOCH, Instant.EPOCH.plusSeconds(60), 1));
            if (name.endsWith(".zip")) {
                w.writeZip(b);
            } else {
                w.writeDirectory(b);
            }
        }
        return b;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " lacks " + from);
        Files.writeString(file, text.replaceFirst(Pattern.quote(from), to));
    }

    private Path xgboostWith(String name, Consumer<StringBuilder> change) throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(XGBOOST));
        change.accept(text);
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static void replace(StringBuilder sb, String from, String to) {
        int at = sb.indexOf(from);
        assertTrue(at >= 0, "model lacks " + from);
        sb.replace(at, at + from.length(), to);
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path z = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(z); ZipOutputStream zip = new ZipOutputStream(o)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return z;
    }

    /** A valid bundle zipped with a second, edited manifest.json (renamed in the bytes: ZipOutputStream refuses duplicates). */
    private Path zipWithTwoManifests() throws IOException {
        Path b = bundle("two-manifests");
        Map<String, byte[]> entries = new TreeMap<>();
        try (Stream<Path> s = Files.walk(b)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                entries.put(b.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        entries.put("manifesX.json", Files.readString(b.resolve("manifest.json"))
                .replace("\"temperature\" : 1.5", "\"temperature\" : 0.1").getBytes(StandardCharsets.UTF_8));
        Path z = zip("two-manifests.zip", entries);
        String latin = new String(Files.readAllBytes(z), StandardCharsets.ISO_8859_1).replace("manifesX.json", "manifest.json");
        Files.write(z, latin.getBytes(StandardCharsets.ISO_8859_1));
        return z;
    }

    /** A logistic model whose logits overflow to infinities for large inputs, so its softmax is NaN. */
    private Path overflowingLogistic() throws IOException {
        Random rnd = new Random(3);
        float[][] x = new float[60][24];
        int[] y = new int[60];
        for (int i = 0; i < x.length; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 24; j++) {
                x[i][j] = (float) rnd.nextGaussian();
            }
        }
        Path f = dir.resolve("overflow-logistic.json");
        LogisticRegression.train(TrainingSet.of(x, y), "overflow", 1, 50).save(f);
        String text = Files.readString(f).replaceFirst("\"weights\" : \\[ \\[ [^,]+,", "\"weights\" : [ [ 1e308,")
                .replaceFirst("\\], \\[ [^,]+,", "], [ -1e308,");
        Files.writeString(f, text);
        return f;
    }

    /** The features sample with every feature of every row set to {@code value}. */
    private Path featuresAll(String value) throws IOException {
        List<String> lines = Files.readAllLines(SAMPLE);
        List<String> outLines = new ArrayList<>();
        outLines.add(lines.get(0));
        for (String line : lines.subList(1, Math.min(lines.size(), 40))) {
            String[] cells = line.split(",", -1);
            for (int i = 1; i < cells.length; i++) {
                cells[i] = value;
            }
            outLines.add(String.join(",", cells));
        }
        Path f = dir.resolve("features-" + value + ".csv");
        Files.write(f, outLines);
        return f;
    }

    private Path limits(String name, String json) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, json);
        return f;
    }

    private String[] predict(Path model, String... extra) {
        return predict(model, SAMPLE, extra);
    }

    private String[] predict(Path model, Path input, String... extra) {
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString(), "--input", input.toString(),
                "--output", out.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private String[] backtest(Path bundle, String... extra) {
        List<String> args = new ArrayList<>(List.of("backtest", "--bundle", bundle.toString(), "--input",
                CliRunner.APPLE.toString(), "--report", report.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private List<Case> corpus() throws IOException {
        List<Case> cases = new ArrayList<>();
        int bad = SextantCli.EXIT_BAD_INPUT;

        Path temperature = bundle("bundle-manifest-temperature-edited");
        edit(temperature.resolve("manifest.json"), "\"temperature\" : 1.5", "\"temperature\" : 0.2");
        cases.add(new Case("bundle-manifest-temperature-edited", bad, predict(temperature), "manifest.json", "SHA-256",
                "bundle.sha256", temperature.toString()));

        Path mean = bundle("bundle-manifest-scaler-mean-edited");
        edit(mean.resolve("manifest.json"), "\"mean\" : [ 0.0", "\"mean\" : [ 7.0");
        cases.add(new Case("bundle-manifest-scaler-mean-edited", bad, predict(mean), "manifest.json", "SHA-256"));

        Path noSums = bundle("bundle-without-checksum-file");
        Files.delete(noSums.resolve("bundle.sha256"));
        cases.add(new Case("bundle-without-checksum-file", bad, predict(noSums), "has no bundle.sha256",
                "ModelBundle.seal"));

        Path model = bundle("bundle-model-file-edited");
        try (Stream<Path> s = Files.list(model.resolve("models"))) {
            Path f = s.findFirst().orElseThrow();
            Files.writeString(f, Files.readString(f).replace("\"5E-1\"", "\"6E-1\""));
        }
        cases.add(new Case("bundle-model-file-edited", bad, predict(model), "SHA-256", "models/"));

        cases.add(new Case("bundle-zip-duplicate-manifest-entry", bad, predict(zipWithTwoManifests()),
                "two entries for 'manifest.json'"));

        byte[] zeros = new byte[64 << 20];
        cases.add(new Case("bundle-zip-bomb-64MiB-of-zeros", bad,
                predict(zip("zip-bomb.zip", Map.of("manifest.json", zeros))), "zip-bomb.zip", "ratio above the limit"));

        Map<String, byte[]> many = new TreeMap<>();
        for (int i = 0; i <= ModelLimits.DEFAULT_MAX_ENTRIES; i++) {
            many.put("f" + i, new byte[0]);
        }
        cases.add(new Case("bundle-zip-too-many-entries", bad, predict(zip("many-entries.zip", many)),
                (ModelLimits.DEFAULT_MAX_ENTRIES + 1) + " entries but at most " + ModelLimits.DEFAULT_MAX_ENTRIES));

        cases.add(new Case("bundle-zip-entry-escapes-the-folder", bad,
                predict(zip("escape.zip", Map.of("../../evil.txt", new byte[1]))), "'../../evil.txt'", "outside"));

        Files.writeString(dir.resolve("not-a-zip.zip"), "PK not really");
        cases.add(new Case("bundle-zip-that-is-not-a-zip", bad, predict(dir.resolve("not-a-zip.zip")), "not-a-zip.zip"));

        cases.add(new Case("xgboost-base-score-nan", bad,
                predict(xgboostWith("base-score-nan.json", t -> replace(t, "\"base_score\":\"5E-1\"", "\"base_score\":\"NaN\""))),
                "base_score", "not finite"));

        cases.add(new Case("xgboost-base-score-infinite-vector", bad,
                predict(xgboostWith("base-score-inf.json",
                        t -> replace(t, "\"base_score\":\"5E-1\"", "\"base_score\":\"[5E-1,Infinity,5E-1]\""))),
                "base_score", "not finite"));

        cases.add(new Case("xgboost-num-class-4294967299", bad,
                predict(xgboostWith("num-class-huge.json", t -> replace(t, "\"num_class\":\"3\"", "\"num_class\":\"4294967299\""))),
                "num_class is 4294967299"));

        cases.add(new Case("xgboost-duplicate-key", bad,
                predict(xgboostWith("duplicate-key.json",
                        t -> replace(t, "\"base_score\":\"5E-1\"", "\"base_score\":\"5E-1\",\"base_score\":\"5E1\""))),
                "'base_score' appears twice"));

        if (Files.exists(Path.of("/dev/zero"))) {
            cases.add(new Case("model-is-dev-zero", bad, predict(Path.of("/dev/zero"), "--type", "xgboost"), "/dev/zero",
                    "not a regular file"));
        }

        cases.add(new Case("model-output-nan-from-overflowing-logistic", bad,
                predict(overflowingLogistic(), featuresAll("1000000"), "--type", "logistic"), "model overflow",
                "invalid probabilities", "NaN", "timestamp"));

        cases.add(new Case("risk-limits-infinite-1e400", bad,
                backtest(bundle("limits-bundle-1"), "--limits",
                        limits("infinite.json", "{\"exposure\": {\"maxLeverage\": 1e400}}").toString()),
                "infinite.json", "exposure.maxLeverage", "finite"));

        cases.add(new Case("risk-limits-duplicate-key", bad,
                backtest(bundle("limits-bundle-2"), "--limits",
                        limits("duplicate.json", "{\"exposure\": {\"maxLeverage\": 2, \"maxLeverage\": 50}}").toString()),
                "duplicate.json", "exposure.maxLeverage", "appears twice"));

        cases.add(new Case("risk-limits-huge-value-abbreviated", bad,
                backtest(bundle("limits-bundle-3"), "--limits", limits("huge.json",
                        "{\"var\": {\"method\": \"" + "X".repeat(200_000) + "\"}}").toString()),
                "huge.json", "var.method", "chars)"));

        cases.add(new Case("option-cash-1e400", bad, backtest(bundle("cash-bundle"), "--cash", "1e400"), "--cash"));

        cases.add(new Case("option-walkforward-train-2147483647", bad,
                new String[] {"walkforward", "--input", CliRunner.APPLE.toString(), "--train", "2147483647", "--report",
                        report.toString()}, "--train", "2147483647", "bars"));

        cases.add(new Case("option-train-vol-window-2147483647", bad,
                new String[] {"train", "--input", CliRunner.APPLE.toString(), "--models", "logistic", "--output",
                        dir.resolve("never-written").toString(), "--vol-window", "2147483647"}, "--vol-window", "2147483647"));

        cases.add(new Case("option-train-beyond-int-range", bad,
                new String[] {"walkforward", "--input", CliRunner.APPLE.toString(), "--train", "99999999999"}, "--train",
                "99999999999"));

        cases.add(new Case("option-unknown", bad, predict(XGBOOST, "--frobnicate"), "--frobnicate", "sextant predict --help"));

        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyHostileInputEndsInOneTypedLineAndLeavesOutputsAlone() throws IOException {
        return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<Path> before = listing();
            CliRunner.Result r = CliRunner.run(c.args());
            String err = r.err();
            assertEquals(c.exitCode(), r.exitCode(), c.name() + ": " + err);
            List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), c.name() + " must print one line but printed:\n" + err);
            String line = lines.get(0);
            System.out.println(c.name() + " -> exit " + r.exitCode() + ": " + ErrorText.value(line));
            assertTrue(line.startsWith("error: "), line);
            assertTrue(line.length() <= ErrorText.MAX_LINE_CHARS + 100, c.name() + ": " + line.length() + " chars");
            for (String fragment : c.expected()) {
                assertTrue(line.contains(fragment), c.name() + " must mention '" + fragment + "': " + line);
            }
            assertFalse(CLASS_NAME.matcher(line).find(), c.name() + " names a Java class: " + line);
            assertFalse(err.contains("\tat "), c.name() + " printed a stack trace");
            assertArrayEquals(PREVIOUS, Files.readAllBytes(out), c.name() + " changed the existing predictions");
            assertArrayEquals(PREVIOUS, Files.readAllBytes(report.resolve("backtest.json")),
                    c.name() + " changed the existing report");
            assertEquals(before, listing(), c.name() + " left files behind in the output folders");
            assertFalse(Files.exists(dir.resolve("never-written")), c.name() + " created the bundle");
        }));
    }

    private List<Path> listing() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path d : List.of(out.getParent(), report)) {
            try (Stream<Path> s = Files.list(d)) {
                s.sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void aModelFileAboveTheOverriddenSizeLimitIsRefused() {
        String old = System.getProperty(ModelLimits.MAX_MODEL_BYTES_PROPERTY);
        System.setProperty(ModelLimits.MAX_MODEL_BYTES_PROPERTY, "1000");
        try {
            CliRunner.Result r = CliRunner.run(predict(XGBOOST));
            assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode(), r.err());
            assertTrue(r.err().strip().startsWith("error: ") && r.err().contains("limit of 1000 bytes")
                    && r.err().contains(ModelLimits.MAX_MODEL_BYTES_PROPERTY), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        } finally {
            if (old == null) {
                System.clearProperty(ModelLimits.MAX_MODEL_BYTES_PROPERTY);
            } else {
                System.setProperty(ModelLimits.MAX_MODEL_BYTES_PROPERTY, old);
            }
        }
    }

    @Test
    void verboseAddsTheStackTraceAndOnlyThen() throws IOException {
        Path bad = xgboostWith("verbose.json", t -> replace(t, "\"num_class\":\"3\"", "\"num_class\":\"4\""));
        CliRunner.Result quiet = CliRunner.run(predict(bad));
        assertEquals(1, quiet.err().lines().count(), quiet.err());
        CliRunner.Result verbose = CliRunner.run(predict(bad, "--verbose"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, verbose.exitCode());
        assertEquals(quiet.err().lines().findFirst(), verbose.err().lines().findFirst());
        assertTrue(verbose.err().contains("\tat "), verbose.err());
    }
}

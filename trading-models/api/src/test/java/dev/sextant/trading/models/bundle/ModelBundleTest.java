package dev.sextant.trading.models.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.bundle.BundleManifest.TimeWindow;
import dev.sextant.trading.models.bundle.BundleManifest.ValidationReport;
import dev.sextant.trading.models.calibration.FitWindow;
import dev.sextant.trading.models.calibration.IsotonicCalibration;
import dev.sextant.trading.models.calibration.PlattScaling;
import dev.sextant.trading.models.calibration.TemperatureScaling;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.ReferenceSettings;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.linear.LogisticRegression;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import dev.sextant.trading.models.validation.LabelledPredictions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

    private static final FeatureSpec SPEC = FeatureSpec.standard24();
    private static final int F = SPEC.size();

    @TempDir
    Path tmp;

    private LogisticRegression baseA;
    private LogisticRegression baseB;
    private LogisticRegression meta;
    private StandardScaler scaler;
    private float[][] rows;

    @BeforeEach
    void train() {
        Random rnd = new Random(7);
        rows = new float[300][F];
        int[] y = new int[300];
        for (int i = 0; i < rows.length; i++) {
            y[i] = rnd.nextInt(3);
            for (int j = 0; j < F; j++) {
                rows[i][j] = (float) (50 + 10 * rnd.nextGaussian() + (j % 3 == y[i] ? 8 : 0));
            }
        }
        scaler = StandardScaler.fit(rows);
        TrainingSet scaled = TrainingSet.of(scaler.transformRows(rows), y);
        baseA = LogisticRegression.train(scaled, "lr-a", 1, 200);
        baseB = LogisticRegression.train(scaled, "lr-b", 0.01, 200);
        float[][] metaRows = new float[300][6];
        double[] p = new double[3];
        float[][] scaledRows = scaler.transformRows(rows);
        for (int i = 0; i < 300; i++) {
            baseA.predict(scaledRows[i], p);
            for (int c = 0; c < 3; c++) {
                metaRows[i][c] = StackingEnsemble.metaFeature(p[c]);
            }
            baseB.predict(scaledRows[i], p);
            for (int c = 0; c < 3; c++) {
                metaRows[i][3 + c] = StackingEnsemble.metaFeature(p[c]);
            }
        }
        meta = LogisticRegression.train(TrainingSet.of(metaRows, y), "meta", 0.1, 200);
    }

    private BundleWriter stackingWriter() {
        ClassificationMetrics m = ClassificationMetrics.of(new double[] {0.2, 0.3, 0.5, 0.6, 0.2, 0.2}, new int[] {2, 0});
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        return BundleWriter.create("test-stack", "1.0.0", SPEC)
                .addTrained(baseA, scaler)
                .addTrained(baseB, scaler)
                .stacking(List.of("lr-a", "lr-b"), meta)
                .calibration(new TemperatureScaling(1.7, new FitWindow(1000, 2000, 50)))
                .trainingWindow(new TimeWindow(t0, t0.plusSeconds(3600), 300))
                .validation(new ValidationReport(new TimeWindow(t0.plusSeconds(7200), t0.plusSeconds(9000), 2),
                        Map.of("ensemble-calibrated", m)))
                .attribute("seed", "42")
                .createdAt(Instant.parse("2024-02-01T00:00:00Z"));
    }

    private Path writeDir() throws IOException {
        Path dir = tmp.resolve("bundle");
        stackingWriter().writeDirectory(dir);
        return dir;
    }

    @Test
    void aStackingBundleReloadsWithTheSamePredictions() throws IOException {
        Path dir = writeDir();
        Model expected = new CalibratedModel(new StackingEnsemble("x",
                List.of(new dev.sextant.trading.models.ensemble.ScaledModel(baseA, scaler),
                        new dev.sextant.trading.models.ensemble.ScaledModel(baseB, scaler)), meta,
                dev.sextant.trading.models.Provenance.unknown("t")), new TemperatureScaling(1.7, new FitWindow(1000, 2000, 50)));
        try (ModelBundle bundle = ModelBundle.load(dir, SPEC)) {
            assertEquals("test-stack", bundle.manifest().bundleId());
            assertEquals(3, bundle.manifest().models().size());
            assertEquals("42", bundle.manifest().attributes().get("seed"));
            assertEquals(1, bundle.manifest().validation().orElseThrow().metrics().get("ensemble-calibrated").rows() / 2);
            assertInstanceOf(CalibratedModel.class, bundle.model());
            double[] p = new double[3];
            double[] q = new double[3];
            for (float[] row : rows) {
                bundle.model().predict(row, p);
                expected.predict(row, q);
                assertArrayEquals(q, p, 1e-12);
            }
        }
    }

    @Test
    void aZipBundleLoadsAndCleansUp() throws IOException {
        Path zip = tmp.resolve("bundle.zip");
        stackingWriter().writeZip(zip);
        try (ModelBundle bundle = ModelBundle.load(zip, SPEC)) {
            double[] p = new double[3];
            bundle.model().predict(rows[0], p);
            assertEquals(1, p[0] + p[1] + p[2], 1e-9);
        }
        assertEquals("test-stack", ModelBundle.verify(zip).bundleId());
    }

    @Test
    void writesEveryManifestField() throws IOException {
        String json = Files.readString(writeDir().resolve("manifest.json"));
        for (String field : List.of("\"formatVersion\"", "\"bundleId\"", "\"bundleVersion\"", "\"createdAt\"",
                "\"featureSpec\"", "\"featureSpecHash\"", "\"scaler\"", "\"sha256\"", "\"inputKind\"", "\"ensemble\"",
                "\"calibration\"", "\"classes\"", "\"trainingWindow\"", "\"validation\"", "\"metaModel\"")) {
            assertTrue(json.contains(field), field);
        }
        assertTrue(json.contains("[ \"SELL\", \"HOLD\", \"BUY\" ]"), json);
    }

    @Test
    void rejectsATamperedModelFile() throws IOException {
        Path dir = writeDir();
        Path file = dir.resolve("models/lr-b.json");
        Files.writeString(file, Files.readString(file).replace("\"lr-b\"", "\"lr-c\""));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("models/lr-b.json") && e.getMessage().contains("SHA-256"), e.getMessage());
        assertThrows(ModelLoadException.class, () -> ModelBundle.verify(dir));
    }

    @Test
    void rejectsAMissingModelFile() throws IOException {
        Path dir = writeDir();
        Files.delete(dir.resolve("models/meta.json"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void rejectsAFeatureSpecThatDiffersFromTheLiveEngine() throws IOException {
        Path dir = writeDir();
        FeatureSpec live = FeatureSpec.extended35();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, live));
        assertTrue(e.getMessage().contains(SPEC.hash()) && e.getMessage().contains(live.hash()), e.getMessage());
        assertTrue(e.getMessage().contains("standard-24") && e.getMessage().contains("extended-35"), e.getMessage());
    }

    @Test
    void anUnknownModelTypeNamesTheMissingAdapterArtifact() throws IOException {
        Path dir = writeDir();
        editManifest(dir, "\"type\" : \"logistic\"", "\"type\" : \"smile-rf\"");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("dev.sextant:trading-models-smile"), e.getMessage());
        editManifest(dir, "\"type\" : \"smile-rf\"", "\"type\" : \"onnx\"");
        e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("dev.sextant:trading-models-onnx"), e.getMessage());
    }

    @Test
    void rejectsAManifestThatIsNotJsonOrMissing() throws IOException {
        Path dir = writeDir();
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, ");
        reseal(dir);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        Files.delete(dir.resolve("manifest.json"));
        e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("has no manifest.json"), e.getMessage());
    }

    @Test
    void rejectsAManifestWithAMissingOrWrongField() throws IOException {
        Path dir = writeDir();
        editManifest(dir, "\"bundleId\" : \"test-stack\",", "");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("'bundleId'"), e.getMessage());

        Path other = tmp.resolve("b2");
        stackingWriter().writeDirectory(other);
        editManifest(other, "\"formatVersion\" : 1", "\"formatVersion\" : 99");
        e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(other, SPEC));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());

        Path third = tmp.resolve("b3");
        stackingWriter().writeDirectory(third);
        editManifest(third, "[ \"SELL\", \"HOLD\", \"BUY\" ]", "[ \"BUY\", \"HOLD\", \"SELL\" ]");
        e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(third, SPEC));
        assertTrue(e.getMessage().contains("class order"), e.getMessage());
    }

    @Test
    void rejectsAManifestWhoseFeatureSpecWasEditedWithoutItsHash() throws IOException {
        Path dir = writeDir();
        editManifest(dir, "\"period\" : 14", "\"period\" : 15");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("edited or corrupted"), e.getMessage());
    }

    @Test
    void rejectsAModelWhoseShapeDiffersFromTheManifest() throws IOException {
        Path dir = writeDir();
        String text = Files.readString(dir.resolve("manifest.json"));
        int at = text.indexOf("\"inputKind\" : \"VECTOR\"");
        text = text.substring(0, at) + "\"inputKind\" : \"WINDOW\"" + text.substring(at + "\"inputKind\" : \"VECTOR\"".length());
        text = text.replaceFirst("\"sequenceLength\" : 1", "\"sequenceLength\" : 5");
        Files.writeString(dir.resolve("manifest.json"), text);
        reseal(dir);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("lr-a") && e.getMessage().contains("WINDOW 5 x 24"), e.getMessage());
    }

    @Test
    void rejectsModelFilesOutsideTheBundle() throws IOException {
        Path dir = writeDir();
        editManifest(dir, "\"file\" : \"models/lr-a.json\"", "\"file\" : \"../lr-a.json\"");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains(".."), e.getMessage());
    }

    @Test
    void rejectsZipEntriesThatEscapeTheBundle() throws IOException {
        Path zip = tmp.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("../../escaped.txt"));
            z.write("x".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(zip, SPEC));
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
        assertFalse(Files.exists(tmp.getParent().resolve("escaped.txt")));
    }

    @Test
    void rejectsAFileThatIsNeitherADirectoryNorAZip() throws IOException {
        Path junk = tmp.resolve("junk.zip");
        Files.writeString(junk, "not a zip");
        assertThrows(ModelLoadException.class, () -> ModelBundle.load(junk, SPEC));
        assertThrows(ModelLoadException.class, () -> ModelBundle.load(tmp.resolve("absent"), SPEC));
    }

    @Test
    void weightedAverageAndSingleBundlesLoad() throws IOException {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        Path avg = tmp.resolve("avg");
        BundleWriter.create("avg", "1", SPEC).addTrained(baseA, scaler).addTrained(baseB, scaler)
                .weightedAverage(List.of("lr-a", "lr-b"), new double[] {1, 3})
                .calibration(PlattScaling.fit(LabelledPredictions.indexed(new double[] {0.2, 0.3, 0.5, 0.5, 0.3, 0.2}, new int[] {2, 0})))
                .trainingWindow(new TimeWindow(t0, t0, 1)).writeDirectory(avg);
        Path single = tmp.resolve("single");
        BundleWriter.create("one", "1", SPEC).addTrained(baseA, null).single("lr-a")
                .calibration(IsotonicCalibration.fit(LabelledPredictions.indexed(new double[] {0.2, 0.3, 0.5, 0.5, 0.3, 0.2}, new int[] {2, 0})))
                .trainingWindow(new TimeWindow(t0, t0, 1)).writeDirectory(single);
        double[] p = new double[3];
        try (ModelBundle a = ModelBundle.load(avg, SPEC); ModelBundle s = ModelBundle.load(single, SPEC)) {
            a.model().predict(rows[1], p);
            assertEquals(1, p[0] + p[1] + p[2], 1e-9);
            s.model().predict(rows[1], p);
            assertEquals(1, p[0] + p[1] + p[2], 1e-9);
            assertEquals("platt", a.manifest().calibration().orElseThrow().method());
            assertEquals("isotonic", s.manifest().calibration().orElseThrow().method());
        }
    }

    @Test
    void readManifestNeedsNoAdapters() throws IOException {
        Path dir = writeDir();
        editManifest(dir, "\"type\" : \"logistic\"", "\"type\" : \"xgboost\"");
        assertEquals(SPEC, ModelBundle.readManifest(dir).featureSpec());
    }

    /** A small single-model zip bundle with temperature calibration, built once for the property below. */
    private static final class Fixture {
        static final byte[] ZIP;
        static final float[] ROW = new float[F];
        static final double[] EXPECTED = new double[3];

        static {
            try {
                Random rnd = new Random(11);
                float[][] x = new float[90][F];
                int[] y = new int[90];
                for (int i = 0; i < x.length; i++) {
                    y[i] = i % 3;
                    for (int j = 0; j < F; j++) {
                        x[i][j] = (float) (rnd.nextGaussian() + (j % 3 == y[i] ? 1 : 0));
                    }
                }
                LogisticRegression lr = LogisticRegression.train(TrainingSet.of(x, y), "lr", 1, 100);
                Path dir = Files.createTempDirectory("bundle-property-");
                Path zip = dir.resolve("b.zip");
                Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
                BundleWriter.create("prop", "1", SPEC).addTrained(lr, StandardScaler.fit(x)).single("lr")
                        .calibration(new TemperatureScaling(1.3, new FitWindow(0, 1, 2)))
                        .trainingWindow(new TimeWindow(t0, t0, 1)).writeZip(zip);
                ZIP = Files.readAllBytes(zip);
                Files.delete(zip);
                Files.delete(dir);
                System.arraycopy(x[0], 0, ROW, 0, F);
                try (ModelBundle b = load(ZIP)) {
                    b.model().predict(ROW, EXPECTED);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        static ModelBundle load(byte[] zip) throws IOException {
            Path file = Files.createTempFile("bundle-property-", ".zip");
            try {
                Files.write(file, zip);
                return ModelBundle.load(file, SPEC);
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    @net.jqwik.api.Property(tries = 300)
    void aCorruptedBundleZipEitherFailsToLoadOrPredictsExactlyAsBefore(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 1_000_000) int where,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 255) int xor,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2) int kind) throws IOException {
        byte[] zip = Fixture.ZIP.clone();
        int at = where % zip.length;
        byte[] mutated = switch (kind) {
            case 0 -> {
                zip[at] ^= (byte) xor;
                yield zip;
            }
            case 1 -> java.util.Arrays.copyOf(zip, at);
            default -> {
                byte[] longer = java.util.Arrays.copyOf(zip, zip.length + 1);
                System.arraycopy(zip, at, longer, at + 1, zip.length - at);
                longer[at] = (byte) xor;
                yield longer;
            }
        };
        ModelBundle b;
        try {
            b = Fixture.load(mutated);
        } catch (ModelLoadException expected) {
            return;
        }
        try (b) {
            double[] p = new double[3];
            b.model().predict(Fixture.ROW, p);
            assertArrayEquals(Fixture.EXPECTED, p, 0.0, "a corrupted bundle loaded and predicts differently");
        }
    }

    /** Edits the manifest and records its new checksum, as a consistent but wrong bundle would. */
    @Test
    void rejectsAManifestWhoseTemperatureWasEdited() throws IOException {
        Path dir = writeDir();
        tamperManifest(dir, "\"temperature\" : 1.7", "\"temperature\" : 0.2");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("manifest.json") && e.getMessage().contains("SHA-256")
                && e.getMessage().contains("bundle.sha256"), e.getMessage());
        assertThrows(ModelLoadException.class, () -> ModelBundle.readManifest(dir));
        assertThrows(ModelLoadException.class, () -> ModelBundle.verify(dir));
    }

    @Test
    void rejectsAManifestWhoseScalerMeanWasEdited() throws IOException {
        Path dir = writeDir();
        String text = Files.readString(dir.resolve("manifest.json"));
        int at = text.indexOf("\"mean\" : [ ") + "\"mean\" : [ ".length();
        Files.writeString(dir.resolve("manifest.json"), text.substring(0, at) + "1" + text.substring(at));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("manifest.json") && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void rejectsATamperedModelFileWhoseManifestRecordWasUpdatedToo() throws IOException {
        Path dir = writeDir();
        Path file = dir.resolve("models/lr-b.json");
        String before = dev.sextant.trading.models.internal.Sha256.of(file);
        Files.writeString(file, Files.readString(file).replace("\"lr-b\"", "\"lr-c\""));
        tamperManifest(dir, before, dev.sextant.trading.models.internal.Sha256.of(file));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
    }

    @Test
    void aZipWithTwoManifestEntriesIsRefused() throws IOException {
        Path dir = writeDir();
        Path zip = tmp.resolve("twice.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : List.of("bundle.sha256", "manifest.json", "models/lr-a.json", "models/lr-b.json",
                    "models/meta.json")) {
                z.putNextEntry(new ZipEntry(name));
                z.write(Files.readAllBytes(dir.resolve(name)));
                z.closeEntry();
            }
            // A second manifest under a placeholder name of the same length, renamed below:
            // ZipOutputStream itself refuses to write a duplicate name.
            z.putNextEntry(new ZipEntry("manifesX.json"));
            z.write(Files.readString(dir.resolve("manifest.json")).replace("\"temperature\" : 1.7",
                    "\"temperature\" : 0.2").getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        byte[] bytes = Files.readAllBytes(zip);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1).replace("manifesX.json", "manifest.json");
        Files.write(zip, latin.getBytes(StandardCharsets.ISO_8859_1));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(zip, SPEC));
        assertTrue(e.getMessage().contains("two entries for 'manifest.json'"), e.getMessage());
        assertThrows(ModelLoadException.class, () -> ModelBundle.readManifest(zip));
    }

    @Test
    void aBundleWithoutAChecksumFileIsRefusedNamingHowToResealIt() throws IOException {
        Path dir = writeDir();
        Files.delete(dir.resolve(ModelBundle.CHECKSUMS));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("has no bundle.sha256") && e.getMessage().contains("ModelBundle.seal"),
                e.getMessage());
        ModelBundle.seal(dir);
        try (ModelBundle b = ModelBundle.load(dir, SPEC)) {
            assertEquals("test-stack", b.manifest().bundleId());
        }
    }

    @Test
    void aSealThatFailsWhileWritingTheChecksumFileLeavesTheBundleAsItWasAndNoTemporaryFile() throws IOException {
        Path dir = writeDir();
        // The checksum file's place taken by a non-empty directory: the atomic rename at the end fails.
        Path sums = dir.resolve(ModelBundle.CHECKSUMS);
        Files.delete(sums);
        Files.createDirectory(sums);
        Files.writeString(sums.resolve("keep"), "previous");
        List<String> before;
        try (var s = Files.list(dir)) {
            before = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        IOException e = assertThrows(IOException.class, () -> ModelBundle.seal(dir));
        assertTrue(e.getMessage().startsWith("cannot write " + sums + ": "), e.getMessage());
        try (var s = Files.list(dir)) {
            assertEquals(before, s.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        assertEquals("previous", Files.readString(sums.resolve("keep")));
        Files.delete(sums.resolve("keep"));
        Files.delete(sums);
        ModelBundle.seal(dir);
        try (ModelBundle b = ModelBundle.load(dir, SPEC)) {
            assertEquals("test-stack", b.manifest().bundleId());
        }
    }

    @Test
    void sealRefusesAModelFileThatDiffersFromTheManifest() throws IOException {
        Path dir = writeDir();
        Path file = dir.resolve("models/lr-a.json");
        Files.writeString(file, Files.readString(file) + " ");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.seal(dir));
        assertTrue(e.getMessage().contains("models/lr-a.json"), e.getMessage());
    }

    @Test
    void theChecksumFileCoversTheManifestAndEveryModelInSha256sumFormat() throws IOException {
        Path dir = writeDir();
        List<String> lines = Files.readAllLines(dir.resolve(ModelBundle.CHECKSUMS));
        assertEquals(List.of("manifest.json", "models/lr-a.json", "models/lr-b.json", "models/meta.json"),
                lines.stream().map(l -> l.substring(66)).toList());
        for (String l : lines) {
            assertEquals(dev.sextant.trading.models.internal.Sha256.of(dir.resolve(l.substring(66))), l.substring(0, 64));
        }
    }

    @Test
    void aMalformedOrRepeatedChecksumLineIsNamed() throws IOException {
        Path dir = writeDir();
        Path sums = dir.resolve(ModelBundle.CHECKSUMS);
        String text = Files.readString(sums);
        Files.writeString(sums, text + text.lines().findFirst().orElseThrow() + "\n");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("line 5") && e.getMessage().contains("second time"), e.getMessage());
        Files.writeString(sums, "not a checksum\n" + text);
        e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void aModelFileAboveTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        Path dir = writeDir();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelBundle.load(dir, SPEC, dev.sextant.trading.models.ModelLimits.defaults().withMaxModelBytes(200)));
        assertTrue(e.getMessage().contains("model file limit of 200"), e.getMessage());
    }

    @Test
    void aZipBombIsRefusedWhileInflating() throws IOException {
        Path zip = tmp.resolve("bomb.zip");
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("manifest.json"));
            for (int i = 0; i < 64; i++) {
                z.write(zeros);
            }
            z.closeEntry();
        }
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.load(zip, SPEC));
        assertTrue(e.getMessage().contains("ratio above the limit of 100"), e.getMessage());
    }

    @Test
    void loadWithoutASpecUsesTheBundlesOwn() throws IOException {
        Path zip = tmp.resolve("own.zip");
        stackingWriter().writeZip(zip);
        try (ModelBundle b = ModelBundle.load(zip)) {
            assertEquals(SPEC, b.manifest().featureSpec());
        }
    }

    @Test
    void aModelThatGivesNaNIsATypedErrorNamingIt() throws IOException {
        Path dir = writeDir();
        Path file = dir.resolve("models/lr-a.json");
        // Weights of 1e308 overflow the logits to infinity, and the softmax of infinities is NaN.
        String text = Files.readString(file).replaceFirst("\"weights\" : \\[ \\[ [^,]+,", "\"weights\" : [ [ 1e308,");
        text = text.replaceFirst("\\], \\[ [^,]+,", "], [ -1e308,");
        Files.writeString(file, text);
        tamperManifest(dir, Files.readString(dir.resolve("manifest.json")).replaceAll("(?s).*\"models/lr-a.json\",\\s*\"sha256\" : \"([0-9a-f]{64})\".*", "$1"),
                dev.sextant.trading.models.internal.Sha256.of(file));
        ModelBundle.seal(dir);
        try (ModelBundle b = ModelBundle.load(dir, SPEC)) {
            float[] row = rows[0].clone();
            java.util.Arrays.fill(row, 1e6f);
            dev.sextant.trading.models.ModelOutputException e = assertThrows(
                    dev.sextant.trading.models.ModelOutputException.class, () -> b.model().predict(row, new double[3]));
            assertEquals("lr-a", e.model());
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    private Path writeWithReference() throws IOException {
        Random rnd = new Random(3);
        int m = 100;
        double[] p = new double[3 * m];
        int[] y = new int[m];
        for (int i = 0; i < m; i++) {
            p[3 * i] = 0.2;
            p[3 * i + 1] = 0.3;
            p[3 * i + 2] = 0.5;
            y[i] = rnd.nextInt(3);
        }
        DriftReference ref = DriftReference.build(SPEC.featureNames(), rows, p, y, ReferenceSettings.defaults());
        Path dir = tmp.resolve("with-reference");
        stackingWriter().reference(ref).writeDirectory(dir);
        return dir;
    }

    @Test
    void aReferenceIsWrittenCoveredByTheChecksumsAndLoadedBack() throws IOException {
        Path dir = writeWithReference();
        assertTrue(Files.readString(dir.resolve(ModelBundle.CHECKSUMS)).contains("  " + DriftReference.FILE + "\n"));
        try (ModelBundle b = ModelBundle.load(dir, SPEC)) {
            DriftReference ref = b.reference().orElseThrow();
            assertEquals(SPEC.featureNames(), ref.featureNames());
            assertEquals(300, ref.features().get(0).count());
        }
        assertEquals("test-stack", ModelBundle.verify(dir).bundleId());
    }

    @Test
    void aBundleWithoutAReferenceLoadsWithDriftUnavailable() throws IOException {
        try (ModelBundle b = ModelBundle.load(writeDir(), SPEC)) {
            assertTrue(b.reference().isEmpty());
        }
    }

    @Test
    void aTamperedUnlistedOrMissingReferenceIsRefused() throws IOException {
        Path dir = writeWithReference();
        Path file = dir.resolve(DriftReference.FILE);
        String original = Files.readString(file);
        Files.writeString(file, original.replaceFirst("\"threshold\" : [0-9.eE-]+", "\"threshold\" : 1000.0"));
        ModelLoadException tampered = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(tampered.getMessage().contains("reference.json has SHA-256"), tampered.getMessage());
        assertThrows(ModelLoadException.class, () -> ModelBundle.verify(dir));
        Files.delete(file);
        ModelLoadException missing = assertThrows(ModelLoadException.class, () -> ModelBundle.load(dir, SPEC));
        assertTrue(missing.getMessage().contains("lists reference.json but the file is missing"), missing.getMessage());
        Path plain = writeDir();
        Files.writeString(plain.resolve(DriftReference.FILE), original);
        ModelLoadException unlisted = assertThrows(ModelLoadException.class, () -> ModelBundle.load(plain, SPEC));
        assertTrue(unlisted.getMessage().contains("does not list reference.json"), unlisted.getMessage());
    }

    @Test
    void aMalformedReferenceIsNamedEvenWhenSealed() throws IOException {
        Path dir = writeWithReference();
        Path file = dir.resolve(DriftReference.FILE);
        Files.writeString(file, Files.readString(file).replace("\"format\" : 1", "\"format\" : \"one\""));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelBundle.seal(dir));
        assertTrue(e.getMessage().contains(DriftReference.FILE + ": field 'format' must be an integer"), e.getMessage());
        Files.writeString(file, Files.readString(file).replace("\"format\" : \"one\"", "\"format\" : 1")
                .replace("\"name\" : \"rsi_14\"", "\"name\" : \"rsi_15\""));
        ModelLoadException names = assertThrows(ModelLoadException.class, () -> ModelBundle.seal(dir));
        assertTrue(names.getMessage().contains("describes features [rsi_15"), names.getMessage());
    }

    @Test
    void theWriterRefusesAReferenceOfOtherFeatures() {
        DriftReference other = DriftReference.build(java.util.stream.IntStream.range(0, F).mapToObj(i -> "x" + i).toList(),
                rows, new double[] {0.2, 0.3, 0.5}, new int[] {1}, ReferenceSettings.defaults());
        assertThrows(IllegalArgumentException.class, () -> stackingWriter().reference(other));
    }

    private static void editManifest(Path dir, String from, String to) throws IOException {
        tamperManifest(dir, from, to);
        reseal(dir);
    }

    /** Edits the manifest only, as a tamperer who does not know about bundle.sha256 would. */
    private static void tamperManifest(Path dir, String from, String to) throws IOException {
        Path m = dir.resolve("manifest.json");
        String text = Files.readString(m);
        assertTrue(text.contains(from), "manifest lacks " + from);
        Files.writeString(m, text.replace(from, to));
    }

    /** Rewrites the manifest's line of bundle.sha256 to match the manifest as it is now. */
    private static void reseal(Path dir) throws IOException {
        Path sums = dir.resolve(ModelBundle.CHECKSUMS);
        String sha = dev.sextant.trading.models.internal.Sha256.of(dir.resolve("manifest.json"));
        Files.writeString(sums, Files.readString(sums).replaceAll("(?m)^[0-9a-f]{64}  manifest\\.json$",
                sha + "  manifest.json"));
    }
}

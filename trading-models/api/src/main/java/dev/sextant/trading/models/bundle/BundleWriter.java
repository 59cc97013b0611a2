package dev.sextant.trading.models.bundle;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.bundle.BundleManifest.EnsembleSpec;
import dev.sextant.trading.models.bundle.BundleManifest.ModelEntry;
import dev.sextant.trading.models.bundle.BundleManifest.Role;
import dev.sextant.trading.models.bundle.BundleManifest.TimeWindow;
import dev.sextant.trading.models.bundle.BundleManifest.ValidationReport;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.internal.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a model bundle: model files under {@code models/}, each with its SHA-256, and
 * {@code manifest.json}, then {@code bundle.sha256} covering the manifest and every model file. Add
 * the models and choose how they combine; optionally add a calibrator, the training window (absent
 * for a rule model, see {@link #trainingWindow}), validation metrics and attributes; then write a
 * directory or a zip.
 *
 * <p>Not thread-safe. Models added are not closed by the writer.
 */
public final class BundleWriter {

    private final String bundleId;
    private final String bundleVersion;
    private final FeatureSpec featureSpec;
    private final Map<String, Pending> models = new LinkedHashMap<>();
    private EnsembleSpec ensemble;
    private Calibrator calibration;
    private TimeWindow trainingWindow;
    private ValidationReport validation;
    private DriftReference reference;
    private Instant createdAt = Instant.now();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private record Pending(ModelMetadata metadata, Role role, String extension, Optional<StandardScaler> scaler,
            Map<String, String> options, FileSource source) {
    }

    @FunctionalInterface
    private interface FileSource {
        void writeTo(Path file) throws IOException;
    }

    private BundleWriter(String bundleId, String bundleVersion, FeatureSpec featureSpec) {
        this.bundleId = Checks.notBlank(bundleId, "bundleId");
        this.bundleVersion = Checks.notBlank(bundleVersion, "bundleVersion");
        this.featureSpec = Checks.notNull(featureSpec, "featureSpec");
    }

    /**
     * Starts a bundle.
     *
     * @param bundleId      bundle id
     * @param bundleVersion bundle version
     * @param featureSpec   the feature spec every base model reads
     */
    public static BundleWriter create(String bundleId, String bundleVersion, FeatureSpec featureSpec) {
        return new BundleWriter(bundleId, bundleVersion, featureSpec);
    }

    /**
     * Adds a base model trained in this process; it is saved into the bundle on write.
     *
     * @param scaler standardisation applied to inputs before the model, or null for none
     */
    public BundleWriter addTrained(TrainedModel model, StandardScaler scaler) {
        Checks.notNull(model, "model");
        return add(model.metadata(), Role.BASE, model.fileExtension(), scaler, Map.of(), model::save);
    }

    /**
     * Adds a base model that exists as a file (for example an ONNX network); the file is copied.
     *
     * @param loaded  the model as loaded from {@code source}, for its metadata
     * @param source  the model file
     * @param options adapter options to pass on load
     * @param scaler  standardisation applied to inputs before the model, or null for none
     */
    public BundleWriter addFile(Model loaded, Path source, Map<String, String> options, StandardScaler scaler) {
        Checks.notNull(loaded, "loaded");
        Checks.notNull(source, "source");
        String name = source.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 ? name.substring(dot + 1) : "bin";
        return add(loaded.metadata(), Role.BASE, extension, scaler, options,
                file -> Files.copy(source, file, StandardCopyOption.REPLACE_EXISTING));
    }

    private BundleWriter add(ModelMetadata md, Role role, String extension, StandardScaler scaler,
            Map<String, String> options, FileSource source) {
        if (models.containsKey(md.id())) {
            throw new IllegalArgumentException("a model with id '" + md.id() + "' was already added");
        }
        if (role == Role.BASE && md.featureCount() != featureSpec.size()) {
            throw new IllegalArgumentException("model '" + md.id() + "' reads " + md.featureCount()
                    + " features but the feature spec " + featureSpec.name() + " has " + featureSpec.size());
        }
        models.put(md.id(), new Pending(md, role, extension, Optional.ofNullable(scaler),
                Map.copyOf(Checks.notNull(options, "options")), source));
        return this;
    }

    /** Uses one added model alone. */
    public BundleWriter single(String id) {
        this.ensemble = EnsembleSpec.single(id);
        return this;
    }

    /** Averages added models with weights. */
    public BundleWriter weightedAverage(List<String> ids, double[] weights) {
        this.ensemble = EnsembleSpec.weightedAverage(ids, weights);
        return this;
    }

    /** Stacks added models with a meta-learner trained on their out-of-fold probabilities. */
    public BundleWriter stacking(List<String> baseIds, TrainedModel meta) {
        Checks.notNull(meta, "meta");
        add(meta.metadata(), Role.META, meta.fileExtension(), null, Map.of(), meta::save);
        this.ensemble = EnsembleSpec.stacking(baseIds, meta.metadata().id());
        return this;
    }

    /** Calibrates the ensemble output. */
    public BundleWriter calibration(Calibrator calibrator) {
        this.calibration = Checks.notNull(calibrator, "calibrator");
        return this;
    }

    /**
     * Records the rows the models were trained on. Optional: a bundle of a rule model, or of a
     * model trained where the rows are unknown, is written without one
     * ({@link BundleManifest#trainingWindow()} is then empty, and backtests cannot warn when
     * they overlap the training data).
     */
    public BundleWriter trainingWindow(TimeWindow window) {
        this.trainingWindow = Checks.notNull(window, "window");
        return this;
    }

    /** Records held-out metrics. */
    public BundleWriter validation(ValidationReport report) {
        this.validation = Checks.notNull(report, "report");
        return this;
    }

    /**
     * Records the reference of the training inputs that drift monitoring and out-of-distribution
     * gating compare with; written as {@value DriftReference#FILE} and covered by the checksum
     * file. Optional: a bundle without one loads, but cannot be monitored.
     *
     * @throws IllegalArgumentException if its feature names are not the feature spec's, in order
     */
    public BundleWriter reference(DriftReference value) {
        Checks.notNull(value, "reference");
        if (!value.featureNames().equals(featureSpec.featureNames())) {
            throw new IllegalArgumentException("the drift reference describes features " + value.featureNames()
                    + " but the feature spec " + featureSpec.name() + " has " + featureSpec.featureNames());
        }
        this.reference = value;
        return this;
    }

    /** Records a further fact. */
    public BundleWriter attribute(String key, String value) {
        attributes.put(Checks.notBlank(key, "key"), Checks.notNull(value, "value"));
        return this;
    }

    /** Sets the creation time (default: when the writer was created). */
    public BundleWriter createdAt(Instant time) {
        this.createdAt = Checks.notNull(time, "time");
        return this;
    }

    /**
     * Writes the bundle into {@code dir}, which must not exist or be empty. The files are written
     * into a temporary sibling directory, synced and renamed into place ({@link AtomicFileWriter}),
     * so a failed or interrupted write leaves no partial bundle.
     *
     * @return the manifest written
     * @throws IllegalStateException if no ensemble was set
     * @throws IOException           if a file cannot be written
     */
    public BundleManifest writeDirectory(Path dir) throws IOException {
        Checks.notNull(dir, "dir");
        if (ensemble == null) {
            throw new IllegalStateException("set the ensemble (single, weightedAverage or stacking) before writing");
        }
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException("bundle directory " + dir + " is not empty");
                }
            }
        }
        return AtomicFileWriter.writeDirectory(dir, this::writeFiles);
    }

    /** Writes the model files and the manifest into the empty directory {@code dir}. */
    private BundleManifest writeFiles(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("models"));
        List<ModelEntry> entries = new ArrayList<>();
        for (Pending p : models.values()) {
            String file = "models/" + fileName(p.metadata().id()) + "." + p.extension();
            Path target = dir.resolve(file);
            p.source().writeTo(target);
            ModelMetadata md = p.metadata();
            entries.add(new ModelEntry(md.id(), md.type(), file, Sha256.of(target), p.role(), md.inputKind(),
                    md.featureCount(), md.sequenceLength(), p.scaler(), p.options()));
        }
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, bundleId, bundleVersion, createdAt,
                featureSpec, featureSpec.hash(), entries, ensemble, Optional.ofNullable(calibration), Optional.ofNullable(trainingWindow),
                Optional.ofNullable(validation), attributes);
        Files.writeString(dir.resolve(ModelBundle.MANIFEST), ManifestJson.write(manifest), StandardCharsets.UTF_8);
        List<String> covered = new ArrayList<>();
        covered.add(ModelBundle.MANIFEST);
        entries.forEach(e -> covered.add(e.file()));
        if (reference != null) {
            Files.writeString(dir.resolve(DriftReference.FILE), reference.toJson(), StandardCharsets.UTF_8);
            covered.add(DriftReference.FILE);
        }
        BundleChecksums.write(dir, covered);
        return manifest;
    }

    /**
     * Writes the bundle as a zip file (the same layout as a directory), replacing {@code zip}
     * atomically ({@link AtomicFileWriter}): a failed write leaves the old file as it was.
     *
     * @return the manifest written
     * @throws IOException if a file cannot be written
     */
    public BundleManifest writeZip(Path zip) throws IOException {
        Checks.notNull(zip, "zip");
        Path staging = Files.createTempDirectory("sextant-bundle-");
        try {
            BundleManifest manifest = writeDirectory(staging);
            List<Path> files;
            try (Stream<Path> s = Files.walk(staging)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            AtomicFileWriter.write(zip, out -> {
                try (ZipOutputStream z = new ZipOutputStream(out)) {
                    for (Path f : files) {
                        z.putNextEntry(new ZipEntry(staging.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, z);
                        z.closeEntry();
                    }
                }
            });
            return manifest;
        } finally {
            deleteTree(staging);
        }
    }

    private static String fileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(BundleWriter.class).warn("could not delete temporary bundle files {}: {}", root,
                    e.getMessage());
        }
    }
}

package dev.sextant.trading.models.bundle;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.bundle.BundleManifest.EnsembleSpec;
import dev.sextant.trading.models.bundle.BundleManifest.ModelEntry;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.ScaledModel;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import dev.sextant.trading.models.ensemble.WeightedAverageEnsemble;
import dev.sextant.trading.models.internal.CheckedModel;
import dev.sextant.trading.models.internal.Sha256;
import dev.sextant.trading.models.internal.ZipExtractor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, verified model bundle: the manifest and the calibrated model it describes.
 *
 * <p>{@link #load} checks, in this order, before any model file reaches an adapter: the bundle's
 * {@value #CHECKSUMS} exists and lists {@value #MANIFEST} with its SHA-256 (the manifest, and so
 * the temperature, scaler means, weights and model list, cannot change unnoticed); the manifest
 * parses (duplicate JSON keys are errors) and is consistent (its recorded feature spec hashes to
 * its recorded hash); the feature spec matches the live feature engine's; every model file lies
 * inside the bundle, is no larger than {@link ModelLimits#maxModelBytes()}, is listed in
 * {@value #CHECKSUMS} with the SHA-256 the manifest records, and has that SHA-256 (a tampered or
 * corrupted file is rejected); an adapter exists for every model type (the error names the missing
 * artifact). Then each model is loaded through its {@link ModelProvider} and its shape is checked
 * against the manifest. No step uses Java deserialization: the manifest is read as a JSON tree, and
 * every model file is read by its adapter.
 *
 * <p>Every model's output, each ensemble member's, and the calibrated output are checked to be
 * probability distributions before anything uses them: a violation is a
 * {@link dev.sextant.trading.models.ModelOutputException} naming the model.
 *
 * <p>A zip bundle is extracted once, to a temporary directory deleted on {@link #close()}, by
 * one extractor that enforces {@link ModelLimits} while inflating (entry count, entry size, total
 * size, inflation ratio) and refuses duplicate entries and entries that would escape the folder.
 * Bundles written before {@value #CHECKSUMS} existed are refused with a message saying how to
 * re-save them ({@link #seal}).
 *
 * <p>{@link #model()} has the thread-safety of the ensemble: one thread at a time.
 */
public final class ModelBundle implements AutoCloseable {

    /** The manifest's file name at the bundle root. */
    public static final String MANIFEST = "manifest.json";
    /** The checksum file at the bundle root, covering the manifest and every model file. */
    public static final String CHECKSUMS = "bundle.sha256";

    private final Path location;
    private final BundleManifest manifest;
    private final Model model;
    private final Path extracted;
    private final Optional<DriftReference> reference;

    private ModelBundle(Path location, BundleManifest manifest, Model model, Path extracted,
            Optional<DriftReference> reference) {
        this.location = location;
        this.manifest = manifest;
        this.model = model;
        this.extracted = extracted;
        this.reference = reference;
    }

    /** A bundle's files on disk: the bundle directory itself, or a temporary extraction of a zip. */
    private record Opened(Path dir, Path extracted) implements AutoCloseable {
        static Opened of(Path bundle, ModelLimits limits) {
            if (Files.isDirectory(bundle)) {
                return new Opened(bundle, null);
            }
            if (!Files.exists(bundle)) {
                throw new ModelLoadException("bundle " + bundle + " does not exist");
            }
            if (!Files.isRegularFile(bundle)) {
                throw new ModelLoadException("bundle " + bundle + " is neither a directory nor a zip file");
            }
            Path dir;
            try {
                dir = Files.createTempDirectory("sextant-bundle-");
            } catch (IOException e) {
                throw new ModelLoadException("cannot create a temporary directory to extract " + bundle + ": "
                        + e.getMessage(), e);
            }
            try {
                ZipExtractor.extract(bundle, dir, limits, "bundle " + bundle);
            } catch (RuntimeException e) {
                BundleWriter.deleteTree(dir);
                throw e;
            }
            return new Opened(dir, dir);
        }

        @Override
        public void close() {
            BundleWriter.deleteTree(extracted);
        }
    }

    /**
     * Reads and checks the manifest of a bundle directory or zip (its checksum included), without
     * verifying or loading model files (for example to learn which feature spec a bundle needs).
     *
     * @throws ModelLoadException if the bundle, its checksum file or manifest is missing,
     *                            malformed, tampered or inconsistent
     */
    public static BundleManifest readManifest(Path bundle) {
        Checks.notNull(bundle, "bundle");
        ModelLimits limits = ModelLimits.defaults();
        try (Opened o = Opened.of(bundle, limits)) {
            return manifestOf(o.dir(), bundle, BundleChecksums.read(o.dir(), bundle), limits);
        }
    }

    /**
     * Verifies a bundle's manifest and model files against their checksums without loading them.
     *
     * @return the manifest
     * @throws ModelLoadException if the manifest is invalid, or a file is missing or tampered
     */
    public static BundleManifest verify(Path bundle) {
        Checks.notNull(bundle, "bundle");
        ModelLimits limits = ModelLimits.defaults();
        try (Opened o = Opened.of(bundle, limits)) {
            BundleChecksums sums = BundleChecksums.read(o.dir(), bundle);
            BundleManifest m = manifestOf(o.dir(), bundle, sums, limits);
            verifyFiles(o.dir(), m, bundle, sums, limits);
            referenceOf(o.dir(), bundle, sums, m, limits);
            return m;
        }
    }

    /**
     * Writes {@value #CHECKSUMS} into a bundle directory that has none, or whose manifest was
     * edited on purpose: the way to re-save a bundle written before checksums covered the
     * manifest. The manifest must parse and every model file must still have the SHA-256 the
     * manifest records, so sealing never blesses a changed model file; only the manifest's own
     * content is taken on trust, so check it before sealing.
     *
     * @return the manifest now covered
     * @throws ModelLoadException if the manifest is invalid or a model file differs from its record
     * @throws IOException        if the checksum file cannot be written
     */
    public static BundleManifest seal(Path dir) throws IOException {
        Checks.notNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("only a bundle directory can be sealed but " + dir + " is not one; unzip it first");
        }
        ModelLimits limits = ModelLimits.defaults();
        BundleManifest m = ManifestJson.read(utf8(readManifestBytes(dir, dir, limits), dir), "bundle " + dir + " " + MANIFEST);
        List<String> files = new ArrayList<>();
        files.add(MANIFEST);
        for (ModelEntry e : m.models()) {
            String actual;
            try {
                actual = Sha256.of(modelFile(dir, e, dir, limits));
            } catch (IOException ex) {
                throw new ModelLoadException("cannot read bundle " + dir + " file " + e.file() + ": " + ex.getMessage(), ex);
            }
            if (!actual.equals(e.sha256())) {
                throw new ModelLoadException("bundle " + dir + " model '" + e.id() + "' file " + e.file() + " has SHA-256 "
                        + actual + " but the manifest records " + e.sha256() + ": refusing to seal a changed model file");
            }
            files.add(e.file());
        }
        if (Files.exists(dir.resolve(DriftReference.FILE))) {
            parseReference(readReferenceBytes(dir, dir, limits), dir, m);
            files.add(DriftReference.FILE);
        }
        BundleChecksums.write(dir, files);
        return m;
    }

    /**
     * Loads and verifies a bundle for a feature engine built from the bundle's own feature spec
     * ({@code manifest().featureSpec()}): the zip, if it is one, is extracted once. Use
     * {@link #load(Path, FeatureSpec)} when the engine already exists.
     *
     * @throws ModelLoadException as {@link #load(Path, FeatureSpec)}, except for the spec check
     */
    public static ModelBundle load(Path bundle) {
        Checks.notNull(bundle, "bundle");
        return load(bundle, null, ModelLimits.defaults());
    }

    /**
     * Loads and verifies a bundle for a live feature engine, under {@link ModelLimits#defaults()}.
     *
     * @param bundle   a bundle directory or zip file
     * @param liveSpec the spec of the feature engine that will feed the model
     * @throws ModelLoadException if anything listed in the class comment fails, with a message
     *                            naming the bundle, the file or field, and what was expected
     */
    public static ModelBundle load(Path bundle, FeatureSpec liveSpec) {
        Checks.notNull(liveSpec, "liveSpec");
        return load(bundle, liveSpec, ModelLimits.defaults());
    }

    /**
     * Loads and verifies a bundle under the given limits.
     *
     * @param bundle   a bundle directory or zip file
     * @param liveSpec the spec of the feature engine that will feed the model, or null to trust
     *                 the bundle's own spec (see {@link #load(Path)})
     * @param limits   zip and model-file size limits
     * @throws ModelLoadException as {@link #load(Path, FeatureSpec)}
     */
    public static ModelBundle load(Path bundle, FeatureSpec liveSpec, ModelLimits limits) {
        Checks.notNull(bundle, "bundle");
        Checks.notNull(limits, "limits");
        Opened opened = Opened.of(bundle, limits);
        Path dir = opened.dir();
        List<Model> loadedModels = new ArrayList<>();
        try {
            BundleChecksums sums = BundleChecksums.read(dir, bundle);
            BundleManifest m = manifestOf(dir, bundle, sums, limits);
            if (liveSpec != null && !m.featureSpecHash().equals(liveSpec.hash())) {
                throw new ModelLoadException("bundle " + bundle + " was trained on feature spec '" + m.featureSpec().name()
                        + "' v" + m.featureSpec().version() + " (" + m.featureSpec().size() + " features, hash "
                        + m.featureSpecHash() + ") but the live feature engine uses '" + liveSpec.name() + "' v"
                        + liveSpec.version() + " (" + liveSpec.size() + " features, hash " + liveSpec.hash()
                        + "): predictions would be wrong; configure the engine with the bundle's spec or retrain");
            }
            verifyFiles(dir, m, bundle, sums, limits);
            Optional<DriftReference> reference = referenceOf(dir, bundle, sums, m, limits);
            Map<String, ModelProvider> providers = new LinkedHashMap<>();
            for (ModelEntry e : m.models()) {
                if (!providers.containsKey(e.type())) {
                    try {
                        providers.put(e.type(), Models.provider(e.type()));
                    } catch (ModelLoadException missing) {
                        throw new ModelLoadException("bundle " + bundle + " model '" + e.id() + "' has type '" + e.type()
                                + "' but no adapter for it is on the class path: add " + Models.artifactFor(e.type()), missing);
                    }
                }
            }
            Map<String, Model> byId = new LinkedHashMap<>();
            for (ModelEntry e : m.models()) {
                Model loaded = providers.get(e.type()).load(dir.resolve(e.file()), e.options());
                loadedModels.add(loaded);
                checkShape(bundle, e, loaded.metadata());
                Model checked = CheckedModel.of(loaded);
                Model ready = e.scaler().<Model>map(s -> new ScaledModel(checked, s)).orElse(checked);
                byId.put(e.id(), ready);
            }
            Model top = assemble(m, byId);
            if (m.calibration().isPresent()) {
                top = new CalibratedModel(top, m.calibration().get());
            }
            return new ModelBundle(bundle, m, top, opened.extracted(), reference);
        } catch (RuntimeException e) {
            for (Model o : loadedModels) {
                try {
                    o.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            opened.close();
            throw e;
        }
    }

    private static Model assemble(BundleManifest m, Map<String, Model> byId) {
        EnsembleSpec spec = m.ensemble();
        List<Model> members = spec.members().stream().map(byId::get).toList();
        Provenance provenance = new Provenance("sextant bundle " + m.bundleId() + " " + m.bundleVersion(),
                m.trainingWindow().map(w -> "trained on " + w.rows() + " rows " + w.from() + " .. " + w.to())
                        .orElse("no training window recorded"),
                0, m.createdAt(), m.attributes());
        return switch (spec.method()) {
            case EnsembleSpec.SINGLE -> members.get(0);
            case EnsembleSpec.WEIGHTED_AVERAGE -> new WeightedAverageEnsemble(m.bundleId(), members,
                    spec.weights().stream().mapToDouble(Double::doubleValue).toArray(), provenance);
            case EnsembleSpec.STACKING -> new StackingEnsemble(m.bundleId(), members, byId.get(spec.metaModel().orElseThrow()),
                    provenance);
            default -> throw new ModelLoadException("unknown ensemble method " + spec.method());
        };
    }

    private static void checkShape(Path bundle, ModelEntry e, ModelMetadata md) {
        if (md.inputKind() != e.inputKind() || md.featureCount() != e.featureCount()
                || md.sequenceLength() != e.sequenceLength()) {
            throw new ModelLoadException("bundle " + bundle + " model '" + e.id() + "' (" + e.file() + ") reads "
                    + md.inputKind() + " " + md.sequenceLength() + " x " + md.featureCount() + " but the manifest says "
                    + e.inputKind() + " " + e.sequenceLength() + " x " + e.featureCount());
        }
    }

    /** Reads the manifest once, checks those very bytes against {@value #CHECKSUMS}, then parses them. */
    private static BundleManifest manifestOf(Path dir, Path bundle, BundleChecksums sums, ModelLimits limits) {
        byte[] bytes = readManifestBytes(dir, bundle, limits);
        sums.verify(MANIFEST, bytes, bundle);
        return ManifestJson.read(utf8(bytes, bundle), "bundle " + bundle + " " + MANIFEST);
    }

    private static byte[] readManifestBytes(Path dir, Path bundle, ModelLimits limits) {
        try {
            return limits.readModelFile(dir.resolve(MANIFEST));
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("bundle " + bundle + " has no " + MANIFEST, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + MANIFEST + " of bundle " + bundle + ": " + e.getMessage(), e);
        }
    }

    private static String utf8(byte[] bytes, Path bundle) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelLoadException("bundle " + bundle + " " + MANIFEST + " is not UTF-8 text", e);
        }
    }

    /** The model file of {@code e}, checked to lie inside the bundle, exist and be within the size limit. */
    private static Path modelFile(Path dir, ModelEntry e, Path bundle, ModelLimits limits) throws IOException {
        Path root = dir.toAbsolutePath().normalize();
        Path file = root.resolve(e.file()).normalize();
        if (!file.startsWith(root)) {
            throw new ModelLoadException("bundle " + bundle + " model '" + e.id() + "' file " + e.file()
                    + " lies outside the bundle");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("bundle " + bundle + " model '" + e.id() + "' file " + e.file()
                    + (Files.exists(file) ? " is not a regular file" : " is missing"));
        }
        long size = Files.size(file);
        if (size > limits.maxModelBytes()) {
            throw new ModelLoadException("bundle " + bundle + " model '" + e.id() + "' file " + e.file() + " has " + size
                    + " bytes, more than the model file limit of " + limits.maxModelBytes() + " ("
                    + ModelLimits.MAX_MODEL_BYTES_PROPERTY + ")");
        }
        return file;
    }

    private static void verifyFiles(Path dir, BundleManifest m, Path bundle, BundleChecksums sums, ModelLimits limits) {
        for (ModelEntry e : m.models()) {
            try {
                modelFile(dir, e, bundle, limits);
            } catch (IOException ex) {
                throw new ModelLoadException("cannot read bundle " + bundle + " file " + e.file() + ": " + ex.getMessage(), ex);
            }
            sums.verify(dir, e.file(), e.sha256(), bundle);
        }
    }

    /**
     * The bundle's {@value DriftReference#FILE}, checked against {@value #CHECKSUMS}, if it has
     * one: a reference present but not listed, listed but missing, or tampered is an error.
     */
    private static Optional<DriftReference> referenceOf(Path dir, Path bundle, BundleChecksums sums, BundleManifest m,
            ModelLimits limits) {
        if (!Files.exists(dir.resolve(DriftReference.FILE))) {
            if (sums.lists(DriftReference.FILE)) {
                throw new ModelLoadException("bundle " + bundle + " " + CHECKSUMS + " lists " + DriftReference.FILE
                        + " but the file is missing");
            }
            return Optional.empty();
        }
        byte[] bytes = readReferenceBytes(dir, bundle, limits);
        sums.verify(DriftReference.FILE, bytes, bundle);
        return Optional.of(parseReference(bytes, bundle, m));
    }

    private static byte[] readReferenceBytes(Path dir, Path bundle, ModelLimits limits) {
        Path file = dir.resolve(DriftReference.FILE);
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException("bundle " + bundle + " " + DriftReference.FILE + " is not a regular file");
        }
        try {
            return limits.readModelFile(file);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read bundle " + bundle + " " + DriftReference.FILE + ": " + e.getMessage(), e);
        }
    }

    private static DriftReference parseReference(byte[] bytes, Path bundle, BundleManifest m) {
        String where = "bundle " + bundle + " " + DriftReference.FILE;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelLoadException(where + " is not UTF-8 text", e);
        }
        DriftReference r = DriftReference.parse(text, where);
        if (!r.featureNames().equals(m.featureSpec().featureNames())) {
            throw new ModelLoadException(where + " describes features " + r.featureNames() + " but the manifest's feature spec '"
                    + m.featureSpec().name() + "' has " + m.featureSpec().featureNames());
        }
        return r;
    }

    /**
     * The reference of the training inputs for drift monitoring and out-of-distribution gating;
     * empty for a bundle written without one (older bundles): drift monitoring is then unavailable.
     */
    public Optional<DriftReference> reference() {
        return reference;
    }

    /** Where the bundle was loaded from. */
    public Path location() {
        return location;
    }

    /** The verified manifest. */
    public BundleManifest manifest() {
        return manifest;
    }

    /**
     * The calibrated ensemble: reads what {@code model().metadata()} says (a vector, or a window
     * as long as the longest member's) of raw, unscaled feature values in the bundle's feature
     * spec order; scaling happens inside.
     */
    public Model model() {
        return model;
    }

    /** Closes every model and deletes extracted files. */
    @Override
    public void close() {
        try {
            model.close();
        } finally {
            BundleWriter.deleteTree(extracted);
        }
    }

    @Override
    public String toString() {
        return "ModelBundle[" + manifest.bundleId() + " " + manifest.bundleVersion() + " from " + location + "]";
    }
}

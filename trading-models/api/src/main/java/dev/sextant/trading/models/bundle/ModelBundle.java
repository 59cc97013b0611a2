package dev.sextant.trading.models.bundle;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.bundle.BundleManifest.EnsembleSpec;
import dev.sextant.trading.models.bundle.BundleManifest.ModelEntry;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.ScaledModel;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import dev.sextant.trading.models.ensemble.WeightedAverageEnsemble;
import dev.sextant.trading.models.internal.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A loaded, verified model bundle: the manifest and the calibrated model it describes.
 *
 * <p>{@link #load} checks, in this order, before any model file reaches an adapter: the manifest
 * parses and is consistent (its recorded feature spec hashes to its recorded hash); the feature
 * spec matches the live feature engine's; every model file exists inside the bundle and has the
 * SHA-256 the manifest records (a tampered or corrupted file is rejected); an adapter exists for
 * every model type (the error names the missing artifact). Then each model is loaded through its
 * {@link ModelProvider} and its shape is checked against the manifest. No step uses Java
 * deserialization: the manifest is read as a JSON tree, and every model file is read by its
 * adapter.
 *
 * <p>A zip bundle is extracted to a temporary directory (entries that would escape it are
 * rejected), deleted on {@link #close()}.
 *
 * <p>{@link #model()} has the thread-safety of the ensemble: one thread at a time.
 */
public final class ModelBundle implements AutoCloseable {

    /** The manifest's file name at the bundle root. */
    public static final String MANIFEST = "manifest.json";

    private static final long MAX_ZIP_BYTES = 4L << 30;
    private static final int MAX_ZIP_ENTRIES = 10_000;

    private final Path location;
    private final BundleManifest manifest;
    private final Model model;
    private final Path extracted;

    private ModelBundle(Path location, BundleManifest manifest, Model model, Path extracted) {
        this.location = location;
        this.manifest = manifest;
        this.model = model;
        this.extracted = extracted;
    }

    /**
     * Reads and checks the manifest of a bundle directory or zip, without verifying or loading
     * model files (for example to learn which feature spec a bundle needs).
     *
     * @throws ModelLoadException if the bundle or manifest is missing, malformed or inconsistent
     */
    public static BundleManifest readManifest(Path bundle) {
        Checks.notNull(bundle, "bundle");
        Path dir = null;
        try {
            dir = Files.isDirectory(bundle) ? bundle : extract(bundle);
            return manifestOf(dir, bundle);
        } finally {
            if (dir != null && dir != bundle) {
                BundleWriter.deleteTree(dir);
            }
        }
    }

    /**
     * Verifies a bundle's model files against their checksums without loading them.
     *
     * @return the manifest
     * @throws ModelLoadException if the manifest is invalid, or a file is missing or tampered
     */
    public static BundleManifest verify(Path bundle) {
        Checks.notNull(bundle, "bundle");
        Path dir = null;
        try {
            dir = Files.isDirectory(bundle) ? bundle : extract(bundle);
            BundleManifest m = manifestOf(dir, bundle);
            verifyFiles(dir, m, bundle);
            return m;
        } finally {
            if (dir != null && dir != bundle) {
                BundleWriter.deleteTree(dir);
            }
        }
    }

    /**
     * Loads and verifies a bundle for a live feature engine.
     *
     * @param bundle   a bundle directory or zip file
     * @param liveSpec the spec of the feature engine that will feed the model
     * @throws ModelLoadException if anything listed in the class comment fails, with a message
     *                            naming the bundle, the file or field, and what was expected
     */
    public static ModelBundle load(Path bundle, FeatureSpec liveSpec) {
        Checks.notNull(bundle, "bundle");
        Checks.notNull(liveSpec, "liveSpec");
        Path dir = Files.isDirectory(bundle) ? bundle : extract(bundle);
        Path extracted = dir == bundle ? null : dir;
        List<Model> opened = new ArrayList<>();
        try {
            BundleManifest m = manifestOf(dir, bundle);
            if (!m.featureSpecHash().equals(liveSpec.hash())) {
                throw new ModelLoadException("bundle " + bundle + " was trained on feature spec '" + m.featureSpec().name()
                        + "' v" + m.featureSpec().version() + " (" + m.featureSpec().size() + " features, hash "
                        + m.featureSpecHash() + ") but the live feature engine uses '" + liveSpec.name() + "' v"
                        + liveSpec.version() + " (" + liveSpec.size() + " features, hash " + liveSpec.hash()
                        + "): predictions would be wrong; configure the engine with the bundle's spec or retrain");
            }
            verifyFiles(dir, m, bundle);
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
                opened.add(loaded);
                checkShape(bundle, e, loaded.metadata());
                Model ready = e.scaler().<Model>map(s -> new ScaledModel(loaded, s)).orElse(loaded);
                byId.put(e.id(), ready);
            }
            Model top = assemble(m, byId);
            if (m.calibration().isPresent()) {
                top = new CalibratedModel(top, m.calibration().get());
            }
            return new ModelBundle(bundle, m, top, extracted);
        } catch (RuntimeException e) {
            for (Model o : opened) {
                try {
                    o.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            BundleWriter.deleteTree(extracted);
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

    private static BundleManifest manifestOf(Path dir, Path bundle) {
        Path file = dir.resolve(MANIFEST);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("bundle " + bundle + " has no " + MANIFEST, e);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read " + MANIFEST + " of bundle " + bundle + ": " + e.getMessage(), e);
        }
        return ManifestJson.read(text, "bundle " + bundle + " " + MANIFEST);
    }

    private static void verifyFiles(Path dir, BundleManifest m, Path bundle) {
        Path root = dir.toAbsolutePath().normalize();
        for (ModelEntry e : m.models()) {
            Path file = root.resolve(e.file()).normalize();
            if (!file.startsWith(root)) {
                throw new ModelLoadException("bundle " + bundle + " model '" + e.id() + "' file " + e.file()
                        + " lies outside the bundle");
            }
            if (!Files.isRegularFile(file)) {
                throw new ModelLoadException("bundle " + bundle + " model '" + e.id() + "' file " + e.file() + " is missing");
            }
            String actual;
            try {
                actual = Sha256.of(file);
            } catch (IOException ex) {
                throw new ModelLoadException("cannot read bundle " + bundle + " file " + e.file() + ": " + ex.getMessage(), ex);
            }
            if (!actual.equals(e.sha256())) {
                throw new ModelLoadException("bundle " + bundle + " model '" + e.id() + "' file " + e.file()
                        + " has SHA-256 " + actual + " but the manifest records " + e.sha256()
                        + ": the file was modified or corrupted; refusing to load it");
            }
        }
    }

    private static Path extract(Path zip) {
        if (!Files.isRegularFile(zip)) {
            throw new ModelLoadException("bundle " + zip + " is neither a directory nor a zip file");
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("sextant-bundle-");
        } catch (IOException e) {
            throw new ModelLoadException("cannot create a temporary directory to extract " + zip + ": " + e.getMessage(), e);
        }
        Path root = dir.toAbsolutePath().normalize();
        long total = 0;
        int entries = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry entry = z.getNextEntry(); entry != null; entry = z.getNextEntry()) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new ModelLoadException("bundle " + zip + " has more than " + MAX_ZIP_ENTRIES + " entries");
                }
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new ModelLoadException("bundle " + zip + " entry '" + entry.getName() + "' would extract outside the bundle");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (var out = Files.newOutputStream(target)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n = z.read(buffer); n >= 0; n = z.read(buffer)) {
                        total += n;
                        if (total > MAX_ZIP_BYTES) {
                            throw new ModelLoadException("bundle " + zip + " expands to more than " + MAX_ZIP_BYTES + " bytes");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
            if (entries == 0) {
                throw new ModelLoadException("bundle " + zip + " is not a zip file or is empty");
            }
        } catch (IOException e) {
            BundleWriter.deleteTree(dir);
            throw new ModelLoadException("bundle " + zip + " is not a readable zip file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            BundleWriter.deleteTree(dir);
            throw e;
        }
        return dir;
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

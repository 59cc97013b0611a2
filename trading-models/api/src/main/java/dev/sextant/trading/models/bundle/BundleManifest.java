package dev.sextant.trading.models.bundle;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contents of a bundle's {@code manifest.json}: everything needed to rebuild and trace the
 * calibrated model. See {@code docs/models.md} for the JSON layout. Immutable and thread-safe.
 *
 * @param formatVersion   the manifest format, {@value #FORMAT_VERSION} for bundles this code writes
 * @param bundleId        bundle id, e.g. {@code "btc-1m-stack"}
 * @param bundleVersion   bundle version chosen by the author, e.g. {@code "2026.11.21-1"}
 * @param createdAt       creation time
 * @param featureSpec     the feature spec the models read
 * @param featureSpecHash {@code featureSpec.hash()} as recorded at training time
 * @param models          every model file (bases and meta-learner), distinct ids and files
 * @param ensemble        how the models are combined
 * @param calibration     the calibrator applied to the ensemble output, if any
 * @param trainingWindow  the rows the models were trained on; empty for a bundle whose models
 *                        learned nothing from bars (a rule, or a model trained elsewhere whose
 *                        data is not known), written without a {@code trainingWindow} key
 * @param validation      held-out metrics, if measured
 * @param attributes      further facts (tool version, seed, labeler settings)
 */
public record BundleManifest(int formatVersion, String bundleId, String bundleVersion, Instant createdAt,
        FeatureSpec featureSpec, String featureSpecHash, List<ModelEntry> models, EnsembleSpec ensemble,
        Optional<Calibrator> calibration, Optional<TimeWindow> trainingWindow, Optional<ValidationReport> validation,
        Map<String, String> attributes) {

    /** The manifest format version this code reads and writes. */
    public static final int FORMAT_VERSION = 1;
    /** The class order of every bundle. */
    public static final List<String> CLASSES = List.of("SELL", "HOLD", "BUY");

    /** Validates and copies; checks that the ensemble refers only to listed models. */
    public BundleManifest {
        Checks.positive(formatVersion, "formatVersion");
        Checks.notBlank(bundleId, "bundleId");
        Checks.notBlank(bundleVersion, "bundleVersion");
        Checks.notNull(createdAt, "createdAt");
        Checks.notNull(featureSpec, "featureSpec");
        Checks.notBlank(featureSpecHash, "featureSpecHash");
        models = List.copyOf(Checks.notNull(models, "models"));
        Checks.positive(models.size(), "number of models");
        Checks.notNull(ensemble, "ensemble");
        Checks.notNull(calibration, "calibration");
        Checks.notNull(trainingWindow, "trainingWindow");
        Checks.notNull(validation, "validation");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(attributes, "attributes")));
        Set<String> ids = new HashSet<>();
        Set<String> files = new HashSet<>();
        for (ModelEntry m : models) {
            if (!ids.add(m.id())) {
                throw new IllegalArgumentException("model id '" + m.id() + "' appears twice in the manifest");
            }
            if (!files.add(m.file())) {
                throw new IllegalArgumentException("model file '" + m.file() + "' appears twice in the manifest");
            }
            if (m.featureCount() != featureSpec.size() && m.role() == Role.BASE) {
                throw new IllegalArgumentException("model '" + m.id() + "' reads " + m.featureCount()
                        + " features but the feature spec has " + featureSpec.size());
            }
        }
        List<String> members = ensemble.members();
        for (String id : members) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("ensemble member '" + id + "' is not a listed model");
            }
            if (entry(models, id).role() != Role.BASE) {
                throw new IllegalArgumentException("ensemble member '" + id + "' must have role base");
            }
        }
        if (ensemble.metaModel().isPresent()) {
            String meta = ensemble.metaModel().get();
            if (!ids.contains(meta)) {
                throw new IllegalArgumentException("meta-learner '" + meta + "' is not a listed model");
            }
            ModelEntry e = entry(models, meta);
            if (e.role() != Role.META || e.featureCount() != 3 * members.size()) {
                throw new IllegalArgumentException("meta-learner '" + meta + "' must have role meta and read "
                        + 3 * members.size() + " values but has role " + e.role() + " and reads " + e.featureCount());
            }
        }
        for (ModelEntry m : models) {
            boolean used = members.contains(m.id()) || ensemble.metaModel().map(m.id()::equals).orElse(false);
            if (!used) {
                throw new IllegalArgumentException("model '" + m.id() + "' is listed but not used by the ensemble");
            }
        }
    }

    private static ModelEntry entry(List<ModelEntry> models, String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow();
    }

    /** The entry with {@code id}. @throws IllegalArgumentException if there is none */
    public ModelEntry model(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model '" + id + "' in bundle " + bundleId));
    }

    /** Whether a model is an ensemble member or the stacking meta-learner. */
    public enum Role {
        /** Reads feature vectors or windows; a member of the ensemble. */
        BASE,
        /** The stacking meta-learner; reads base-model probabilities. */
        META
    }

    /**
     * One model file in the bundle.
     *
     * @param id             model id
     * @param type           adapter type id ({@code onnx}, {@code xgboost}, {@code logistic}, {@code smile-rf}...)
     * @param file           path inside the bundle, relative, forward slashes, no {@code ..}
     * @param sha256         lowercase hex SHA-256 of the file
     * @param role           base or meta
     * @param inputKind      vector or window
     * @param featureCount   values per vector
     * @param sequenceLength vectors per window (1 for vector models)
     * @param scaler         standardisation applied before the model, if any
     * @param options        options passed to the adapter on load
     */
    public record ModelEntry(String id, String type, String file, String sha256, Role role, InputKind inputKind,
            int featureCount, int sequenceLength, Optional<StandardScaler> scaler, Map<String, String> options) {

        /** Validates and copies. */
        public ModelEntry {
            Checks.notBlank(id, "id");
            Checks.notBlank(type, "type");
            Checks.notBlank(file, "file");
            checkRelative(file);
            Checks.notBlank(sha256, "sha256");
            if (!sha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("sha256 of model '" + id + "' must be 64 lowercase hex digits but was '"
                        + sha256 + "'");
            }
            Checks.notNull(role, "role");
            Checks.notNull(inputKind, "inputKind");
            Checks.positive(featureCount, "featureCount");
            Checks.positive(sequenceLength, "sequenceLength");
            if (inputKind == InputKind.VECTOR && sequenceLength != 1) {
                throw new IllegalArgumentException("model '" + id + "' is a vector model but has sequenceLength "
                        + sequenceLength);
            }
            Checks.notNull(scaler, "scaler");
            scaler.ifPresent(s -> {
                if (s.featureCount() != featureCount) {
                    throw new IllegalArgumentException("scaler of model '" + id + "' has " + s.featureCount()
                            + " features but the model reads " + featureCount);
                }
            });
            options = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(options, "options")));
        }

        private static void checkRelative(String file) {
            if (file.startsWith("/") || file.contains("\\") || file.contains(":")) {
                throw new IllegalArgumentException("model file '" + file + "' must be a relative path with forward slashes");
            }
            for (String part : file.split("/")) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    throw new IllegalArgumentException("model file '" + file + "' must not contain empty, '.' or '..' parts");
                }
            }
            if (file.equals("manifest.json")) {
                throw new IllegalArgumentException("a model file must not be named manifest.json");
            }
        }
    }

    /**
     * How the base models are combined.
     *
     * @param method    {@code single} (one member), {@code weighted-average} or {@code stacking}
     * @param members   base model ids in order
     * @param weights   for weighted average, one weight per member; empty otherwise
     * @param metaModel for stacking, the meta-learner's model id; empty otherwise
     */
    public record EnsembleSpec(String method, List<String> members, List<Double> weights, Optional<String> metaModel) {

        /** {@code single}. */
        public static final String SINGLE = "single";
        /** {@code weighted-average}. */
        public static final String WEIGHTED_AVERAGE = "weighted-average";
        /** {@code stacking}. */
        public static final String STACKING = "stacking";

        /** Validates and copies. */
        public EnsembleSpec {
            Checks.notBlank(method, "method");
            members = List.copyOf(Checks.notNull(members, "members"));
            weights = List.copyOf(Checks.notNull(weights, "weights"));
            Checks.notNull(metaModel, "metaModel");
            Checks.positive(members.size(), "number of ensemble members");
            if (new HashSet<>(members).size() != members.size()) {
                throw new IllegalArgumentException("ensemble members must be distinct but were " + members);
            }
            switch (method) {
                case SINGLE -> {
                    if (members.size() != 1 || !weights.isEmpty() || metaModel.isPresent()) {
                        throw new IllegalArgumentException("a single-model ensemble has exactly one member, no weights and no meta-learner");
                    }
                }
                case WEIGHTED_AVERAGE -> {
                    if (weights.size() != members.size() || metaModel.isPresent()) {
                        throw new IllegalArgumentException("a weighted average needs one weight per member and no meta-learner");
                    }
                    weights.forEach(w -> Checks.nonNegative(w, "weight"));
                }
                case STACKING -> {
                    if (!weights.isEmpty() || metaModel.isEmpty()) {
                        throw new IllegalArgumentException("stacking needs a meta-learner and no weights");
                    }
                }
                default -> throw new IllegalArgumentException("ensemble method must be single, weighted-average or stacking but was '"
                        + method + "'");
            }
        }

        /** One model used alone. */
        public static EnsembleSpec single(String id) {
            return new EnsembleSpec(SINGLE, List.of(id), List.of(), Optional.empty());
        }

        /** A weighted average. */
        public static EnsembleSpec weightedAverage(List<String> members, double[] weights) {
            List<Double> w = new ArrayList<>();
            for (double v : weights) {
                w.add(v);
            }
            return new EnsembleSpec(WEIGHTED_AVERAGE, members, w, Optional.empty());
        }

        /** Stacking with a meta-learner. */
        public static EnsembleSpec stacking(List<String> members, String metaModel) {
            return new EnsembleSpec(STACKING, members, List.of(), Optional.of(metaModel));
        }
    }

    /**
     * A span of rows by time.
     *
     * @param from first row's time (bar open time)
     * @param to   last row's time, not before {@code from}
     * @param rows number of rows, positive
     */
    public record TimeWindow(Instant from, Instant to, int rows) {
        /** Validates. */
        public TimeWindow {
            Checks.notNull(from, "from");
            Checks.notNull(to, "to");
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("window ends " + to + " before it starts " + from);
            }
            Checks.positive(rows, "rows");
        }
    }

    /**
     * Metrics measured on held-out rows that neither training nor calibration used.
     *
     * @param window  the held-out rows
     * @param metrics by name, e.g. {@code ensemble}, {@code ensemble-calibrated}, or a base model id
     */
    public record ValidationReport(TimeWindow window, Map<String, ClassificationMetrics> metrics) {
        /** Validates and copies. */
        public ValidationReport {
            Checks.notNull(window, "window");
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(Checks.notNull(metrics, "metrics")));
        }
    }
}

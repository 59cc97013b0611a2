package dev.sextant.trading.models.bundle;

import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.bundle.BundleManifest.EnsembleSpec;
import dev.sextant.trading.models.bundle.BundleManifest.ModelEntry;
import dev.sextant.trading.models.bundle.BundleManifest.Role;
import dev.sextant.trading.models.bundle.BundleManifest.TimeWindow;
import dev.sextant.trading.models.bundle.BundleManifest.ValidationReport;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.calibration.FitWindow;
import dev.sextant.trading.models.calibration.IsotonicCalibration;
import dev.sextant.trading.models.calibration.PlattScaling;
import dev.sextant.trading.models.calibration.TemperatureScaling;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.internal.Json;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Reads and writes {@link BundleManifest} as JSON using only the tree model. */
final class ManifestJson {

    private ManifestJson() {
    }

    static String write(BundleManifest m) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("formatVersion", m.formatVersion());
        root.put("bundleId", m.bundleId());
        root.put("bundleVersion", m.bundleVersion());
        root.put("createdAt", m.createdAt().toString());
        ArrayNode classes = root.putArray("classes");
        BundleManifest.CLASSES.forEach(classes::add);
        root.set("featureSpec", Json.MAPPER.readTree(m.featureSpec().toJson()));
        root.put("featureSpecHash", m.featureSpecHash());
        ArrayNode models = root.putArray("models");
        for (ModelEntry e : m.models()) {
            ObjectNode n = models.addObject();
            n.put("id", e.id());
            n.put("type", e.type());
            n.put("file", e.file());
            n.put("sha256", e.sha256());
            n.put("role", e.role().name().toLowerCase(Locale.ROOT));
            n.put("inputKind", e.inputKind().name());
            n.put("featureCount", e.featureCount());
            n.put("sequenceLength", e.sequenceLength());
            e.scaler().ifPresent(s -> {
                ObjectNode sc = n.putObject("scaler");
                Json.putDoubles(sc, "mean", s.mean());
                Json.putDoubles(sc, "scale", s.scale());
            });
            ObjectNode options = n.putObject("options");
            e.options().forEach(options::put);
        }
        ObjectNode ens = root.putObject("ensemble");
        ens.put("method", m.ensemble().method());
        ArrayNode members = ens.putArray("members");
        m.ensemble().members().forEach(members::add);
        if (!m.ensemble().weights().isEmpty()) {
            ArrayNode w = ens.putArray("weights");
            m.ensemble().weights().forEach(w::add);
        }
        m.ensemble().metaModel().ifPresent(meta -> {
            ens.put("metaModel", meta);
            ens.put("metaInputs", "log-probabilities");
        });
        m.calibration().ifPresent(c -> root.set("calibration", calibration(c)));
        m.trainingWindow().ifPresent(w -> root.set("trainingWindow", window(w)));
        m.validation().ifPresent(v -> {
            ObjectNode val = root.putObject("validation");
            val.set("window", window(v.window()));
            ObjectNode metrics = val.putObject("metrics");
            v.metrics().forEach((name, cm) -> metrics.set(name, Json.MAPPER.valueToTree(cm.toMap())));
        });
        ObjectNode attrs = root.putObject("attributes");
        m.attributes().forEach(attrs::put);
        return Json.write(root);
    }

    private static ObjectNode window(TimeWindow w) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("from", w.from().toString());
        n.put("to", w.to().toString());
        n.put("rows", w.rows());
        return n;
    }

    private static ObjectNode calibration(Calibrator c) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("method", c.method());
        switch (c) {
            case TemperatureScaling t -> n.put("temperature", t.temperature());
            case PlattScaling p -> {
                Json.putDoubles(n, "slopes", p.slopes());
                Json.putDoubles(n, "intercepts", p.intercepts());
            }
            case IsotonicCalibration iso -> {
                ArrayNode xs = n.putArray("x");
                ArrayNode ys = n.putArray("y");
                for (int k = 0; k < 3; k++) {
                    ArrayNode x = xs.addArray();
                    for (double v : iso.knotsX(k)) {
                        x.add(v);
                    }
                    ArrayNode y = ys.addArray();
                    for (double v : iso.knotsY(k)) {
                        y.add(v);
                    }
                }
            }
        }
        ObjectNode fit = n.putObject("fittedOn");
        fit.put("firstKey", c.fittedOn().firstKey());
        fit.put("lastKey", c.fittedOn().lastKey());
        fit.put("rows", c.fittedOn().rows());
        return n;
    }

    /**
     * Parses a manifest.
     *
     * @param where names the manifest in errors
     * @throws ModelLoadException naming the field for anything missing, malformed or inconsistent
     */
    static BundleManifest read(String text, String where) {
        JsonNode root = Json.parse(text, where);
        if (!root.isObject()) {
            throw new ModelLoadException(where + " must hold a JSON object");
        }
        int formatVersion = Json.intValue(root, "formatVersion", where);
        if (formatVersion != BundleManifest.FORMAT_VERSION) {
            throw new ModelLoadException(where + ": manifest format version " + formatVersion
                    + " is not supported (this reader knows " + BundleManifest.FORMAT_VERSION + ")");
        }
        JsonNode classes = Json.array(root, "classes", where);
        List<String> order = new ArrayList<>();
        classes.forEach(c -> order.add(c.asString()));
        if (!order.equals(BundleManifest.CLASSES)) {
            throw new ModelLoadException(where + ": class order must be " + BundleManifest.CLASSES + " but was " + order);
        }
        FeatureSpec spec;
        try {
            spec = FeatureSpec.fromJson(Json.object(root, "featureSpec", where).toString());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": featureSpec is invalid: " + e.getMessage(), e);
        }
        String specHash = Json.string(root, "featureSpecHash", where);
        if (!spec.hash().equals(specHash)) {
            throw new ModelLoadException(where + ": featureSpecHash " + specHash + " does not match the hash "
                    + spec.hash() + " of the featureSpec it records: the manifest was edited or corrupted");
        }
        try {
            List<ModelEntry> models = new ArrayList<>();
            JsonNode list = Json.array(root, "models", where);
            for (int i = 0; i < list.size(); i++) {
                models.add(entry(list.get(i), where + ".models[" + i + "]"));
            }
            JsonNode ens = Json.object(root, "ensemble", where);
            List<String> members = new ArrayList<>();
            Json.array(ens, "members", where + ".ensemble").forEach(v -> members.add(v.asString()));
            List<Double> weights = new ArrayList<>();
            if (ens.has("weights")) {
                for (double w : Json.doubles(ens, "weights", where + ".ensemble")) {
                    weights.add(w);
                }
            }
            Optional<String> meta = ens.has("metaModel") ? Optional.of(Json.string(ens, "metaModel", where + ".ensemble"))
                    : Optional.empty();
            if (meta.isPresent() && !"log-probabilities".equals(Json.string(ens, "metaInputs", where + ".ensemble"))) {
                throw new ModelLoadException(where + ": ensemble.metaInputs must be 'log-probabilities'");
            }
            EnsembleSpec ensemble = new EnsembleSpec(Json.string(ens, "method", where + ".ensemble"), members, weights, meta);
            Optional<Calibrator> calibration = root.has("calibration") && !root.get("calibration").isNull()
                    ? Optional.of(calibrator(Json.object(root, "calibration", where), where + ".calibration"))
                    : Optional.empty();
            Optional<TimeWindow> training = root.has("trainingWindow") && !root.get("trainingWindow").isNull()
                    ? Optional.of(window(Json.object(root, "trainingWindow", where), where + ".trainingWindow"))
                    : Optional.empty();
            Optional<ValidationReport> validation = Optional.empty();
            if (root.has("validation") && !root.get("validation").isNull()) {
                JsonNode v = Json.object(root, "validation", where);
                Map<String, ClassificationMetrics> metrics = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : Json.object(v, "metrics", where + ".validation").properties()) {
                    metrics.put(e.getKey(), metrics(e.getValue(), where + ".validation.metrics." + e.getKey()));
                }
                validation = Optional.of(new ValidationReport(window(Json.object(v, "window", where + ".validation"),
                        where + ".validation.window"), metrics));
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            if (root.has("attributes")) {
                Json.object(root, "attributes", where).properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asString()));
            }
            return new BundleManifest(formatVersion, Json.string(root, "bundleId", where),
                    Json.string(root, "bundleVersion", where), instant(root, "createdAt", where), spec, specHash, models,
                    ensemble, calibration, training, validation, attributes);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": " + e.getMessage(), e);
        }
    }

    private static ModelEntry entry(JsonNode n, String where) {
        Role role;
        String roleName = Json.string(n, "role", where);
        try {
            role = Role.valueOf(roleName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": role must be base or meta but was '" + roleName + "'");
        }
        InputKind kind;
        String kindName = Json.string(n, "inputKind", where);
        try {
            kind = InputKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": inputKind must be VECTOR or WINDOW but was '" + kindName + "'");
        }
        Optional<StandardScaler> scaler = Optional.empty();
        if (n.has("scaler") && !n.get("scaler").isNull()) {
            JsonNode s = Json.object(n, "scaler", where);
            scaler = Optional.of(new StandardScaler(Json.doubles(s, "mean", where + ".scaler"),
                    Json.doubles(s, "scale", where + ".scaler")));
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (n.has("options")) {
            Json.object(n, "options", where).properties().forEach(e -> options.put(e.getKey(), e.getValue().asString()));
        }
        return new ModelEntry(Json.string(n, "id", where), Json.string(n, "type", where), Json.string(n, "file", where),
                Json.string(n, "sha256", where), role, kind, Json.intValue(n, "featureCount", where),
                Json.intValue(n, "sequenceLength", where), scaler, options);
    }

    private static Calibrator calibrator(JsonNode n, String where) {
        JsonNode fit = Json.object(n, "fittedOn", where);
        FitWindow window = new FitWindow(Json.integer(fit, "firstKey", where + ".fittedOn"),
                Json.integer(fit, "lastKey", where + ".fittedOn"), Json.intValue(fit, "rows", where + ".fittedOn"));
        String method = Json.string(n, "method", where);
        return switch (method) {
            case "temperature" -> new TemperatureScaling(Json.number(n, "temperature", where), window);
            case "platt" -> new PlattScaling(Json.doubles(n, "slopes", where), Json.doubles(n, "intercepts", where), window);
            case "isotonic" -> new IsotonicCalibration(Json.matrixRagged(n, "x", where), Json.matrixRagged(n, "y", where),
                    window);
            default -> throw new ModelLoadException(where + ": calibration method must be temperature, platt or isotonic but was '"
                    + method + "'");
        };
    }

    private static TimeWindow window(JsonNode n, String where) {
        return new TimeWindow(instant(n, "from", where), instant(n, "to", where), Json.intValue(n, "rows", where));
    }

    private static Instant instant(JsonNode n, String field, String where) {
        String v = Json.string(n, field, where);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ModelLoadException(where + ": field '" + field + "' must be an ISO-8601 instant but was '" + v + "'", e);
        }
    }

    private static ClassificationMetrics metrics(JsonNode n, String where) {
        int[][] counts = Json.counts(n, "confusion", where);
        return new ClassificationMetrics(Json.intValue(n, "rows", where), Json.number(n, "accuracy", where),
                Json.doubles(n, "precision", where), Json.doubles(n, "recall", where), Json.doubles(n, "f1", where), counts,
                Json.number(n, "logLoss", where), Json.number(n, "brier", where), Json.number(n, "ece", where));
    }
}

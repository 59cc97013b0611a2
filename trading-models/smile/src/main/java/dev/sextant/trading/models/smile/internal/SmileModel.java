package dev.sextant.trading.models.smile.internal;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.smile.SmileModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectOutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import smile.classification.Classifier;
import smile.classification.LogisticRegression;
import smile.classification.OneVersusRest;
import smile.classification.RandomForest;
import smile.data.Tuple;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A trained Smile classifier behind the Sextant {@link dev.sextant.trading.models.Model} API.
 * Holds scratch buffers: one thread at a time. Nothing native to close.
 */
public final class SmileModel implements TrainedModel {

    /** The format name written into saved files. */
    static final String FORMAT = "sextant-smile";
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final ModelMetadata metadata;
    private final Object classifier;
    private final int[] classes;
    private final double[] input;
    private final double[] posterior;

    SmileModel(String type, String id, Object classifier, int featureCount, Provenance provenance) {
        this.metadata = new ModelMetadata(id, type, InputKind.VECTOR, featureCount, 1, false, provenance);
        this.classifier = Checks.notNull(classifier, "classifier");
        this.classes = switch (type) {
            case SmileModels.RANDOM_FOREST -> ((RandomForest) classifier).classes();
            case SmileModels.SVM -> ((OneVersusRest<?>) classifier).classes();
            case SmileModels.LOGISTIC -> ((LogisticRegression) classifier).classes();
            default -> throw new IllegalArgumentException("not a Smile model type: " + type);
        };
        for (int c : classes) {
            if (c < 0 || c > 2) {
                throw new IllegalArgumentException("Smile model " + id + " has class label " + c + " outside [0, 2]");
            }
        }
        this.input = new double[featureCount];
        this.posterior = new double[classes.length];
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    @SuppressWarnings("unchecked")
    public double predict(float[] x, double[] probabilities) {
        ModelInputException.check(metadata, x);
        for (int j = 0; j < x.length; j++) {
            input[j] = x[j];
        }
        switch (metadata.type()) {
            case SmileModels.RANDOM_FOREST -> {
                RandomForest rf = (RandomForest) classifier;
                rf.predict(Tuple.of(rf.schema(), input), posterior);
            }
            default -> ((Classifier<double[]>) classifier).predict(input, posterior);
        }
        probabilities[0] = 0;
        probabilities[1] = 0;
        probabilities[2] = 0;
        double sum = 0;
        for (int k = 0; k < classes.length; k++) {
            double p = Math.max(0, posterior[k]);
            probabilities[classes[k]] = p;
            sum += p;
        }
        if (!(sum > 0)) {
            throw new IllegalStateException("Smile model " + metadata.id() + " returned no probability mass");
        }
        probabilities[0] /= sum;
        probabilities[1] /= sum;
        probabilities[2] /= sum;
        return Double.NaN;
    }

    /**
     * Writes the model as JSON with the classifier serialised in Base64, replacing {@code file}
     * atomically ({@link AtomicFileWriter}): a failed or interrupted save leaves the previous file
     * as it was and no temporary file behind.
     *
     * @throws IOException naming the file and the reason if it cannot be written
     */
    @Override
    public void save(Path file) throws IOException {
        Checks.notNull(file, "file");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(classifier);
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", 1);
        root.put("type", metadata.type());
        root.put("id", metadata.id());
        root.put("featureCount", metadata.featureCount());
        root.put("smileVersion", smileVersion());
        ObjectNode prov = root.putObject("provenance");
        Provenance p = metadata.provenance();
        prov.put("trainer", p.trainer());
        prov.put("data", p.dataDescription());
        prov.put("seed", p.seed());
        prov.put("created", p.created().toString());
        ObjectNode attrs = prov.putObject("attributes");
        p.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> attrs.put(e.getKey(), e.getValue()));
        root.put("model", Base64.getEncoder().encodeToString(bytes.toByteArray()));
        AtomicFileWriter.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    @Override
    public String fileExtension() {
        return "smile.json";
    }

    /** Nothing native to release. */
    @Override
    public void close() {
        // Pure Java.
    }

    static String smileVersion() {
        String v = RandomForest.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /**
     * Loads a saved Smile model.
     *
     * @param expectedType the type the caller's provider serves, or null to accept any Smile type
     * @throws ModelLoadException if the file is missing, not JSON, of another format or type, or its
     *                            serialized model is corrupt or names a class outside the allow-list
     */
    public static SmileModel load(Path file, String expectedType) {
        String where = String.valueOf(file);
        String text;
        try {
            text = ModelLimits.defaults().readModelText(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("Smile model file not found: " + where, e);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read Smile model " + where + ": " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new ModelLoadException(where + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelLoadException(where + " must hold a JSON object");
        }
        if (!FORMAT.equals(text(root, "format", where))) {
            throw new ModelLoadException(where + ": format must be '" + FORMAT + "' but was '" + text(root, "format", where) + "'");
        }
        if (root.path("version").asInt(-1) != 1) {
            throw new ModelLoadException(where + ": unsupported " + FORMAT + " version " + root.get("version"));
        }
        String type = text(root, "type", where);
        if (expectedType != null && !expectedType.equals(type)) {
            throw new ModelLoadException(where + ": holds a " + type + " model but was loaded as " + expectedType);
        }
        Class<?> expectedClass = switch (type) {
            case SmileModels.RANDOM_FOREST -> RandomForest.class;
            case SmileModels.SVM -> OneVersusRest.class;
            case SmileModels.LOGISTIC -> LogisticRegression.class;
            default -> throw new ModelLoadException(where + ": unknown Smile model type '" + type + "'");
        };
        int featureCount = root.path("featureCount").asInt(-1);
        if (featureCount <= 0) {
            throw new ModelLoadException(where + ": featureCount must be a positive integer but was " + root.get("featureCount"));
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(text(root, "model", where));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": field 'model' is not valid base64", e);
        }
        Object classifier;
        try {
            classifier = SafeObjectInput.read(payload);
        } catch (InvalidClassException e) {
            throw new ModelLoadException(where + ": the serialized model was rejected by the deserialization allow-list ("
                    + e.getMessage() + ")", e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ModelLoadException(where + ": the serialized model is corrupt: " + e, e);
        }
        if (!expectedClass.isInstance(classifier)) {
            throw new ModelLoadException(where + ": expected a " + expectedClass.getName() + " but found "
                    + classifier.getClass().getName());
        }
        JsonNode prov = root.path("provenance");
        Map<String, String> attributes = new LinkedHashMap<>();
        prov.path("attributes").properties().forEach(e -> attributes.put(e.getKey(), e.getValue().asString()));
        Instant created;
        try {
            created = Instant.parse(prov.path("created").asString(Instant.EPOCH.toString()));
        } catch (DateTimeParseException e) {
            throw new ModelLoadException(where + ": provenance.created is not an ISO-8601 instant", e);
        }
        Provenance provenance = new Provenance(prov.path("trainer").asString("smile " + smileVersion()),
                prov.path("data").asString(""), prov.path("seed").asLong(0), created, attributes);
        try {
            SmileModel model = new SmileModel(type, text(root, "id", where), classifier, featureCount, provenance);
            int expectedFeatures = expectedFeatureCount(classifier);
            if (expectedFeatures >= 0 && expectedFeatures != featureCount) {
                throw new ModelLoadException(where + ": featureCount " + featureCount + " does not match the model's "
                        + expectedFeatures + " inputs");
            }
            return model;
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": " + e.getMessage(), e);
        }
    }

    private static int expectedFeatureCount(Object classifier) {
        if (classifier instanceof RandomForest rf) {
            return rf.schema().length();
        }
        return -1;
    }

    private static String text(JsonNode root, String field, String where) {
        JsonNode v = root.get(field);
        if (v == null || !v.isString()) {
            throw new ModelLoadException(where + ": field '" + field + "' must be a string"
                    + (v == null ? " but is missing" : " but was " + v.getNodeType()));
        }
        return v.stringValue();
    }

    @Override
    public String toString() {
        return "SmileModel[" + metadata.type() + " " + metadata.id() + "]";
    }
}

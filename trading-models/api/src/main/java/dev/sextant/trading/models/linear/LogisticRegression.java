package dev.sextant.trading.models.linear;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.Softmax;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.internal.Json;
import dev.sextant.trading.models.internal.Lbfgs;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Multinomial logistic regression in pure Java: {@code p = softmax(W x + b)} over SELL, HOLD, BUY.
 * Model type id {@value #TYPE}; it is the default stacking meta-learner and a useful linear
 * baseline on standardised features.
 *
 * <p>{@link #train} minimises the class-weighted mean cross-entropy plus
 * {@code (l2 / 2) * ||W||^2} (the intercepts are not penalised) with L-BFGS. The objective is
 * strictly convex for {@code l2 > 0}, so the fit is deterministic and independent of the seed.
 *
 * <p>Saved as JSON ({@code "format": "sextant-logistic"}, version 1) with weights, intercepts,
 * feature count and provenance; {@link #load} validates every field.
 *
 * <p>Immutable after construction; {@link #predict} allocates nothing and is thread-safe.
 */
public final class LogisticRegression implements TrainedModel {

    /** The model type id. */
    public static final String TYPE = "logistic";
    /** The format name written into saved files. */
    public static final String FORMAT = "sextant-logistic";

    private final ModelMetadata metadata;
    private final double[][] weights;
    private final double[] intercepts;

    /**
     * A model with known coefficients.
     *
     * @param id         model id
     * @param weights    {@code [3][featureCount]} finite weights, SELL, HOLD, BUY rows
     * @param intercepts three finite intercepts
     * @param provenance where the coefficients came from
     */
    public LogisticRegression(String id, double[][] weights, double[] intercepts, Provenance provenance) {
        Checks.notNull(weights, "weights");
        Checks.notNull(intercepts, "intercepts");
        if (weights.length != 3 || intercepts.length != 3) {
            throw new IllegalArgumentException("weights and intercepts must have 3 rows (SELL, HOLD, BUY) but had "
                    + weights.length + " and " + intercepts.length);
        }
        int features = Checks.notNull(weights[0], "weights[0]").length;
        Checks.positive(features, "featureCount");
        this.weights = new double[3][];
        for (int c = 0; c < 3; c++) {
            Checks.notNull(weights[c], "weights[" + c + "]");
            if (weights[c].length != features) {
                throw new IllegalArgumentException("weights[" + c + "] has " + weights[c].length + " values but weights[0] has "
                        + features);
            }
            for (int j = 0; j < features; j++) {
                Checks.finite(weights[c][j], "weights[" + c + "][" + j + "]");
            }
            Checks.finite(intercepts[c], "intercepts[" + c + "]");
            this.weights[c] = weights[c].clone();
        }
        this.intercepts = intercepts.clone();
        this.metadata = new ModelMetadata(id, TYPE, InputKind.VECTOR, features, 1, false, provenance);
    }

    /**
     * Trains on {@code data}.
     *
     * @param data   training rows and class weights (a validation split is not used)
     * @param id     model id
     * @param l2     L2 penalty on the weights, positive
     * @param maxIterations L-BFGS iteration limit, positive
     */
    public static LogisticRegression train(TrainingSet data, String id, double l2, int maxIterations) {
        Checks.notNull(data, "data");
        Checks.positive(l2, "l2");
        Checks.positive(maxIterations, "maxIterations");
        int n = data.size();
        int f = data.featureCount();
        double[] rowWeight = data.rowWeights();
        double totalWeight = 0;
        for (double w : rowWeight) {
            totalWeight += w;
        }
        final double norm = totalWeight;
        double[] theta = new double[3 * (f + 1)];
        Lbfgs.Objective objective = (x, g) -> {
            java.util.Arrays.fill(g, 0);
            double loss = 0;
            double[] z = new double[3];
            for (int i = 0; i < n; i++) {
                float[] row = data.row(i);
                for (int c = 0; c < 3; c++) {
                    int o = c * (f + 1);
                    double s = x[o + f];
                    for (int j = 0; j < f; j++) {
                        s += x[o + j] * row[j];
                    }
                    z[c] = s;
                }
                double m = Math.max(z[0], Math.max(z[1], z[2]));
                double e0 = Math.exp(z[0] - m);
                double e1 = Math.exp(z[1] - m);
                double e2 = Math.exp(z[2] - m);
                double sum = e0 + e1 + e2;
                int y = data.label(i);
                double w = rowWeight[i] / norm;
                loss += w * (Math.log(sum) + m - z[y]);
                double[] p = {e0 / sum, e1 / sum, e2 / sum};
                for (int c = 0; c < 3; c++) {
                    double r = w * (p[c] - (c == y ? 1 : 0));
                    int o = c * (f + 1);
                    for (int j = 0; j < f; j++) {
                        g[o + j] += r * row[j];
                    }
                    g[o + f] += r;
                }
            }
            for (int c = 0; c < 3; c++) {
                int o = c * (f + 1);
                for (int j = 0; j < f; j++) {
                    loss += 0.5 * l2 * x[o + j] * x[o + j];
                    g[o + j] += l2 * x[o + j];
                }
            }
            return loss;
        };
        new Lbfgs(10, maxIterations, 1e-7).minimise(objective, theta);
        double[][] w = new double[3][f];
        double[] b = new double[3];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(theta, c * (f + 1), w[c], 0, f);
            b[c] = theta[c * (f + 1) + f];
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("l2", Double.toString(l2));
        attributes.put("maxIterations", Integer.toString(maxIterations));
        attributes.put("classWeights", java.util.Arrays.toString(data.classWeights()));
        Provenance provenance = new Provenance("sextant logistic regression (L-BFGS)",
                n + " rows x " + f + " features", 0, Instant.now(), attributes);
        return new LogisticRegression(id, w, b, provenance);
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @throws ModelLoadException if the file is missing, not JSON, of another format, or has a
     *                            missing or invalid field (named in the message)
     */
    public static LogisticRegression load(Path file) {
        String where = String.valueOf(file);
        return fromJson(Json.parse(readText(file, "logistic"), where), where, FORMAT);
    }

    /** The text of a model file, bounded by the model size limit; errors name {@code kind} and the file. */
    static String readText(Path file, String kind) {
        try {
            return ModelLimits.defaults().readModelText(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(kind + " model file not found: " + file, e);
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException("cannot read " + kind + " model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the fields {@link #toJson} writes from {@code root}, whose {@code format} must be
     * {@code format}; errors name {@code where} and the field.
     */
    static LogisticRegression fromJson(JsonNode root, String where, String format) {
        String found = Json.string(root, "format", where);
        if (!format.equals(found)) {
            throw new ModelLoadException(where + ": format must be '" + format + "' but was '" + found + "'");
        }
        long version = Json.integer(root, "version", where);
        if (version != 1) {
            throw new ModelLoadException(where + ": unsupported " + format + " version " + version + " (this reader knows 1)");
        }
        double[][] w = Json.matrix(root, "weights", where);
        double[] b = Json.doubles(root, "intercepts", where);
        int features = Json.intValue(root, "featureCount", where);
        if (w.length != 3 || b.length != 3 || w[0].length != features) {
            throw new ModelLoadException(where + ": expected 3 x " + features + " weights and 3 intercepts but found "
                    + w.length + " x " + (w.length == 0 ? 0 : w[0].length) + " and " + b.length);
        }
        JsonNode prov = Json.object(root, "provenance", where);
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode attrs = prov.get("attributes");
        if (attrs != null && attrs.isObject()) {
            for (Map.Entry<String, JsonNode> e : attrs.properties()) {
                attributes.put(e.getKey(), e.getValue().asString());
            }
        }
        Instant created;
        try {
            created = Instant.parse(Json.string(prov, "created", where + ".provenance"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new ModelLoadException(where + ": provenance.created is not an ISO-8601 instant", e);
        }
        Provenance provenance = new Provenance(Json.string(prov, "trainer", where + ".provenance"),
                Json.string(prov, "data", where + ".provenance"), Json.integer(prov, "seed", where + ".provenance"),
                created, attributes);
        try {
            return new LogisticRegression(Json.string(root, "id", where), w, b, provenance);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Path file) throws IOException {
        AtomicFileWriter.writeString(file, Json.write(toJson(FORMAT, metadata.provenance())));
    }

    /** This model as the JSON {@link #fromJson} reads, with {@code format} and {@code provenance}. */
    ObjectNode toJson(String format, Provenance p) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", format);
        root.put("version", 1);
        root.put("id", metadata.id());
        root.put("featureCount", metadata.featureCount());
        root.putArray("classes").add("SELL").add("HOLD").add("BUY");
        var rows = root.putArray("weights");
        for (double[] row : weights) {
            var a = rows.addArray();
            for (double v : row) {
                a.add(v);
            }
        }
        Json.putDoubles(root, "intercepts", intercepts);
        ObjectNode prov = root.putObject("provenance");
        prov.put("trainer", p.trainer());
        prov.put("data", p.dataDescription());
        prov.put("seed", p.seed());
        prov.put("created", p.created().toString());
        ObjectNode attrs = prov.putObject("attributes");
        p.attributes().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> attrs.put(e.getKey(), e.getValue()));
        return root;
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The weights of class {@code c} (a copy). */
    public double[] weights(int c) {
        return weights[Checks.inRange(c, 0, 2, "class")].clone();
    }

    /** The intercepts (a copy). */
    public double[] intercepts() {
        return intercepts.clone();
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        ModelInputException.check(metadata, input);
        double z0 = linear(0, input);
        double z1 = linear(1, input);
        double z2 = linear(2, input);
        Softmax.apply(z0, z1, z2, probabilities, 0);
        return Double.NaN;
    }

    /**
     * Predicts from the {@code featureCount} values of {@code input} starting at {@code offset};
     * the caller has checked the input. Allocates nothing.
     */
    void predictFrom(float[] input, int offset, double[] probabilities) {
        Softmax.apply(linear(0, input, offset), linear(1, input, offset), linear(2, input, offset), probabilities, 0);
    }

    private double linear(int c, float[] x) {
        return linear(c, x, 0);
    }

    private double linear(int c, float[] x, int offset) {
        double[] w = weights[c];
        double s = intercepts[c];
        for (int j = 0; j < w.length; j++) {
            s += w[j] * x[offset + j];
        }
        return s;
    }

    /** Nothing native to release. */
    @Override
    public void close() {
        // Pure Java: no resources.
    }

    @Override
    public String toString() {
        return "LogisticRegression[" + metadata.id() + ", features=" + metadata.featureCount() + "]";
    }
}

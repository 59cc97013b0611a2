package dev.sextant.trading.models.drift;

import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ensemble.StandardScaler;
import dev.sextant.trading.models.internal.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@value DriftReference#FILE} format: {@code format} (1), {@code features} (an array of
 * grids: {@code name}, {@code count}, {@code edges}, {@code proportions}), {@code prediction} (a
 * grid), {@code loss} ({@code mean}, {@code sd}, {@code rows}) and {@code ood} ({@code neighbours},
 * {@code quantile}, {@code threshold}, {@code mean}, {@code scale}, {@code samples}). Every error
 * names the file and the field.
 */
final class ReferenceJson {

    private ReferenceJson() {
    }

    static String write(DriftReference r) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("format", DriftReference.FORMAT_VERSION);
        ArrayNode features = root.putArray("features");
        for (ReferenceHistogram h : r.features()) {
            grid(features.addObject(), h);
        }
        grid(root.putObject("prediction"), r.prediction());
        ObjectNode loss = root.putObject("loss");
        loss.put("mean", r.loss().mean());
        loss.put("sd", r.loss().sd());
        loss.put("rows", r.loss().rows());
        ObjectNode ood = root.putObject("ood");
        OodReference o = r.ood();
        ood.put("neighbours", o.neighbours());
        ood.put("quantile", o.quantile());
        ood.put("threshold", o.threshold());
        Json.putDoubles(ood, "mean", o.scaler().mean());
        Json.putDoubles(ood, "scale", o.scaler().scale());
        ArrayNode samples = ood.putArray("samples");
        for (int i = 0; i < o.sampleCount(); i++) {
            ArrayNode row = samples.addArray();
            for (int j = 0; j < o.featureCount(); j++) {
                row.add(o.sample(i, j));
            }
        }
        return Json.write(root);
    }

    private static void grid(ObjectNode node, ReferenceHistogram h) {
        node.put("name", h.name());
        node.put("count", h.count());
        Json.putDoubles(node, "edges", h.edges());
        Json.putDoubles(node, "proportions", h.proportions());
    }

    static DriftReference read(String text, String where) {
        JsonNode root = Json.parse(text, where);
        if (!root.isObject()) {
            throw new ModelLoadException(where + " must hold a JSON object but held " + root.getNodeType());
        }
        long format = Json.integer(root, "format", where);
        if (format != DriftReference.FORMAT_VERSION) {
            throw new ModelLoadException(where + ": field 'format' must be " + DriftReference.FORMAT_VERSION + " but was "
                    + format);
        }
        JsonNode features = Json.array(root, "features", where);
        List<ReferenceHistogram> grids = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            grids.add(grid(features.get(i), where + ": features[" + i + "]"));
        }
        ReferenceHistogram prediction = grid(Json.object(root, "prediction", where), where + ": prediction");
        JsonNode lossNode = Json.object(root, "loss", where);
        String lossWhere = where + ": loss";
        LossReference loss = valid(lossWhere, () -> new LossReference(Json.number(lossNode, "mean", lossWhere),
                Json.number(lossNode, "sd", lossWhere), Json.integer(lossNode, "rows", lossWhere)));
        JsonNode oodNode = Json.object(root, "ood", where);
        String oodWhere = where + ": ood";
        int neighbours = Json.intValue(oodNode, "neighbours", oodWhere);
        double quantile = Json.number(oodNode, "quantile", oodWhere);
        double threshold = Json.number(oodNode, "threshold", oodWhere);
        StandardScaler scaler = valid(oodWhere, () -> new StandardScaler(Json.doubles(oodNode, "mean", oodWhere),
                Json.doubles(oodNode, "scale", oodWhere)));
        double[][] rows = Json.matrix(oodNode, "samples", oodWhere);
        float[][] samples = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            samples[i] = new float[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                samples[i][j] = (float) rows[i][j];
            }
        }
        OodReference ood = valid(oodWhere, () -> new OodReference(scaler, samples, neighbours, quantile, threshold));
        return valid(where, () -> new DriftReference(grids, prediction, loss, ood));
    }

    private static ReferenceHistogram grid(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new ModelLoadException(where + " must be an object");
        }
        String name = Json.string(node, "name", where);
        long count = Json.integer(node, "count", where);
        double[] edges = Json.doubles(node, "edges", where);
        double[] proportions = Json.doubles(node, "proportions", where);
        return valid(where, () -> new ReferenceHistogram(name, count, edges, proportions));
    }

    private static <T> T valid(String where, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelLoadException(where + ": " + e.getMessage(), e);
        }
    }
}

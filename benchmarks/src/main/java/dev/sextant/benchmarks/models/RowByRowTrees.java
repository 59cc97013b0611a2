package dev.sextant.benchmarks.models;

import dev.sextant.trading.models.xgboost.XGBoostTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmarks' anchor for the tree evaluator: {@link XGBoostTrees}' single-row walk as it was
 * before blocked evaluation (commit 9a9106c), kept here only so that before and after are
 * measured in the same JMH run. Three ints per node (left child or -1 for a leaf, feature with
 * the default-left flag in bit 31, threshold or leaf bits), trees breadth first, a loop that
 * stops at a leaf. Reads a {@code gbtree} XGBoost JSON model with a scalar base score (the
 * reference model); {@link #checkSameAs} proves it predicts what {@link XGBoostTrees} predicts.
 */
final class RowByRowTrees {

    private static final int DEFAULT_LEFT = 1 << 31;
    private static final int FEATURE_MASK = ~DEFAULT_LEFT;

    private final float base;
    private final int[] treeRoot;
    private final int[] treeClass;
    private final int[] nodes;

    private RowByRowTrees(float base, int[] treeRoot, int[] treeClass, int[] nodes) {
        this.base = base;
        this.treeRoot = treeRoot;
        this.treeClass = treeClass;
        this.nodes = nodes;
    }

    static RowByRowTrees read(Path json) throws IOException {
        JsonNode learner = JsonMapper.builder().build().readTree(Files.readAllBytes(json)).get("learner");
        float base = Float.parseFloat(learner.get("learner_model_param").get("base_score").asString());
        JsonNode model = learner.get("gradient_booster").get("model");
        JsonNode trees = model.get("trees");
        int total = 0;
        for (JsonNode tree : trees) {
            total += tree.get("left_children").size();
        }
        int[] roots = new int[trees.size()];
        int[] classes = new int[trees.size()];
        int[] nodes = new int[3 * total];
        int offset = 0;
        for (int t = 0; t < trees.size(); t++) {
            JsonNode tree = trees.get(t);
            classes[t] = model.get("tree_info").get(t).asInt();
            int[] left = ints(tree.get("left_children"));
            int[] right = ints(tree.get("right_children"));
            int[] feature = ints(tree.get("split_indices"));
            int[] defaultLeft = ints(tree.get("default_left"));
            JsonNode cond = tree.get("split_conditions");
            roots[t] = offset;
            int size = left.length;
            int[] order = new int[size];
            int[] renumbered = new int[size];
            int filled = 1;
            for (int k = 0; k < filled; k++) {
                int n = order[k];
                if (left[n] != -1) {
                    renumbered[left[n]] = filled;
                    order[filled++] = left[n];
                    renumbered[right[n]] = filled;
                    order[filled++] = right[n];
                }
            }
            for (int k = 0; k < size; k++) {
                int n = order[k];
                int at = 3 * (offset + k);
                nodes[at + 2] = Float.floatToRawIntBits((float) cond.get(n).asDouble());
                if (left[n] == -1) {
                    nodes[at] = -1;
                } else {
                    nodes[at] = offset + renumbered[left[n]];
                    nodes[at + 1] = feature[n] | (defaultLeft[n] != 0 ? DEFAULT_LEFT : 0);
                }
            }
            offset += size;
        }
        return new RowByRowTrees(base, roots, classes, nodes);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    /** Throws unless this anchor gives {@code trees}' probabilities bit for bit on every row. */
    RowByRowTrees checkSameAs(XGBoostTrees trees, float[][] rows) {
        double[] expected = new double[3];
        double[] actual = new double[3];
        for (int i = 0; i < rows.length; i++) {
            trees.probabilities(rows[i], expected);
            probabilities(rows[i], actual, 0);
            for (int c = 0; c < 3; c++) {
                if (Double.doubleToRawLongBits(expected[c]) != Double.doubleToRawLongBits(actual[c])) {
                    throw new IllegalStateException("the row-by-row anchor differs from XGBoostTrees on row " + i
                            + ", class " + c + ": " + actual[c] + " vs " + expected[c]);
                }
            }
        }
        return this;
    }

    void probabilities(float[] row, double[] probabilities, int offset) {
        float m0 = base;
        float m1 = base;
        float m2 = base;
        for (int t = 0; t < treeRoot.length; t++) {
            float leaf = leaf(treeRoot[t], row);
            switch (treeClass[t]) {
                case 0 -> m0 += leaf;
                case 1 -> m1 += leaf;
                default -> m2 += leaf;
            }
        }
        float max = Math.max(m0, Math.max(m1, m2));
        float e0 = (float) Math.exp(m0 - max);
        float e1 = (float) Math.exp(m1 - max);
        float e2 = (float) Math.exp(m2 - max);
        double sum = (double) e0 + e1 + e2;
        float s = (float) sum;
        probabilities[offset] = e0 / s;
        probabilities[offset + 1] = e1 / s;
        probabilities[offset + 2] = e2 / s;
    }

    private float leaf(int node, float[] row) {
        int[] nodes = this.nodes;
        int at = 3 * node;
        int left;
        while ((left = nodes[at]) >= 0) {
            int split = nodes[at + 1];
            float v = row[split & FEATURE_MASK];
            int right = v < Float.intBitsToFloat(nodes[at + 2]) ? 0 : 1;
            if (v != v) {
                right = split < 0 ? 0 : 1;
            }
            at = 3 * (left + right);
        }
        return Float.intBitsToFloat(nodes[at + 2]);
    }
}

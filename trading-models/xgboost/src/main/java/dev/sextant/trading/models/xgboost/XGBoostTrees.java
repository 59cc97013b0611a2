package dev.sextant.trading.models.xgboost;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelLoadException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A pure-Java evaluator of the trees in an XGBoost JSON or UBJ model: no native code, no
 * allocation per row, and the same probabilities as XGBoost.
 *
 * <p>Supported: the {@code gbtree} booster (and {@code dart}, whose saved weights are folded
 * into its leaves) with numerical splits, objective {@code multi:softprob} or
 * {@code multi:softmax} with 3 classes in SELL, HOLD, BUY order. Categorical splits, vector
 * leaves and linear boosters are rejected when the model is read.
 *
 * <p>Evaluation follows XGBoost's CPU predictor exactly: inputs are float32; a node sends a
 * value left when {@code value < split_condition} compared in float32; a missing value
 * ({@link Float#NaN}) follows the node's default direction; each class margin starts at the
 * model's base score and adds the leaf of every tree of that class in tree order, in float32; the
 * probabilities are the softmax of the margins. Infinite values are ordinary values, as in
 * XGBoost.
 *
 * <p>Many rows at once ({@link #probabilities(float[][], double[])}) are evaluated in blocks of
 * eight rows that walk each tree together, with the same results bit for bit as one row at a
 * time.
 *
 * <p>Immutable and thread-safe.
 */
public final class XGBoostTrees {

    /** Number of classes a Sextant model predicts. */
    static final int CLASSES = 3;
    /** Rows walked through each tree together by {@link #probabilities(float[][], double[])}. */
    static final int BLOCK = 8;
    /** Ints per node in {@link #nodes}. */
    private static final int NODE_INTS = 4;
    /** The threshold of a leaf: no value is {@code >=} NaN, so a leaf always steps to itself. */
    private static final int LEAF_THRESHOLD = Float.floatToRawIntBits(Float.NaN);

    private final int featureCount;
    private final String objective;
    private final float[] baseMargin;
    private final int[] treeRoot;
    private final int[] treeClass;
    /** Levels of each tree: every row reaches a leaf after exactly this many steps from the root. */
    private final int[] treeDepth;
    /**
     * Every node of every tree, four ints per node: the absolute index of its left child (the
     * right child is the next node), the split feature, the float bits of the split threshold,
     * and the float bits of the leaf value. A leaf is its own left child with feature 0 and a
     * NaN threshold, so a step from a leaf stays on it: a tree is then walked by a fixed number
     * of steps ({@link #treeDepth}) without a test for leaves, which lets several rows walk the
     * same tree in lock step. Trees are laid out breadth first with sibling nodes adjacent, so
     * one visit reads one 16-byte slot and the branch to the right child is an addition.
     */
    private final int[] nodes;
    /** Per node, 1 when a missing value goes right, 0 when it goes left (always 0 for a leaf). */
    private final byte[] missingRight;
    private final Map<String, String> attributes;
    private final String version;

    private XGBoostTrees(int featureCount, String objective, float[] baseMargin, int[] treeRoot, int[] treeClass,
            int[] treeDepth, int[] nodes, byte[] missingRight, Map<String, String> attributes, String version) {
        this.featureCount = featureCount;
        this.objective = objective;
        this.baseMargin = baseMargin;
        this.treeRoot = treeRoot;
        this.treeClass = treeClass;
        this.treeDepth = treeDepth;
        this.nodes = nodes;
        this.missingRight = missingRight;
        this.attributes = Map.copyOf(attributes);
        this.version = version;
    }

    /**
     * Reads a model file, JSON or UBJ (told apart by content, not by name).
     *
     * @throws ModelLoadException if the file is missing, unreadable, corrupted, or not a
     *                            supported 3-class tree model
     */
    public static XGBoostTrees read(Path file) {
        Checks.notNull(file, "file");
        try {
            return parse(ModelLimits.defaults().readModelFile(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("XGBoost model file not found: " + file, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read XGBoost model file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a model from its bytes, JSON or UBJ.
     *
     * @param source named in errors (file name or bundle entry)
     * @throws ModelLoadException if the bytes are not a supported 3-class tree model
     */
    public static XGBoostTrees parse(byte[] model, String source) {
        Checks.notNull(model, "model");
        Checks.notNull(source, "source");
        if (model.length == 0) {
            throw new ModelLoadException(source + ": the file is empty");
        }
        Object root = ModelDocument.parse(model, source);
        return fromDocument(ModelDocument.object(root, "$", source), source);
    }

    private static XGBoostTrees fromDocument(Map<String, Object> root, String source) {
        Map<String, Object> learner = obj(root, "learner", "$", source);
        String version = root.containsKey("version") ? versionText(root.get("version")) : "unknown";
        Map<String, Object> params = obj(learner, "learner_model_param", "learner", source);
        // Read as long and compared as long: a num_class of 4294967299 is not 3.
        long numClass = ModelDocument.integer(
                ModelDocument.member(params, "num_class", "learner.learner_model_param", source),
                "learner.learner_model_param.num_class", source);
        long numFeatureValue = ModelDocument.integer(
                ModelDocument.member(params, "num_feature", "learner.learner_model_param", source),
                "learner.learner_model_param.num_feature", source);
        if (params.containsKey("num_target")) {
            long targets = ModelDocument.integer(params.get("num_target"), "learner.learner_model_param.num_target",
                    source);
            if (targets != 1) {
                throw new ModelLoadException(source + ": multi-target models are not supported (num_target="
                        + targets + ")");
            }
        }
        Map<String, Object> objectiveObj = obj(learner, "objective", "learner", source);
        String objective = ModelDocument.text(ModelDocument.member(objectiveObj, "name", "learner.objective", source),
                "learner.objective.name", source);
        if (!objective.equals("multi:softprob") && !objective.equals("multi:softmax")) {
            throw new ModelLoadException(source + ": objective " + objective + " is not a multi-class classifier; "
                    + "Sextant needs multi:softprob (or multi:softmax) with num_class=3");
        }
        if (numClass != CLASSES) {
            throw new ModelLoadException(source + ": num_class is " + numClass + " but a Sextant model has 3 classes "
                    + "(SELL, HOLD, BUY)");
        }
        if (numFeatureValue <= 0 || numFeatureValue > Integer.MAX_VALUE) {
            throw new ModelLoadException(source + ": num_feature must be from 1 to " + Integer.MAX_VALUE + " but is "
                    + numFeatureValue);
        }
        int numFeature = (int) numFeatureValue;
        float[] base = baseScore(ModelDocument.text(
                ModelDocument.member(params, "base_score", "learner.learner_model_param", source),
                "learner.learner_model_param.base_score", source), source);
        for (int c = 0; c < CLASSES; c++) {
            if (!Float.isFinite(base[c])) {
                throw new ModelLoadException(source + ": learner.learner_model_param.base_score of class " + c
                        + " is not finite: " + base[c] + "; every prediction would be NaN");
            }
        }

        Map<String, Object> booster = obj(learner, "gradient_booster", "learner", source);
        String boosterName = ModelDocument.text(ModelDocument.member(booster, "name", "learner.gradient_booster",
                source), "learner.gradient_booster.name", source);
        Map<String, Object> model;
        float[] weightDrop = null;
        switch (boosterName) {
            case "gbtree" -> model = obj(booster, "model", "learner.gradient_booster", source);
            case "dart" -> {
                Map<String, Object> gbtree = obj(booster, "gbtree", "learner.gradient_booster", source);
                model = obj(gbtree, "model", "learner.gradient_booster.gbtree", source);
                weightDrop = ModelDocument.floats(ModelDocument.member(booster, "weight_drop",
                        "learner.gradient_booster", source), "learner.gradient_booster.weight_drop", source);
            }
            default -> throw new ModelLoadException(source + ": booster " + boosterName
                    + " is not a tree booster; only gbtree and dart models can be evaluated");
        }
        String modelPath = boosterName.equals("dart") ? "learner.gradient_booster.gbtree.model"
                : "learner.gradient_booster.model";
        List<?> trees = ModelDocument.list(ModelDocument.member(model, "trees", modelPath, source),
                modelPath + ".trees", source);
        int[] treeInfo = ModelDocument.ints(ModelDocument.member(model, "tree_info", modelPath, source),
                modelPath + ".tree_info", source);
        if (treeInfo.length != trees.size()) {
            throw new ModelLoadException(source + ": " + trees.size() + " trees but " + treeInfo.length
                    + " tree_info entries");
        }
        if (weightDrop != null && weightDrop.length != trees.size()) {
            throw new ModelLoadException(source + ": " + trees.size() + " trees but " + weightDrop.length
                    + " dart weights");
        }

        int totalNodes = 0;
        Tree[] parsed = new Tree[trees.size()];
        for (int t = 0; t < parsed.length; t++) {
            parsed[t] = Tree.parse(trees.get(t), modelPath + ".trees[" + t + "]", numFeature, source);
            totalNodes = Math.addExact(totalNodes, parsed[t].left.length);
            if (treeInfo[t] < 0 || treeInfo[t] >= CLASSES) {
                throw new ModelLoadException(source + ": tree " + t + " belongs to class " + treeInfo[t]
                        + ", outside [0, 2]");
            }
        }
        checkMarginsFinite(parsed, treeInfo, weightDrop, base, source);
        int[] roots = new int[parsed.length];
        int[] depths = new int[parsed.length];
        int[] nodes = new int[Math.multiplyExact(totalNodes, NODE_INTS)];
        byte[] missingRight = new byte[totalNodes];
        int offset = 0;
        for (int t = 0; t < parsed.length; t++) {
            Tree tree = parsed[t];
            roots[t] = offset;
            // Breadth-first renumbering: the root is 0 and each internal node's children get the
            // next two free numbers, left then right.
            int size = tree.left.length;
            int[] order = new int[size];
            int[] renumbered = new int[size];
            int[] level = new int[size];
            int filled = 1;
            for (int k = 0; k < filled; k++) {
                int n = order[k];
                if (tree.left[n] != -1) {
                    renumbered[tree.left[n]] = filled;
                    level[filled] = level[k] + 1;
                    order[filled++] = tree.left[n];
                    renumbered[tree.right[n]] = filled;
                    level[filled] = level[k] + 1;
                    order[filled++] = tree.right[n];
                }
            }
            depths[t] = level[size - 1];
            for (int k = 0; k < size; k++) {
                int n = order[k];
                int at = NODE_INTS * (offset + k);
                if (tree.left[n] == -1) {
                    // DART scales each tree's output by its weight; XGBoost multiplies in float32.
                    float leaf = weightDrop == null ? tree.value[n] : tree.value[n] * weightDrop[t];
                    nodes[at] = offset + k;
                    nodes[at + 2] = LEAF_THRESHOLD;
                    nodes[at + 3] = Float.floatToRawIntBits(leaf);
                } else {
                    nodes[at] = offset + renumbered[tree.left[n]];
                    nodes[at + 1] = tree.feature[n];
                    nodes[at + 2] = Float.floatToRawIntBits(tree.value[n]);
                    missingRight[offset + k] = (byte) (tree.defaultLeft[n] ? 0 : 1);
                }
            }
            offset += size;
        }
        Map<String, String> attributes = new java.util.TreeMap<>();
        if (learner.get("attributes") instanceof Map<?, ?> attrs) {
            for (Map.Entry<?, ?> e : attrs.entrySet()) {
                if (e.getValue() != null) {
                    attributes.put(String.valueOf(e.getKey()),
                            ModelDocument.text(e.getValue(), "learner.attributes." + e.getKey(), source));
                }
            }
        }
        return new XGBoostTrees(numFeature, objective, base, roots, treeInfo.clone(), depths, nodes, missingRight,
                attributes, version);
    }

    /**
     * Checks that no input can drive a class margin to infinity: the base score plus the largest
     * leaf (in absolute value, after any DART weight) of every tree of the class stays below half
     * the float32 range, which leaves room for float32 rounding in the sum. Each leaf was already
     * checked to be finite.
     */
    private static void checkMarginsFinite(Tree[] trees, int[] treeInfo, float[] weightDrop, float[] base, String source) {
        double[] bound = new double[CLASSES];
        for (int c = 0; c < CLASSES; c++) {
            bound[c] = Math.abs(base[c]);
        }
        for (int t = 0; t < trees.length; t++) {
            Tree tree = trees[t];
            double largest = 0;
            for (int n = 0; n < tree.left.length; n++) {
                if (tree.left[n] == -1) {
                    float leaf = weightDrop == null ? tree.value[n] : tree.value[n] * weightDrop[t];
                    if (!Float.isFinite(leaf)) {
                        throw new ModelLoadException(source + ": tree " + t + " leaf " + n + " is not finite after its"
                                + " DART weight: " + tree.value[n] + " x " + weightDrop[t]);
                    }
                    largest = Math.max(largest, Math.abs(leaf));
                }
            }
            bound[treeInfo[t]] += largest;
        }
        for (int c = 0; c < CLASSES; c++) {
            if (!(bound[c] < Float.MAX_VALUE / 2)) {
                throw new ModelLoadException(source + ": the margin of class " + c + " can reach " + bound[c]
                        + " (base score plus the largest leaf of each tree), beyond the float32 range; "
                        + "predictions could be infinite or NaN");
            }
        }
    }

    private static String versionText(Object v) {
        if (v instanceof int[] a) {
            return a.length == 3 ? a[0] + "." + a[1] + "." + a[2] : java.util.Arrays.toString(a);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (Object o : l) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(o instanceof ModelDocument.JsonNumber n ? n.text() : String.valueOf(o));
            }
            return sb.toString();
        }
        return String.valueOf(v);
    }

    /**
     * The initial margin of each class. XGBoost stores {@code base_score} as a string, a scalar
     * such as {@code "5E-1"} or, in newer versions, a per-class vector {@code "[...]"}; for the
     * multi-class objectives it is already a margin (their probability-to-margin map is the
     * identity).
     */
    private static float[] baseScore(String text, String source) {
        String s = text.strip();
        try {
            if (s.startsWith("[")) {
                String inner = s.substring(1, s.length() - 1).strip();
                String[] parts = inner.isEmpty() ? new String[0] : inner.split(",");
                if (parts.length == 1) {
                    float v = Float.parseFloat(parts[0].strip());
                    return new float[] {v, v, v};
                }
                if (parts.length != CLASSES) {
                    throw new ModelLoadException(source + ": base_score has " + parts.length
                            + " values but the model has 3 classes");
                }
                float[] b = new float[CLASSES];
                for (int i = 0; i < CLASSES; i++) {
                    b[i] = Float.parseFloat(parts[i].strip());
                }
                return b;
            }
            float v = Float.parseFloat(s);
            return new float[] {v, v, v};
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new ModelLoadException(source + ": base_score is not a number: " + text, e);
        }
    }

    private static Map<String, Object> obj(Map<String, Object> parent, String key, String path, String source) {
        return ModelDocument.object(ModelDocument.member(parent, key, path, source), path + "." + key, source);
    }

    /** One tree, validated: children in range, every node reachable once, no cycles. */
    private record Tree(int[] left, int[] right, int[] feature, boolean[] defaultLeft, float[] value) {

        static Tree parse(Object doc, String path, int numFeature, String source) {
            Map<String, Object> t = ModelDocument.object(doc, path, source);
            int[] left = ModelDocument.ints(ModelDocument.member(t, "left_children", path, source),
                    path + ".left_children", source);
            int[] right = ModelDocument.ints(ModelDocument.member(t, "right_children", path, source),
                    path + ".right_children", source);
            int[] feature = ModelDocument.ints(ModelDocument.member(t, "split_indices", path, source),
                    path + ".split_indices", source);
            float[] cond = ModelDocument.floats(ModelDocument.member(t, "split_conditions", path, source),
                    path + ".split_conditions", source);
            int[] dl = ModelDocument.ints(ModelDocument.member(t, "default_left", path, source),
                    path + ".default_left", source);
            int n = left.length;
            if (n == 0 || right.length != n || feature.length != n || cond.length != n || dl.length != n) {
                throw new ModelLoadException(source + ": " + path + " has node arrays of different lengths "
                        + "(left " + n + ", right " + right.length + ", split_indices " + feature.length
                        + ", split_conditions " + cond.length + ", default_left " + dl.length + ")");
            }
            if (t.containsKey("split_type")) {
                int[] types = ModelDocument.ints(t.get("split_type"), path + ".split_type", source);
                for (int i = 0; i < types.length; i++) {
                    if (types[i] != 0 && i < n && left[i] != -1) {
                        throw new ModelLoadException(source + ": " + path + " node " + i
                                + " is a categorical split; only numerical splits are supported");
                    }
                }
            }
            if (t.get("tree_param") instanceof Map<?, ?> tp && tp.get("size_leaf_vector") != null) {
                long leafVector = ModelDocument.integer(tp.get("size_leaf_vector"), path + ".tree_param.size_leaf_vector",
                        source);
                if (leafVector > 1) {
                    throw new ModelLoadException(source + ": " + path + " has vector leaves (size_leaf_vector="
                            + leafVector + "); only scalar leaves are supported");
                }
            }
            boolean[] defaultLeft = new boolean[n];
            boolean[] seen = new boolean[n];
            seen[0] = true;
            for (int i = 0; i < n; i++) {
                if (left[i] == -1) {
                    if (right[i] != -1) {
                        throw new ModelLoadException(source + ": " + path + " node " + i + " has only one child");
                    }
                    if (!Float.isFinite(cond[i])) {
                        throw new ModelLoadException(source + ": " + path + " leaf " + i + " value is not finite: "
                                + cond[i]);
                    }
                    continue;
                }
                for (int child : new int[] {left[i], right[i]}) {
                    // Children come after their parent in XGBoost's layout; this also rules out cycles.
                    if (child <= i || child >= n || seen[child]) {
                        throw new ModelLoadException(source + ": " + path + " node " + i + " has invalid child "
                                + child);
                    }
                    seen[child] = true;
                }
                if (feature[i] < 0 || feature[i] >= numFeature) {
                    throw new ModelLoadException(source + ": " + path + " node " + i + " splits on feature "
                            + feature[i] + " but the model has " + numFeature + " features");
                }
                if (Float.isNaN(cond[i])) {
                    throw new ModelLoadException(source + ": " + path + " node " + i + " split condition is NaN");
                }
                defaultLeft[i] = dl[i] != 0;
            }
            for (int i = 0; i < n; i++) {
                if (!seen[i]) {
                    throw new ModelLoadException(source + ": " + path + " node " + i + " is not reachable");
                }
            }
            return new Tree(left, right, feature, defaultLeft, cond);
        }
    }

    /** Values per input row (XGBoost's {@code num_feature}). */
    public int featureCount() {
        return featureCount;
    }

    /** Number of trees, over all classes. */
    public int treeCount() {
        return treeRoot.length;
    }

    /** Number of boosting rounds: trees per class. */
    public int rounds() {
        return treeRoot.length / CLASSES;
    }

    /** The objective, {@code multi:softprob} or {@code multi:softmax}. */
    public String objective() {
        return objective;
    }

    /** The XGBoost version that wrote the model, e.g. {@code "1.7.4"}, or {@code "unknown"}. */
    public String writerVersion() {
        return version;
    }

    /** The model's string attributes ({@code best_iteration} and any set by its trainer). */
    public Map<String, String> attributes() {
        return attributes;
    }

    /**
     * Computes the raw class margins (XGBoost's {@code output_margin=True}).
     *
     * @param row     {@link #featureCount()} values; NaN marks a missing value
     * @param margins receives SELL, HOLD, BUY margins in {@code [0..2]}
     * @throws IllegalArgumentException if {@code row} has the wrong length or {@code margins} fewer than 3 slots
     */
    public void margins(float[] row, float[] margins) {
        checkRow(row);
        if (margins.length < CLASSES) {
            throw new IllegalArgumentException("margins must hold 3 values but has " + margins.length);
        }
        float m0 = baseMargin[0];
        float m1 = baseMargin[1];
        float m2 = baseMargin[2];
        for (int t = 0; t < treeRoot.length; t++) {
            float leaf = leaf(t, row);
            switch (treeClass[t]) {
                case 0 -> m0 += leaf;
                case 1 -> m1 += leaf;
                default -> m2 += leaf;
            }
        }
        margins[0] = m0;
        margins[1] = m1;
        margins[2] = m2;
    }

    /**
     * Computes SELL, HOLD, BUY probabilities, the softmax of {@link #margins}. Allocates nothing.
     *
     * @param row           {@link #featureCount()} values; NaN marks a missing value
     * @param probabilities receives the probabilities in {@code [0..2]}
     * @throws IllegalArgumentException if {@code row} has the wrong length or {@code probabilities} fewer than 3 slots
     */
    public void probabilities(float[] row, double[] probabilities) {
        probabilities(row, probabilities, 0);
    }

    /** As {@link #probabilities(float[], double[])}, writing at {@code offset}. */
    void probabilities(float[] row, double[] probabilities, int offset) {
        checkRow(row);
        if (probabilities.length < offset + CLASSES) {
            throw new IllegalArgumentException("probabilities must hold " + (offset + CLASSES) + " values but has "
                    + probabilities.length);
        }
        rowProbabilities(row, probabilities, offset);
    }

    /**
     * Computes SELL, HOLD, BUY probabilities for many rows, row {@code i} into
     * {@code probabilities[3i..3i+2]}; each is bit for bit what
     * {@link #probabilities(float[], double[])} gives for that row.
     *
     * <p>Rows are evaluated {@value #BLOCK} at a time: the block walks each tree in lock step, so
     * the processor overlaps the eight independent walks and the tree stays in cache. A block
     * with a missing value (NaN) anywhere, and the last rows when fewer than {@value #BLOCK} are
     * left, are evaluated one row at a time. Each row's margins still add the trees' leaves in
     * tree order, so the floating-point sums are the same. Allocates one {@value #BLOCK}-row
     * scratch array per call, nothing per row.
     *
     * @param rows          rows of {@link #featureCount()} values; NaN marks a missing value
     * @param probabilities receives {@code 3 * rows.length} probabilities
     * @throws IllegalArgumentException if a row is null or has the wrong length (naming the row),
     *                                  or {@code probabilities} is too short
     */
    public void probabilities(float[][] rows, double[] probabilities) {
        Checks.notNull(rows, "rows");
        Checks.notNull(probabilities, "probabilities");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != featureCount) {
                throw new IllegalArgumentException("row " + i + ": an XGBoost row must have " + featureCount
                        + " values but had " + (rows[i] == null ? "null" : rows[i].length));
            }
        }
        if (probabilities.length < CLASSES * rows.length) {
            throw new IllegalArgumentException("probabilities must hold " + CLASSES * rows.length
                    + " values but has " + probabilities.length);
        }
        float[] margins = new float[CLASSES * BLOCK];
        int i = 0;
        for (; i + BLOCK <= rows.length; i += BLOCK) {
            if (anyMissing(rows, i)) {
                for (int r = i; r < i + BLOCK; r++) {
                    rowProbabilities(rows[r], probabilities, CLASSES * r);
                }
            } else {
                blockMargins(rows, i, margins);
                for (int r = 0; r < BLOCK; r++) {
                    softmax(margins[CLASSES * r], margins[CLASSES * r + 1], margins[CLASSES * r + 2], probabilities,
                            CLASSES * (i + r));
                }
            }
        }
        for (; i < rows.length; i++) {
            rowProbabilities(rows[i], probabilities, CLASSES * i);
        }
    }

    private void rowProbabilities(float[] row, double[] probabilities, int offset) {
        float m0 = baseMargin[0];
        float m1 = baseMargin[1];
        float m2 = baseMargin[2];
        for (int t = 0; t < treeRoot.length; t++) {
            float leaf = leaf(t, row);
            switch (treeClass[t]) {
                case 0 -> m0 += leaf;
                case 1 -> m1 += leaf;
                default -> m2 += leaf;
            }
        }
        softmax(m0, m1, m2, probabilities, offset);
    }

    /** XGBoost's softmax: exp in float32 after subtracting the max, sum in double. */
    private static void softmax(float m0, float m1, float m2, double[] probabilities, int offset) {
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

    private float leaf(int tree, float[] row) {
        int node = treeRoot[tree];
        for (int level = treeDepth[tree]; level > 0; level--) {
            node = step(node, row);
        }
        return Float.intBitsToFloat(nodes[NODE_INTS * node + 3]);
    }

    /**
     * One step down a tree. XGBoost sends a value left when {@code value < threshold} in float32
     * and a missing value (NaN) in the node's default direction; {@code value >= threshold} is
     * the same test for every value but NaN, and is false for a leaf's NaN threshold, which keeps
     * a leaf on itself.
     */
    private int step(int node, float[] row) {
        int at = NODE_INTS * node;
        float v = row[nodes[at + 1]];
        int right = v >= Float.intBitsToFloat(nodes[at + 2]) ? 1 : 0;
        if (v != v) {
            right = missingRight[node];
        }
        return nodes[at] + right;
    }

    /** {@link #step} for a value known not to be NaN: one comparison, no missing-value test. */
    private static int stepPresent(int[] nodes, int node, float[] row) {
        int at = NODE_INTS * node;
        return nodes[at] + (row[nodes[at + 1]] >= Float.intBitsToFloat(nodes[at + 2]) ? 1 : 0);
    }

    private boolean anyMissing(float[][] rows, int from) {
        for (int r = from; r < from + BLOCK; r++) {
            for (float v : rows[r]) {
                if (v != v) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The margins of rows {@code [from, from + 8)}, none of which has a missing value, into
     * {@code margins[3r + class]}. The eight walks of a tree are independent, so they are written
     * out side by side for the processor to overlap; each row adds its leaves in tree order.
     */
    private void blockMargins(float[][] rows, int from, float[] margins) {
        for (int r = 0; r < BLOCK; r++) {
            margins[CLASSES * r] = baseMargin[0];
            margins[CLASSES * r + 1] = baseMargin[1];
            margins[CLASSES * r + 2] = baseMargin[2];
        }
        int[] nodes = this.nodes;
        float[] w0 = rows[from];
        float[] w1 = rows[from + 1];
        float[] w2 = rows[from + 2];
        float[] w3 = rows[from + 3];
        float[] w4 = rows[from + 4];
        float[] w5 = rows[from + 5];
        float[] w6 = rows[from + 6];
        float[] w7 = rows[from + 7];
        for (int t = 0; t < treeRoot.length; t++) {
            int root = treeRoot[t];
            int k0 = root;
            int k1 = root;
            int k2 = root;
            int k3 = root;
            int k4 = root;
            int k5 = root;
            int k6 = root;
            int k7 = root;
            for (int level = treeDepth[t]; level > 0; level--) {
                k0 = stepPresent(nodes, k0, w0);
                k1 = stepPresent(nodes, k1, w1);
                k2 = stepPresent(nodes, k2, w2);
                k3 = stepPresent(nodes, k3, w3);
                k4 = stepPresent(nodes, k4, w4);
                k5 = stepPresent(nodes, k5, w5);
                k6 = stepPresent(nodes, k6, w6);
                k7 = stepPresent(nodes, k7, w7);
            }
            int c = treeClass[t];
            margins[c] += Float.intBitsToFloat(nodes[NODE_INTS * k0 + 3]);
            margins[CLASSES + c] += Float.intBitsToFloat(nodes[NODE_INTS * k1 + 3]);
            margins[2 * CLASSES + c] += Float.intBitsToFloat(nodes[NODE_INTS * k2 + 3]);
            margins[3 * CLASSES + c] += Float.intBitsToFloat(nodes[NODE_INTS * k3 + 3]);
            margins[4 * CLASSES + c] += Float.intBitsToFloat(nodes[NODE_INTS * k4 + 3]);
            margins[5 * CLASSES + c] += Float.intBitsToFloat(nodes[NODE_INTS * k5 + 3]);
            margins[6 * CLASSES + c] += Float.intBitsToFloat(nodes[NODE_INTS * k6 + 3]);
            margins[7 * CLASSES + c] += Float.intBitsToFloat(nodes[NODE_INTS * k7 + 3]);
        }
    }

    private void checkRow(float[] row) {
        if (row == null || row.length != featureCount) {
            throw new IllegalArgumentException("an XGBoost row must have " + featureCount + " values but had "
                    + (row == null ? "null" : row.length));
        }
    }

    @Override
    public String toString() {
        return "XGBoostTrees[" + objective + ", " + featureCount + " features, " + treeRoot.length + " trees, "
                + nodes.length / NODE_INTS + " nodes, written by XGBoost " + version + "]";
    }
}

package dev.sextant.trading.models.smile;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.TrainerSettings;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of the {@value SmileModels#RANDOM_FOREST} trainer. Build with
 * {@link #builder()}; every setting has the trainer's default.
 *
 * @param trees     trees in the forest, positive (default 100)
 * @param mtry      features tried per split, 0 for floor(sqrt(features)) (default 0)
 * @param maxDepth  maximum tree depth, positive (default 20)
 * @param maxNodes  maximum leaves per tree, 0 for rows / 5 (default 0)
 * @param nodeSize  minimum rows in a leaf, positive (default 5)
 * @param subsample share of rows drawn for each tree, in (0, 1] (default 1)
 */
public record RandomForestSettings(int trees, int mtry, int maxDepth, int maxNodes, int nodeSize, double subsample)
        implements TrainerSettings {

    /** Validates. */
    public RandomForestSettings {
        Checks.positive(trees, "trees");
        Checks.nonNegative(mtry, "mtry");
        Checks.positive(maxDepth, "maxDepth");
        Checks.nonNegative(maxNodes, "maxNodes");
        Checks.positive(nodeSize, "nodeSize");
        Checks.inRange(subsample, 1e-6, 1.0, "subsample");
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@value SmileModels#RANDOM_FOREST}. */
    @Override
    public String type() {
        return SmileModels.RANDOM_FOREST;
    }

    /** {@code nTrees}, {@code mtry}, {@code maxDepth}, {@code maxNodes}, {@code nodeSize}, {@code subsample}. */
    @Override
    public Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("nTrees", Integer.toString(trees));
        p.put("mtry", Integer.toString(mtry));
        p.put("maxDepth", Integer.toString(maxDepth));
        p.put("maxNodes", Integer.toString(maxNodes));
        p.put("nodeSize", Integer.toString(nodeSize));
        p.put("subsample", Double.toString(subsample));
        return p;
    }

    /** Builder of {@link RandomForestSettings}; not thread-safe. */
    public static final class Builder {
        private int trees = 100;
        private int mtry;
        private int maxDepth = 20;
        private int maxNodes;
        private int nodeSize = 5;
        private double subsample = 1.0;

        private Builder() {
        }

        /** Trees in the forest (default 100). */
        public Builder trees(int value) {
            this.trees = value;
            return this;
        }

        /** Features tried per split, 0 for floor(sqrt(features)) (default 0). */
        public Builder mtry(int value) {
            this.mtry = value;
            return this;
        }

        /** Maximum tree depth (default 20). */
        public Builder maxDepth(int value) {
            this.maxDepth = value;
            return this;
        }

        /** Maximum leaves per tree, 0 for rows / 5 (default 0). */
        public Builder maxNodes(int value) {
            this.maxNodes = value;
            return this;
        }

        /** Minimum rows in a leaf (default 5). */
        public Builder nodeSize(int value) {
            this.nodeSize = value;
            return this;
        }

        /** Share of rows drawn for each tree, in (0, 1] (default 1). */
        public Builder subsample(double value) {
            this.subsample = value;
            return this;
        }

        /** Builds and validates. */
        public RandomForestSettings build() {
            return new RandomForestSettings(trees, mtry, maxDepth, maxNodes, nodeSize, subsample);
        }
    }
}

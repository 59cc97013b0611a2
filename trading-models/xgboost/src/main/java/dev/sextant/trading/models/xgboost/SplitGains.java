package dev.sextant.trading.models.xgboost;

import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.TreeGain;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the per-split statistics XGBoost stores with each tree of a JSON or UBJ model
 * ({@code loss_changes}: the split's gain, {@code sum_hessian}: its cover) and adds them up per
 * split feature, as XGBoost's {@code get_score(importance_type="total_gain"/"total_cover")} does.
 * Only called on a model {@link XGBoostTrees} has already read, so the tree structure is known to
 * be valid. Stateless.
 */
final class SplitGains {

    private SplitGains() {
    }

    /**
     * The model's tree gain, or empty when its trees carry no {@code loss_changes} (a model file
     * written without split statistics).
     *
     * @throws ModelLoadException if a split's gain or cover is not a finite non-negative number,
     *                            naming the tree and node
     */
    static Optional<TreeGain> read(byte[] model, String source, int featureCount) {
        Map<String, Object> root = ModelDocument.object(ModelDocument.parse(model, source), "$", source);
        Map<String, Object> learner = ModelDocument.object(ModelDocument.member(root, "learner", "$", source), "learner", source);
        Map<String, Object> booster = ModelDocument.object(ModelDocument.member(learner, "gradient_booster", "learner", source),
                "learner.gradient_booster", source);
        String path = "learner.gradient_booster";
        if (booster.containsKey("gbtree")) {
            booster = ModelDocument.object(booster.get("gbtree"), path + ".gbtree", source);
            path += ".gbtree";
        }
        path += ".model";
        Map<String, Object> m = ModelDocument.object(ModelDocument.member(booster, "model", path, source), path, source);
        List<?> trees = ModelDocument.list(ModelDocument.member(m, "trees", path, source), path + ".trees", source);
        double[] gain = new double[featureCount];
        double[] cover = new double[featureCount];
        long[] splits = new long[featureCount];
        for (int t = 0; t < trees.size(); t++) {
            String tp = path + ".trees[" + t + "]";
            Map<String, Object> tree = ModelDocument.object(trees.get(t), tp, source);
            if (!tree.containsKey("loss_changes") || !tree.containsKey("sum_hessian")) {
                return Optional.empty();
            }
            int[] left = ModelDocument.ints(tree.get("left_children"), tp + ".left_children", source);
            int[] feature = ModelDocument.ints(tree.get("split_indices"), tp + ".split_indices", source);
            float[] loss = ModelDocument.floats(tree.get("loss_changes"), tp + ".loss_changes", source);
            float[] hess = ModelDocument.floats(tree.get("sum_hessian"), tp + ".sum_hessian", source);
            if (loss.length != left.length || hess.length != left.length) {
                throw new ModelLoadException(source + ": " + tp + " has " + left.length + " nodes but " + loss.length
                        + " loss_changes and " + hess.length + " sum_hessian values");
            }
            for (int n = 0; n < left.length; n++) {
                if (left[n] == -1) {
                    continue;
                }
                if (!(loss[n] >= 0) || !Float.isFinite(loss[n]) || !(hess[n] >= 0) || !Float.isFinite(hess[n])) {
                    throw new ModelLoadException(source + ": " + tp + " node " + n + " has loss_changes " + loss[n]
                            + " and sum_hessian " + hess[n] + "; a split's gain and cover must be finite and non-negative");
                }
                gain[feature[n]] += loss[n];
                cover[feature[n]] += hess[n];
                splits[feature[n]]++;
            }
        }
        return Optional.of(new TreeGain(gain, cover, splits));
    }
}

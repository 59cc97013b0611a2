package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.engine.report.EvaluationReport.FoldSummary;
import dev.sextant.trading.engine.report.FeatureImportance;
import dev.sextant.trading.engine.report.TreeGainImportance;
import java.util.List;
import java.util.Optional;

/**
 * What a walk-forward produced: the out-of-sample predictions and per-fold figures.
 *
 * @param predictions every test-bar prediction, in time order
 * @param folds       per-fold figures
 * @param importance  permutation importance of the features on held-out rows; empty when no fold's
 *                    model reads one feature vector per bar
 * @param treeGain    tree gain of the features summed over the folds' models; empty when no fold's
 *                    model has trees
 */
public record WalkForwardResult(OutOfSamplePredictions predictions, List<FoldSummary> folds,
        Optional<FeatureImportance> importance, Optional<TreeGainImportance> treeGain) {
    /** Validates and copies. */
    public WalkForwardResult {
        Checks.notNull(predictions, "predictions");
        folds = List.copyOf(folds);
        Checks.notNull(importance, "importance");
        Checks.notNull(treeGain, "treeGain");
    }

    /** A result without feature importance (neither permutation nor tree gain). */
    public WalkForwardResult(OutOfSamplePredictions predictions, List<FoldSummary> folds) {
        this(predictions, folds, Optional.empty(), Optional.empty());
    }
}

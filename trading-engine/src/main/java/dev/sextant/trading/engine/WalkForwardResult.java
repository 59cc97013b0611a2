package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.engine.report.EvaluationReport.FoldSummary;
import java.util.List;

/**
 * What a walk-forward produced: the out-of-sample predictions and per-fold figures.
 *
 * @param predictions every test-bar prediction, in time order
 * @param folds       per-fold figures
 */
public record WalkForwardResult(OutOfSamplePredictions predictions, List<FoldSummary> folds) {
    /** Validates and copies. */
    public WalkForwardResult {
        Checks.notNull(predictions, "predictions");
        folds = List.copyOf(folds);
    }
}

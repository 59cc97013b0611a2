package dev.sextant.trading.models.calibration;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.validation.ClassificationMetrics;
import dev.sextant.trading.models.validation.LabelledPredictions;

/**
 * The effect of a calibrator on rows it was not fitted on: metrics before and after calibration.
 *
 * @param before metrics of the raw predictions
 * @param after  metrics of the calibrated predictions
 */
public record CalibrationEvaluation(ClassificationMetrics before, ClassificationMetrics after) {

    /** Validates. */
    public CalibrationEvaluation {
        Checks.notNull(before, "before");
        Checks.notNull(after, "after");
    }

    /**
     * Calibrates {@code evaluation} and measures it before and after.
     *
     * @param calibrator a fitted calibrator
     * @param evaluation held-out predictions whose keys all lie outside
     *                   {@code calibrator.fittedOn()}
     * @throws IllegalArgumentException if any evaluation row lies inside the window the calibrator
     *                                  was fitted on, naming the row and its key
     */
    public static CalibrationEvaluation evaluate(Calibrator calibrator, LabelledPredictions evaluation) {
        Checks.notNull(calibrator, "calibrator");
        Checks.notNull(evaluation, "evaluation");
        FitWindow window = calibrator.fittedOn();
        for (int i = 0; i < evaluation.size(); i++) {
            if (window.contains(evaluation.key(i))) {
                throw new IllegalArgumentException("evaluation row " + i + " (key " + evaluation.key(i)
                        + ") lies inside the window the " + calibrator.method() + " calibrator was fitted on ["
                        + window.firstKey() + ", " + window.lastKey() + "]: evaluate calibration on held-out rows only");
            }
        }
        double[] calibrated = calibrator.calibrateAll(evaluation.probabilities());
        return new CalibrationEvaluation(evaluation.metrics(), evaluation.withProbabilities(calibrated).metrics());
    }
}

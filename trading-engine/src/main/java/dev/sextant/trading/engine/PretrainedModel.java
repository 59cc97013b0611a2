package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import java.time.Instant;

/**
 * A model trained outside the walk-forward (for example a PyTorch network exported to ONNX),
 * with the last time of the data it was trained on. A walk-forward uses it only in folds whose
 * <em>test</em> window starts after {@code trainedThrough}: evaluating it on bars it learned from
 * would leak the future into the report.
 *
 * @param model          the model; the walk-forward does not close it
 * @param trainedThrough the latest bar time (inclusive) in its training, validation and
 *                       calibration data
 */
public record PretrainedModel(Model model, Instant trainedThrough) {
    /** Validates. */
    public PretrainedModel {
        Checks.notNull(model, "model");
        Checks.notNull(trainedThrough, "trainedThrough");
    }
}

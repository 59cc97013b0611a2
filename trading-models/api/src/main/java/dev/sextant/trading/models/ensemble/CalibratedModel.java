package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelOutputException;
import dev.sextant.trading.models.TreeGain;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.internal.ProbabilityChecks;
import java.util.Optional;

/**
 * A model whose probabilities pass through a fitted {@link Calibrator}. The model's own confidence
 * is passed through unchanged. The inner output and the calibrated output are each checked to be
 * a probability distribution ({@link dev.sextant.trading.models.ModelOutputException} otherwise). Thread-safety is the inner model's; closing closes it.
 */
public final class CalibratedModel implements Model {

    private final Model inner;
    private final Calibrator calibrator;

    /**
     * Wraps a model with a calibrator.
     *
     * @param inner      the model to calibrate
     * @param calibrator fitted on held-out predictions of {@code inner}
     */
    public CalibratedModel(Model inner, Calibrator calibrator) {
        this.inner = Checks.notNull(inner, "inner");
        this.calibrator = Checks.notNull(calibrator, "calibrator");
    }

    /** The uncalibrated model. */
    public Model inner() {
        return inner;
    }

    /** The calibrator. */
    public Calibrator calibrator() {
        return calibrator;
    }

    @Override
    public ModelMetadata metadata() {
        return inner.metadata();
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        double confidence = inner.predict(input, probabilities);
        ProbabilityChecks.output(inner.metadata().id(), probabilities, 0, ModelOutputException.UNKNOWN_ROW);
        calibrator.calibrate(probabilities, 0, probabilities, 0);
        ProbabilityChecks.output(inner.metadata().id() + " after calibration", probabilities, 0,
                ModelOutputException.UNKNOWN_ROW);
        return confidence;
    }

    @Override
    public Optional<TreeGain> treeGain() {
        return inner.treeGain();
    }

    @Override
    public void close() {
        inner.close();
    }
}

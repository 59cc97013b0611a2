package dev.sextant.trading.models.internal;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelOutputException;
import dev.sextant.trading.models.TreeGain;
import java.util.Optional;

/**
 * A loaded model whose every output passes {@link ProbabilityChecks#output} before the caller
 * sees it: {@code Models.load} and {@code ModelBundle} wrap each adapter's model in one, so no
 * adapter repeats the check. A batch error names the row of the batch. Thread-safety is the
 * inner model's; closing closes it.
 */
public final class CheckedModel implements Model {

    private final Model inner;

    private CheckedModel(Model inner) {
        this.inner = inner;
    }

    /** {@code model} with checked outputs; a model already checked is returned as it is. */
    public static Model of(Model model) {
        Checks.notNull(model, "model");
        return model instanceof CheckedModel ? model : new CheckedModel(model);
    }

    /** The unchecked model. */
    public Model inner() {
        return inner;
    }

    @Override
    public ModelMetadata metadata() {
        return inner.metadata();
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        double confidence = inner.predict(input, probabilities);
        ProbabilityChecks.output(inner.metadata().id(), probabilities, 0,
                ModelOutputException.UNKNOWN_ROW);
        return confidence;
    }

    @Override
    public void predictBatch(float[][] inputs, double[] probabilities, double[] confidence) {
        inner.predictBatch(inputs, probabilities, confidence);
        ProbabilityChecks.outputs(inner.metadata().id(), probabilities, inputs.length);
    }

    @Override
    public Optional<TreeGain> treeGain() {
        return inner.treeGain();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}

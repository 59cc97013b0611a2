package dev.sextant.trading.engine.internal;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.TreeGain;
import java.util.Optional;

/**
 * A model owned by someone else inside an ensemble that will be closed: predictions and metadata
 * pass through, {@link #close()} does nothing. Used for pretrained models that serve several
 * walk-forward folds or that the caller closes itself. As thread-safe as the wrapped model.
 */
public final class BorrowedModel implements Model {
    private final Model inner;

    /** Wraps {@code inner}, which the caller keeps owning. */
    public BorrowedModel(Model inner) {
        this.inner = Checks.notNull(inner, "inner");
    }

    @Override
    public ModelMetadata metadata() {
        return inner.metadata();
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        return inner.predict(input, probabilities);
    }

    @Override
    public void predictBatch(float[][] inputs, double[] probabilities, double[] confidence) {
        inner.predictBatch(inputs, probabilities, confidence);
    }

    @Override
    public Optional<TreeGain> treeGain() {
        return inner.treeGain();
    }

    @Override
    public void close() {
        // The caller owns the wrapped model.
    }
}

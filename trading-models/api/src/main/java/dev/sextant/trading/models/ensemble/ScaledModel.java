package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.TreeGain;
import java.util.Optional;

/**
 * A model that standardises its input (each vector of a window alike) before passing it on.
 * Metadata is the inner model's. Holds one scratch buffer: one thread at a time; closing closes
 * the inner model.
 */
public final class ScaledModel implements Model {

    private final Model inner;
    private final StandardScaler scaler;
    private final float[] buffer;

    /**
     * Wraps a model with its input scaling.
     *
     * @param inner  the model that expects scaled input
     * @param scaler the scaling, with the inner model's feature count
     */
    public ScaledModel(Model inner, StandardScaler scaler) {
        this.inner = Checks.notNull(inner, "inner");
        this.scaler = Checks.notNull(scaler, "scaler");
        if (scaler.featureCount() != inner.metadata().featureCount()) {
            throw new IllegalArgumentException("scaler has " + scaler.featureCount() + " features but model "
                    + inner.metadata().id() + " reads " + inner.metadata().featureCount());
        }
        this.buffer = new float[inner.metadata().inputLength()];
    }

    /** The wrapped model. */
    public Model inner() {
        return inner;
    }

    /** The scaling applied. */
    public StandardScaler scaler() {
        return scaler;
    }

    @Override
    public ModelMetadata metadata() {
        return inner.metadata();
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        ModelInputException.check(inner.metadata(), input);
        scaler.transform(input, buffer, inner.metadata().sequenceLength());
        return inner.predict(buffer, probabilities);
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

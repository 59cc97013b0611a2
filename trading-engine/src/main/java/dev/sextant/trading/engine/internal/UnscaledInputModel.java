package dev.sextant.trading.engine.internal;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ensemble.StandardScaler;

/**
 * Lets a model that reads raw features sit in an ensemble fed with standardised features: it
 * undoes the standardisation (x · scale + mean) before calling the wrapped model. Used for
 * pretrained models whose own normalisation is baked in. Does not close the wrapped model (the
 * caller owns it). One thread at a time.
 */
public final class UnscaledInputModel implements Model {
    private final Model inner;
    private final double[] mean;
    private final double[] scale;
    private final float[] buffer;

    /** Wraps {@code inner}, undoing {@code scaler}. */
    public UnscaledInputModel(Model inner, StandardScaler scaler) {
        this.inner = Checks.notNull(inner, "inner");
        this.mean = scaler.mean();
        this.scale = scaler.scale();
        if (mean.length != inner.metadata().featureCount()) {
            throw new IllegalArgumentException("scaler has " + mean.length + " features but model "
                    + inner.metadata().id() + " reads " + inner.metadata().featureCount());
        }
        this.buffer = new float[inner.metadata().inputLength()];
    }

    @Override
    public ModelMetadata metadata() {
        return inner.metadata();
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        int f = mean.length;
        if (input.length != buffer.length) {
            // Wrong length: let the wrapped model reject it with its own typed error.
            return inner.predict(input, probabilities);
        }
        for (int i = 0; i < input.length; i++) {
            int j = i % f;
            buffer[i] = (float) (input[i] * scale[j] + mean[j]);
        }
        return inner.predict(buffer, probabilities);
    }

    @Override
    public void close() {
        // The wrapped pretrained model is owned by the caller and may serve other folds.
    }
}

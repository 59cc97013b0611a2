package dev.sextant.trading.engine;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;

/** A model view whose close() leaves the shared model open (tests reuse one trained model). */
final class NonClosing implements Model {
    private final Model inner;

    NonClosing(Model inner) {
        this.inner = inner;
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
    public void close() {
        // shared by the tests of a class; closed by nobody (pure Java, no native resources)
    }
}

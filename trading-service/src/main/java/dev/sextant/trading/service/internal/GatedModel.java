package dev.sextant.trading.service.internal;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import java.util.Arrays;

/**
 * One request's view of the service's shared model. A signal request feeds every bar through a
 * {@link dev.sextant.trading.engine.ModelSignalSource} so that the features see the whole
 * history, but only the prediction for the last bar is answered: until {@link #open()} is called
 * this view does not call the model and returns an even distribution, which the caller discards.
 * After that it calls the shared model under its lock (a model is called by one thread at a
 * time). {@link #close()} does nothing: the model belongs to the service's owner.
 */
public final class GatedModel implements Model {
    private final Shared shared;
    private boolean open;

    private GatedModel(Shared shared) {
        this.shared = shared;
    }

    /** The model shared by all requests; predictions are serialised on it. Thread-safe. */
    public static final class Shared {
        private final Model model;

        /** Shares {@code model}, which its owner keeps and closes. */
        public Shared(Model model) {
            this.model = Checks.notNull(model, "model");
        }

        /** A closed view for one request. */
        public GatedModel gate() {
            return new GatedModel(this);
        }

        synchronized double predict(float[] input, double[] probabilities) {
            return model.predict(input, probabilities);
        }
    }

    /** From now on predictions go to the model. */
    public void open() {
        open = true;
    }

    @Override
    public ModelMetadata metadata() {
        return shared.model.metadata();
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        if (!open) {
            Arrays.fill(probabilities, 0, 3, 1.0 / 3);
            return Double.NaN;
        }
        return shared.predict(input, probabilities);
    }

    @Override
    public void close() {
        // The shared model belongs to the service's owner.
    }
}

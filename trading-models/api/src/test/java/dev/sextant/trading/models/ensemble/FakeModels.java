package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import java.util.function.BiConsumer;

/** Small hand-written models for ensemble tests. */
final class FakeModels {

    private FakeModels() {
    }

    /** A model computing probabilities with {@code body(input, out)}; records whether it was closed. */
    static class Lambda implements Model {
        final ModelMetadata metadata;
        final BiConsumer<float[], double[]> body;
        final double confidence;
        boolean closed;
        float[] lastInput;

        Lambda(String id, int features, int sequence, BiConsumer<float[], double[]> body, double confidence) {
            this.metadata = new ModelMetadata(id, "fake", sequence == 1 ? InputKind.VECTOR : InputKind.WINDOW,
                    features, sequence, !Double.isNaN(confidence), Provenance.unknown("test"));
            this.body = body;
            this.confidence = confidence;
        }

        @Override
        public ModelMetadata metadata() {
            return metadata;
        }

        @Override
        public double predict(float[] input, double[] probabilities) {
            ModelInputException.check(metadata, input);
            lastInput = input.clone();
            body.accept(input, probabilities);
            return confidence;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static Lambda constant(String id, int features, double sell, double hold, double buy) {
        return new Lambda(id, features, 1, (x, p) -> {
            p[0] = sell;
            p[1] = hold;
            p[2] = buy;
        }, Double.NaN);
    }
}

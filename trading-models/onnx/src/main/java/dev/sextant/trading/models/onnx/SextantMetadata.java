package dev.sextant.trading.models.onnx;

import ai.onnxruntime.OnnxModelMetadata;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Provenance;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The Sextant entries of an ONNX model's custom metadata ({@code sextant.temperature},
 * {@code sextant.trainer}, {@code sextant.data}, {@code sextant.seed}, {@code sextant.created};
 * the keys are {@link OnnxModel}'s constants), read and checked when a model loads.
 */
final class SextantMetadata {

    private SextantMetadata() {
    }

    /**
     * The softmax temperature: the option when set, else the {@value OnnxModel#TEMPERATURE_KEY}
     * entry, else 1; a temperature other than 1 on a model that outputs probabilities is an error.
     *
     * @throws ModelLoadException naming the source and the bad value
     */
    static double temperature(OnnxModelOptions options, Map<String, String> custom, boolean logits,
            String source) {
        double t = options.temperature();
        String origin = "option temperature";
        if (t == 0 && custom.containsKey(OnnxModel.TEMPERATURE_KEY)) {
            origin = "metadata " + OnnxModel.TEMPERATURE_KEY;
            try {
                t = Double.parseDouble(custom.get(OnnxModel.TEMPERATURE_KEY).strip());
            } catch (NumberFormatException e) {
                throw new ModelLoadException(source + ": " + origin + " is not a number: " + custom.get(OnnxModel.TEMPERATURE_KEY), e);
            }
            if (!(t > 0) || !Double.isFinite(t)) {
                throw new ModelLoadException(source + ": " + origin + " must be positive but was " + t);
            }
        }
        if (t == 0) {
            return 1.0;
        }
        if (!logits && t != 1.0) {
            throw new ModelLoadException(source + ": " + origin + " = " + t
                    + " applies to a 'logits' output, but this model outputs probabilities");
        }
        return t;
    }

    /**
     * The provenance from the {@code sextant.*} entries (trainer, else the ONNX producer name;
     * data; seed; creation time), all entries kept as extra fields.
     *
     * @throws ModelLoadException naming the source and an entry that does not parse
     */
    static Provenance provenance(OnnxModelMetadata meta, Map<String, String> custom, String source) {
        String trainer = custom.getOrDefault(OnnxModel.TRAINER_KEY, meta.getProducerName());
        if (trainer == null || trainer.isBlank()) {
            trainer = "unknown ONNX producer";
        }
        long seed = 0;
        if (custom.containsKey(OnnxModel.SEED_KEY)) {
            try {
                seed = Long.parseLong(custom.get(OnnxModel.SEED_KEY).strip());
            } catch (NumberFormatException e) {
                throw new ModelLoadException(source + ": metadata " + OnnxModel.SEED_KEY + " is not an integer: "
                        + custom.get(OnnxModel.SEED_KEY), e);
            }
        }
        Instant created = Instant.EPOCH;
        if (custom.containsKey(OnnxModel.CREATED_KEY)) {
            try {
                created = Instant.parse(custom.get(OnnxModel.CREATED_KEY).strip());
            } catch (DateTimeParseException e) {
                throw new ModelLoadException(source + ": metadata " + OnnxModel.CREATED_KEY + " is not an ISO-8601 instant: "
                        + custom.get(OnnxModel.CREATED_KEY), e);
            }
        }
        return new Provenance(trainer, custom.getOrDefault(OnnxModel.DATA_KEY, ""), seed, created, custom);
    }
}

package dev.sextant.trading.models;

import dev.sextant.trading.core.Checks;

/**
 * What a model is and what it reads.
 *
 * <p>Every Sextant model outputs probabilities of the three classes in the fixed order SELL,
 * HOLD, BUY ({@link dev.sextant.trading.core.Direction} ordinals).
 *
 * @param id             model id, e.g. {@code "xgb-btc-1m"}; not blank
 * @param type           adapter type id, e.g. {@code "onnx"}, {@code "xgboost"}, {@code "smile-rf"}
 * @param inputKind      vector or window
 * @param featureCount   values per feature vector, positive
 * @param sequenceLength vectors per window; 1 for {@link InputKind#VECTOR}
 * @param hasConfidence  whether {@link Model#predict} returns a model confidence rather than NaN
 * @param provenance     where the model came from
 */
public record ModelMetadata(String id, String type, InputKind inputKind, int featureCount,
        int sequenceLength, boolean hasConfidence, Provenance provenance) {

    /** Validates the metadata. */
    public ModelMetadata {
        Checks.notBlank(id, "id");
        Checks.notBlank(type, "type");
        Checks.notNull(inputKind, "inputKind");
        Checks.positive(featureCount, "featureCount");
        Checks.positive(sequenceLength, "sequenceLength");
        if (inputKind == InputKind.VECTOR && sequenceLength != 1) {
            throw new IllegalArgumentException("sequenceLength must be 1 for a VECTOR model but was " + sequenceLength);
        }
        Checks.notNull(provenance, "provenance");
    }

    /** The number of input values one prediction reads: featureCount * sequenceLength. */
    public int inputLength() {
        return featureCount * sequenceLength;
    }
}

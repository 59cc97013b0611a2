package dev.sextant.trading.models;

/**
 * An input that does not fit the model: wrong length or shape, or a non-finite value. The
 * message names the model, what was expected and what was given.
 */
public final class ModelInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * An error with a message.
     *
     * @param message what was expected and what was given
     */
    public ModelInputException(String message) {
        super(message);
    }

    /**
     * Checks that {@code input} fits {@code metadata}: the right length and every value finite.
     *
     * @throws ModelInputException naming the model, the expected length or the bad index
     */
    public static void check(ModelMetadata metadata, float[] input) {
        if (input == null || input.length != metadata.inputLength()) {
            throw new ModelInputException("model " + metadata.id() + " expects " + metadata.inputLength()
                    + " input values (" + metadata.sequenceLength() + " x " + metadata.featureCount()
                    + ") but got " + (input == null ? "null" : input.length));
        }
        for (int i = 0; i < input.length; i++) {
            if (!Float.isFinite(input[i])) {
                throw new ModelInputException("model " + metadata.id() + " input value " + i + " (row "
                        + i / metadata.featureCount() + ", feature " + i % metadata.featureCount()
                        + ") is not finite: " + input[i]);
            }
        }
    }
}

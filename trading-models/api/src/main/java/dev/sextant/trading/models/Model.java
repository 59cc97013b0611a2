package dev.sextant.trading.models;

import java.util.Optional;

/**
 * A trained classifier that maps one input to probabilities of SELL, HOLD and BUY.
 *
 * <p>Input is {@code float[]} because the native back ends (ONNX Runtime, XGBoost) and their tree
 * thresholds work in float32: converting once at the boundary keeps Java and native predictions
 * bit-compatible. For a {@link InputKind#WINDOW} model the input is row-major
 * {@code [sequenceLength][featureCount]}, oldest vector first.
 *
 * <p>Implementations document their thread-safety; unless they say otherwise, one thread calls
 * a model at a time. {@link #close()} releases native resources; calling a closed model throws
 * {@link IllegalStateException}.
 */
public interface Model extends AutoCloseable {

    /** What the model is and what it reads. */
    ModelMetadata metadata();

    /**
     * Predicts one input.
     *
     * @param input         exactly {@link ModelMetadata#inputLength()} finite values
     * @param probabilities receives SELL, HOLD, BUY probabilities in [0..2], summing to 1
     * @return the model's own confidence in [0, 1] if {@link ModelMetadata#hasConfidence()},
     *         otherwise {@link Double#NaN}
     * @throws ModelInputException if the input has the wrong length or a non-finite value
     */
    double predict(float[] input, double[] probabilities);

    /**
     * Predicts many inputs. The default calls {@link #predict} row by row; adapters override it
     * with a native batch call where that is faster.
     *
     * @param inputs        rows, each of {@link ModelMetadata#inputLength()} values
     * @param probabilities receives {@code inputs.length * 3} values, row i at {@code [3i..3i+2]}
     * @param confidence    receives one confidence per row (NaN when the model has none), or
     *                      {@code null} to skip
     */
    default void predictBatch(float[][] inputs, double[] probabilities, double[] confidence) {
        double[] row = new double[3];
        for (int i = 0; i < inputs.length; i++) {
            double c = predict(inputs[i], row);
            System.arraycopy(row, 0, probabilities, 3 * i, 3);
            if (confidence != null) {
                confidence[i] = c;
            }
        }
    }

    /**
     * Per-input split gain of the model's trees ({@link TreeGain}), for models built from trees
     * (XGBoost); wrappers (scaling, calibration) pass their inner model's through and ensembles sum
     * their members'. The default: empty, the model has no trees.
     */
    default Optional<TreeGain> treeGain() {
        return Optional.empty();
    }

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}

package dev.sextant.trading.models.onnx;

import java.nio.FloatBuffer;

/**
 * Turns a classifier's raw outputs into what {@link dev.sextant.trading.models.Model} returns:
 * logits through a softmax at the model's temperature, or probabilities checked to be a
 * probability vector (non-negative, summing to 1 within 1e-4); confidences checked to lie in
 * [0, 1]. A non-finite or invalid output is an {@link IllegalStateException} naming the model and
 * output, never a silent mis-prediction. Stateless after construction; thread-safe.
 */
final class OutputDecoder {
    private static final double PROBABILITY_SUM_TOLERANCE = 1e-4;

    private final String modelId;
    private final String classOutput;
    private final boolean logits;
    private final double temperature;

    /**
     * A decoder for one model.
     *
     * @param modelId     the model id, for messages
     * @param classOutput the class output's name, for messages
     * @param logits      whether the class output holds logits (else probabilities)
     * @param temperature the softmax temperature for logits, positive
     */
    OutputDecoder(String modelId, String classOutput, boolean logits, double temperature) {
        this.modelId = modelId;
        this.classOutput = classOutput;
        this.logits = logits;
        this.temperature = temperature;
    }

    /** Writes the three class probabilities of the row at {@code src[offset..offset+2]} to {@code dst[dstOffset..]}. */
    void toProbabilities(FloatBuffer src, int offset, double[] dst, int dstOffset) {
        double a = src.get(offset);
        double b = src.get(offset + 1);
        double c = src.get(offset + 2);
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalStateException("model " + modelId + " output '" + classOutput
                    + "' is not finite: [" + a + ", " + b + ", " + c + "]");
        }
        if (logits) {
            double max = Math.max(a, Math.max(b, c));
            double ea = Math.exp((a - max) / temperature);
            double eb = Math.exp((b - max) / temperature);
            double ec = Math.exp((c - max) / temperature);
            double sum = ea + eb + ec;
            dst[dstOffset] = ea / sum;
            dst[dstOffset + 1] = eb / sum;
            dst[dstOffset + 2] = ec / sum;
        } else {
            double sum = a + b + c;
            if (a < 0 || b < 0 || c < 0 || Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
                throw new IllegalStateException("model " + modelId + " output '" + classOutput
                        + "' is not a probability vector: [" + a + ", " + b + ", " + c + "]");
            }
            dst[dstOffset] = a;
            dst[dstOffset + 1] = b;
            dst[dstOffset + 2] = c;
        }
    }

    /** {@code c} if it lies in [0, 1]. */
    double confidence(float c) {
        if (!(c >= 0 && c <= 1)) {
            throw new IllegalStateException("model " + modelId + " output 'confidence' must lie in [0, 1] but was "
                    + c);
        }
        return c;
    }
}

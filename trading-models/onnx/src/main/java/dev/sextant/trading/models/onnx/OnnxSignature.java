package dev.sextant.trading.models.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelLoadException;
import java.util.Arrays;
import java.util.Map;

/**
 * The inputs and outputs of an ONNX classifier graph, checked against what Sextant runs (see
 * {@link OnnxModel}): one float input {@code [batch, features]} or {@code [batch, seq, features]}
 * with a symbolic or unit batch, a class output ({@code logits}, else {@code probabilities}, else
 * {@code probs}) of shape {@code [batch, 3]}, and an optional {@code confidence} output of shape
 * {@code [batch]} or {@code [batch, 1]}. Symbolic sizes are taken from the options.
 *
 * @param inputName        the graph's input
 * @param kind             vector or window input
 * @param features         values per bar
 * @param sequenceLength   bars per window (1 for a vector)
 * @param batchable        whether the batch dimension is symbolic (rows can be run together)
 * @param classOutput      the class output's name
 * @param logits           whether the class output holds logits (else probabilities)
 * @param confidenceOutput the confidence output's name, or null when there is none
 * @param confidenceRank   1 for {@code [batch]}, 2 for {@code [batch, 1]}, 0 without confidence
 */
record OnnxSignature(String inputName, InputKind kind, int features, int sequenceLength, boolean batchable,
        String classOutput, boolean logits, String confidenceOutput, int confidenceRank) {
    static final int CLASSES = 3;

    /**
     * Reads and checks the signature of {@code session}.
     *
     * @throws ModelLoadException naming {@code source} and what does not fit
     */
    static OnnxSignature of(OrtSession session, OnnxModelOptions options, String source) throws OrtException {
        if (session.getNumInputs() != 1) {
            throw new ModelLoadException(source + ": an ONNX classifier must have exactly one input but this one has "
                    + session.getInputNames());
        }
        NodeInfo input = session.getInputInfo().values().iterator().next();
        String inputName = input.getName();
        TensorInfo in = tensorInfo(input, source);
        if (in.type != OnnxJavaType.FLOAT) {
            throw new ModelLoadException(source + ": input '" + inputName + "' must be float32 but is " + in.type);
        }
        long[] shape = in.getShape();
        if (shape.length != 2 && shape.length != 3) {
            throw new ModelLoadException(source + ": input '" + inputName + "' must be [batch, features] or "
                    + "[batch, seq, features] but has shape " + Arrays.toString(shape));
        }
        if (shape[0] != -1 && shape[0] != 1) {
            throw new ModelLoadException(source + ": input '" + inputName + "' batch dimension must be symbolic or 1 "
                    + "but is " + shape[0]);
        }
        boolean batchable = shape[0] == -1;
        int features = dimension(shape[shape.length - 1], options.expectedFeatureCount(), "feature", source);
        InputKind kind = shape.length == 2 ? InputKind.VECTOR : InputKind.WINDOW;
        int seq = kind == InputKind.VECTOR ? 1 : dimension(shape[1], options.sequenceLength(), "sequence", source);
        if (kind == InputKind.VECTOR && options.sequenceLength() > 1) {
            throw new ModelLoadException(source + ": sequenceLength " + options.sequenceLength()
                    + " was given but input '" + inputName + "' is a vector " + Arrays.toString(shape));
        }

        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String classOutput;
        if (outputs.containsKey("logits")) {
            classOutput = "logits";
        } else if (outputs.containsKey("probabilities")) {
            classOutput = "probabilities";
        } else if (outputs.containsKey("probs")) {
            classOutput = "probs";
        } else {
            throw new ModelLoadException(source + ": no output named logits, probabilities or probs; outputs are "
                    + outputs.keySet());
        }
        TensorInfo out = tensorInfo(outputs.get(classOutput), source);
        long[] outShape = out.getShape();
        if (out.type != OnnxJavaType.FLOAT || outShape.length != 2 || (outShape[1] != CLASSES && outShape[1] != -1)) {
            throw new ModelLoadException(source + ": output '" + classOutput + "' must be float32 [batch, 3] "
                    + "(SELL, HOLD, BUY) but is " + out.type + " " + Arrays.toString(outShape));
        }
        String confidenceOutput = null;
        int confidenceRank = 0;
        if (outputs.containsKey("confidence")) {
            TensorInfo c = tensorInfo(outputs.get("confidence"), source);
            long[] cs = c.getShape();
            boolean ok = c.type == OnnxJavaType.FLOAT && (cs.length == 1 || (cs.length == 2 && cs[1] == 1));
            if (!ok) {
                throw new ModelLoadException(source + ": output 'confidence' must be float32 [batch] or [batch, 1] "
                        + "but is " + c.type + " " + Arrays.toString(cs));
            }
            confidenceOutput = "confidence";
            confidenceRank = cs.length;
        }
        return new OnnxSignature(inputName, kind, features, seq, batchable, classOutput, classOutput.equals("logits"),
                confidenceOutput, confidenceRank);
    }

    private static TensorInfo tensorInfo(NodeInfo node, String source) {
        ValueInfo info = node.getInfo();
        if (!(info instanceof TensorInfo t)) {
            throw new ModelLoadException(source + ": '" + node.getName() + "' must be a tensor but is " + info);
        }
        return t;
    }

    private static int dimension(long declared, int expected, String what, String source) {
        if (declared > 0) {
            if (expected > 0 && declared != expected) {
                throw new ModelLoadException(source + ": the model's " + what + " dimension is " + declared
                        + " but " + expected + " was expected");
            }
            return Math.toIntExact(declared);
        }
        if (expected > 0) {
            return expected;
        }
        throw new ModelLoadException(source + ": the model's " + what + " dimension is symbolic; give its size with "
                + "the " + (what.equals("feature") ? "featureCount" : "sequenceLength") + " option");
    }
}

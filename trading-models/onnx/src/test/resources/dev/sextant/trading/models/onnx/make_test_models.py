#!/usr/bin/python3
"""Writes the small hand-built ONNX graphs that OnnxModelTest loads.

Every weight is a simple closed-form number (see weights()), so the Java test recomputes the
expected outputs itself instead of trusting a golden file. Run from this directory with Debian's
python3-onnx (1.12):  /usr/bin/python3 make_test_models.py
The graphs use opset 17 and IR version 8 so that any ONNX Runtime >= 1.14 loads them.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FEATURES = 4
SEQ = 5


def weights():
    # W[i][j] = (i + 1) * 0.1 - j * 0.2 ;  b[j] = 0.05 * j  (also written out in OnnxModelTest)
    w = np.array([[(i + 1) * 0.1 - j * 0.2 for j in range(3)] for i in range(FEATURES)], dtype=np.float32)
    b = np.array([0.05 * j for j in range(3)], dtype=np.float32)
    return w, b


def save(graph, name, metadata=None):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="sextant-tests")
    model.ir_version = 8
    for key, value in (metadata or {}).items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value
    onnx.checker.check_model(model)
    onnx.save(model, name)


def linear(name, input_shape, output_name, extra_nodes=(), extra_outputs=(), softmax=False, metadata=None,
           input_type=TensorProto.FLOAT, extra_initializers=()):
    w, b = weights()
    nodes = [helper.make_node("MatMul", ["x", "W"], ["xw"]),
             helper.make_node("Add", ["xw", "b"], ["logits_raw"])]
    if input_type != TensorProto.FLOAT:
        nodes[0] = helper.make_node("MatMul", ["xf", "W"], ["xw"])
        nodes.insert(0, helper.make_node("Cast", ["x"], ["xf"], to=TensorProto.FLOAT))
    if softmax:
        nodes.append(helper.make_node("Softmax", ["logits_raw"], [output_name], axis=1))
    else:
        nodes.append(helper.make_node("Identity", ["logits_raw"], [output_name]))
    nodes.extend(extra_nodes)
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("x", input_type, input_shape)],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, [input_shape[0], 3])] + list(extra_outputs),
        [numpy_helper.from_array(w, "W"), numpy_helper.from_array(b, "b")] + list(extra_initializers))
    save(graph, name + ".onnx", metadata)


def main():
    # Vector input, logits output: Java applies softmax.
    linear("linear_logits", ["batch", FEATURES], "logits")
    # Same graph, with a fitted temperature recorded in the model's metadata.
    linear("linear_logits_calibrated", ["batch", FEATURES], "logits", metadata={"sextant.temperature": "2.0"})
    # Probabilities output plus a confidence output of shape [batch, 1]: sigmoid(sum(x)).
    linear("linear_probs_confidence", ["batch", FEATURES], "probabilities", softmax=True,
           extra_nodes=[helper.make_node("ReduceSum", ["x", "axes1"], ["xsum"], keepdims=1),
                        helper.make_node("Sigmoid", ["xsum"], ["confidence"])],
           extra_outputs=[helper.make_tensor_value_info("confidence", TensorProto.FLOAT, ["batch", 1])],
           extra_initializers=[numpy_helper.from_array(np.array([1], dtype=np.int64), "axes1")])
    # Fixed batch dimension of 1: batch prediction must go row by row.
    linear("fixed_batch_logits", [1, FEATURES], "logits")
    # Unsupported input element type.
    linear("double_input", ["batch", FEATURES], "logits", input_type=TensorProto.DOUBLE)

    # Window input [batch, SEQ, FEATURES]: mean over time, then the linear head and softmax -> "probs";
    # confidence of shape [batch] = sigmoid(mean of all values).
    w, b = weights()
    nodes = [helper.make_node("ReduceMean", ["x"], ["xmean"], axes=[1], keepdims=0),
             helper.make_node("MatMul", ["xmean", "W"], ["xw"]),
             helper.make_node("Add", ["xw", "b"], ["z"]),
             helper.make_node("Softmax", ["z"], ["probs"], axis=1),
             helper.make_node("ReduceMean", ["xmean"], ["m"], axes=[1], keepdims=0),
             helper.make_node("Sigmoid", ["m"], ["confidence"])]
    graph = helper.make_graph(
        nodes, "window_probs",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", SEQ, FEATURES])],
        [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["batch", 3]),
         helper.make_tensor_value_info("confidence", TensorProto.FLOAT, ["batch"])],
        [numpy_helper.from_array(w, "W"), numpy_helper.from_array(b, "b")])
    save(graph, "window_probs.onnx")

    # Feature dimension left symbolic: logits = sum(x) * [1, 0, -1]; needs an expected feature count.
    nodes = [helper.make_node("ReduceSum", ["x", "axes1"], ["s"], keepdims=1),
             helper.make_node("Mul", ["s", "c"], ["logits"])]
    graph = helper.make_graph(
        nodes, "dynamic_features",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "features"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 3])],
        [numpy_helper.from_array(np.array([1], dtype=np.int64), "axes1"),
         numpy_helper.from_array(np.array([1.0, 0.0, -1.0], dtype=np.float32), "c")])
    save(graph, "dynamic_features.onnx")

    # Two classes: not a SELL/HOLD/BUY classifier.
    nodes = [helper.make_node("MatMul", ["x", "W2"], ["logits"])]
    graph = helper.make_graph(
        nodes, "two_classes",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", FEATURES])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", 2])],
        [numpy_helper.from_array(np.ones((FEATURES, 2), dtype=np.float32), "W2")])
    save(graph, "two_classes.onnx")

    # No output named logits, probabilities or probs.
    nodes = [helper.make_node("MatMul", ["x", "W"], ["scores"])]
    graph = helper.make_graph(
        nodes, "unnamed_output",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", FEATURES])],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 3])],
        [numpy_helper.from_array(w, "W")])
    save(graph, "unnamed_output.onnx")



if __name__ == "__main__":
    main()

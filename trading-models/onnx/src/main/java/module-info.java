/**
 * ONNX Runtime adapter for Sextant models: any ONNX classifier with a vector or
 * {@code [batch, seq, features]} input, on CPU, CUDA or TensorRT.
 *
 * <p>ONNX Runtime's jar is an automatic module named {@code com.microsoft.onnxruntime} (its
 * manifest's {@code Automatic-Module-Name}); the GPU jar {@code onnxruntime_gpu} carries the same
 * name, so swapping them needs no change here.
 */
module dev.sextant.trading.models.onnx {
    requires transitive dev.sextant.trading.models;
    requires com.microsoft.onnxruntime;
    requires org.slf4j;

    exports dev.sextant.trading.models.onnx;

    provides dev.sextant.trading.models.ModelProvider with dev.sextant.trading.models.onnx.OnnxModelProvider,
            dev.sextant.trading.models.onnx.OnnxPolicyProvider;
}

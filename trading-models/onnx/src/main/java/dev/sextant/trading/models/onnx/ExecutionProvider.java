package dev.sextant.trading.models.onnx;

/**
 * Where ONNX Runtime runs a model.
 *
 * <p>{@link #CUDA} and {@link #TENSORRT} need the GPU build of ONNX Runtime
 * ({@code com.microsoft.onnxruntime:onnxruntime_gpu} in place of {@code onnxruntime}) and a
 * device; asking for them explicitly when either is missing is a load error. {@link #AUTO} picks
 * CUDA when it can and otherwise falls back to CPU with a logged warning, unless
 * {@link OnnxModelOptions#requireGpu()} is set.
 */
public enum ExecutionProvider {
    /** ONNX Runtime's default CPU provider. */
    CPU,
    /**
     * NVIDIA CUDA on device {@link OnnxModelOptions#gpuDeviceId()}, with TF32 off (ONNX Runtime
     * turns it on by default) so that results stay within 1e-4 of the CPU provider's.
     */
    CUDA,
    /** NVIDIA TensorRT, with CUDA for the nodes TensorRT does not take. */
    TENSORRT,
    /** CUDA when the GPU build and a device are present, else CPU (with a warning). */
    AUTO;

    /**
     * Parses {@code cpu}, {@code cuda}, {@code tensorrt} or {@code auto}, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static ExecutionProvider parse(String value) {
        if (value != null) {
            for (ExecutionProvider p : values()) {
                if (p.name().equalsIgnoreCase(value.strip())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("executionProvider must be one of cpu, cuda, tensorrt, auto but was "
                + value);
    }
}

package dev.sextant.trading.models.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import dev.sextant.trading.models.ModelLoadException;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open ONNX Runtime session with the options and execution provider it was created with, and
 * the choice of that provider: CPU, CUDA (with TF32 off), TensorRT, or {@code auto}, which falls
 * back to CPU (with a warning) when this build or machine has no usable GPU unless
 * {@link OnnxModelOptions#requireGpu()} is set. Errors are {@link ModelLoadException}s naming the
 * source, the device and the missing CUDA libraries.
 */
record OnnxSession(OrtEnvironment env, OrtSession.SessionOptions options, OrtSession session,
        ExecutionProvider provider) {
    /** Logs under the model's category, where users configure ONNX logging. */
    private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);

    static OnnxSession open(byte[] bytes, String source, OnnxModelOptions o) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions so = sessionOptions(o, source);
        ExecutionProvider provider;
        try {
            provider = addProvider(so, o, source);
        } catch (RuntimeException e) {
            so.close();
            throw e;
        }
        try {
            return new OnnxSession(env, so, env.createSession(bytes, so), provider);
        } catch (OrtException e) {
            so.close();
            if (provider == ExecutionProvider.CPU) {
                throw new ModelLoadException(source + ": not a loadable ONNX model: " + e.getMessage(), e);
            }
            if (o.executionProvider() == ExecutionProvider.AUTO && !o.requireGpu()) {
                LOG.warn("{}: executionProvider=auto could not start a session on {} device {} ({}); "
                        + "falling back to CPU", source, provider, o.gpuDeviceId(), e.getMessage());
                return open(bytes, source, o.withExecutionProvider(ExecutionProvider.CPU));
            }
            // The model may be fine: CUDA kernels and device memory are only set up here.
            throw new ModelLoadException(source + ": cannot start a session on " + provider + " device "
                    + o.gpuDeviceId() + " (the model may also be invalid): " + e.getMessage(), e);
        }
    }

    void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing ONNX session failed: {}", e.getMessage());
        }
        options.close();
    }

    private static OrtSession.SessionOptions sessionOptions(OnnxModelOptions o, String source) {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        try {
            so.setOptimizationLevel(switch (o.optimizationLevel()) {
                case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            if (o.intraOpThreads() > 0) {
                so.setIntraOpNumThreads(o.intraOpThreads());
            }
            return so;
        } catch (OrtException e) {
            so.close();
            throw new ModelLoadException(source + ": invalid session options: " + e.getMessage(), e);
        }
    }

    private static ExecutionProvider addProvider(OrtSession.SessionOptions so, OnnxModelOptions o, String source) {
        EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
        int device = o.gpuDeviceId();
        switch (o.executionProvider()) {
            case CPU -> {
                return ExecutionProvider.CPU;
            }
            case CUDA -> {
                requireProvider(available, OrtProvider.CUDA, source);
                add(() -> addCuda(so, device), ExecutionProvider.CUDA, device, source);
                return ExecutionProvider.CUDA;
            }
            case TENSORRT -> {
                requireProvider(available, OrtProvider.TENSOR_RT, source);
                add(() -> so.addTensorrt(device), ExecutionProvider.TENSORRT, device, source);
                if (available.contains(OrtProvider.CUDA)) {
                    add(() -> addCuda(so, device), ExecutionProvider.CUDA, device, source);
                }
                return ExecutionProvider.TENSORRT;
            }
            case AUTO -> {
                if (!available.contains(OrtProvider.CUDA)) {
                    if (o.requireGpu()) {
                        throw new ModelLoadException(source + ": requireGpu is set but " + noGpuBuild(available));
                    }
                    LOG.warn("{}: executionProvider=auto found no GPU ({}); running on CPU", source,
                            noGpuBuild(available));
                    return ExecutionProvider.CPU;
                }
                try {
                    addCuda(so, device);
                    return ExecutionProvider.CUDA;
                } catch (OrtException e) {
                    String reason = e.getMessage().strip() + GpuLibraries.missing(ExecutionProvider.CUDA);
                    if (o.requireGpu()) {
                        throw new ModelLoadException(source + ": requireGpu is set but CUDA device " + device
                                + " cannot be used: " + reason, e);
                    }
                    LOG.warn("{}: executionProvider=auto cannot use CUDA device {} ({}); running on CPU", source,
                            device, reason);
                    return ExecutionProvider.CPU;
                }
            }
            default -> throw new IllegalStateException("unhandled provider " + o.executionProvider());
        }
    }

    /**
     * Registers CUDA with TF32 off. ONNX Runtime's CUDA provider turns TF32 on by default
     * ({@code use_tf32}): on Ampere and newer GPUs it rounds MatMul and GEMM inputs to 10-bit
     * mantissas, which moves float32 results by up to about 1e-3 relative. Sextant prefers
     * CUDA results that reproduce the CPU ones to 1e-4 over that speed-up. ONNX Runtime copies
     * the options when they are added, so they close here.
     */
    private static void addCuda(OrtSession.SessionOptions so, int device) throws OrtException {
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device)) {
            cuda.add("use_tf32", "0");
            so.addCUDA(cuda);
        }
    }

    private static void requireProvider(EnumSet<OrtProvider> available, OrtProvider p, String source) {
        if (!available.contains(p)) {
            throw new ModelLoadException(source + ": execution provider " + p.getName() + " requested but "
                    + noGpuBuild(available));
        }
    }

    private static String noGpuBuild(EnumSet<OrtProvider> available) {
        return "this ONNX Runtime build offers only " + available + "; put com.microsoft.onnxruntime:onnxruntime_gpu"
                + " on the class path in place of onnxruntime and run on a machine with an NVIDIA GPU and CUDA";
    }

    private static void add(OrtCall call, ExecutionProvider provider, int device, String source) {
        try {
            call.run();
        } catch (OrtException e) {
            String name = provider == ExecutionProvider.TENSORRT ? "TensorRT" : "CUDA";
            throw new ModelLoadException(source + ": cannot use " + name + " device " + device + ": "
                    + e.getMessage().strip() + GpuLibraries.missing(provider), e);
        }
    }

    @FunctionalInterface
    private interface OrtCall {
        void run() throws OrtException;
    }
}

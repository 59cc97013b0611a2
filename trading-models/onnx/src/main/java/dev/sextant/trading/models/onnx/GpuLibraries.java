package dev.sextant.trading.models.onnx;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Names the shared libraries that ONNX Runtime's CUDA or TensorRT provider needs and that the
 * dynamic loader cannot find. ONNX Runtime's Java API reports only "Failed to load shared
 * library" when a provider library does not load; the loader's reason goes to ONNX Runtime's
 * native log on standard error, out of reach of the exception and of SLF4J.
 *
 * <p>The names are the {@code NEEDED} entries ({@code readelf -d}) of
 * {@code libonnxruntime_providers_cuda.so} and {@code libonnxruntime_providers_tensorrt.so} in
 * {@code onnxruntime_gpu} 1.29.0 for Linux, a CUDA 12 build, plus the NVIDIA driver's
 * {@code libcuda.so.1}; update them with the ONNX Runtime version. Each is tried with
 * {@link SymbolLookup#libraryLookup(String, Arena)} ({@code dlopen}, then {@code dlclose}), so the
 * same search path as ONNX Runtime's applies ({@code LD_LIBRARY_PATH}, the {@code ldconfig} cache).
 * That is a restricted method: without {@code --enable-native-access} for this module (the flag
 * ONNX Runtime's own native loading needs too) the JVM prints a one-time warning. Linux only;
 * elsewhere, or where native access is denied, it names nothing. Only called after a provider
 * failed to register, never on a prediction path. Stateless and thread-safe.
 */
final class GpuLibraries {

    private static final String DRIVER = "libcuda.so.1";
    private static final List<String> CUDA = List.of(DRIVER, "libcudart.so.12", "libcublas.so.12",
            "libcublasLt.so.12", "libcurand.so.10");
    private static final List<String> TENSORRT = List.of(DRIVER, "libcudart.so.12", "libcublas.so.12",
            "libcudnn.so.9", "libnvinfer.so.10", "libnvonnxparser.so.10");

    private GpuLibraries() {
    }

    /**
     * A sentence naming the libraries {@code provider} needs that cannot be loaded, starting with
     * {@code "; "} so that it can follow ONNX Runtime's message; empty when all of them load, when
     * {@code provider} is not CUDA or TensorRT, off Linux, or when native access is denied.
     */
    static String missing(ExecutionProvider provider) {
        List<String> needed = switch (provider) {
            case CUDA, AUTO -> CUDA;
            case TENSORRT -> TENSORRT;
            case CPU -> List.of();
        };
        if (needed.isEmpty() || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return "";
        }
        List<String> missing = new ArrayList<>();
        try {
            for (String library : needed) {
                if (!loadable(library)) {
                    missing.add(library.equals(DRIVER) ? DRIVER + " (the NVIDIA driver)" : library);
                }
            }
        } catch (IllegalCallerException e) {
            return "";
        }
        if (missing.isEmpty()) {
            return "";
        }
        String wanted = provider == ExecutionProvider.TENSORRT
                ? "an NVIDIA driver, CUDA 12, cuDNN 9 and TensorRT 10"
                : "an NVIDIA driver and CUDA 12";
        return "; the dynamic loader cannot find " + String.join(", ", missing) + " (ONNX Runtime's GPU build needs "
                + wanted + " installed, or their directories on LD_LIBRARY_PATH)";
    }

    @SuppressWarnings("restricted") // see the class comment
    private static boolean loadable(String library) {
        try (Arena arena = Arena.ofConfined()) {
            SymbolLookup.libraryLookup(library, arena);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package dev.sextant.trading.models.onnx;

import dev.sextant.trading.core.Checks;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How an ONNX model is loaded: execution provider, session options, and the shapes it is
 * expected to have. Start from {@link #defaults()} and change what you need with the
 * {@code with...} methods; immutable and thread-safe.
 *
 * @param executionProvider    where to run; default {@link ExecutionProvider#CPU}
 * @param requireGpu           with {@link ExecutionProvider#AUTO}: fail instead of falling back to CPU
 *                             when no GPU provider can be used; default false
 * @param gpuDeviceId          CUDA/TensorRT device ordinal, at least 0; default 0
 * @param intraOpThreads       threads ONNX Runtime uses inside one operator; 0 lets ONNX Runtime
 *                             choose (one per physical core); default 1, the right choice for
 *                             single-row latency in a process that runs other work
 * @param optimizationLevel    graph optimisation level; default {@link OptimizationLevel#ALL}
 * @param expectedFeatureCount values per feature vector the caller's feature spec produces; the
 *                             model's feature dimension must equal it (and it fills a symbolic
 *                             feature dimension); 0 means "take it from the model"
 * @param sequenceLength       window length for a {@code [batch, seq, features]} model whose
 *                             sequence dimension is symbolic, or a check of a fixed one; 0 means
 *                             "take it from the model"
 * @param temperature          divides the logits before the softmax (temperature scaling); 0 means
 *                             "use the model's {@value OnnxModel#TEMPERATURE_KEY} metadata entry, or
 *                             1 when it has none"; only valid for a model with a {@code logits}
 *                             output
 */
public record OnnxModelOptions(ExecutionProvider executionProvider, boolean requireGpu, int gpuDeviceId,
        int intraOpThreads, OptimizationLevel optimizationLevel, int expectedFeatureCount, int sequenceLength,
        double temperature) {

    /** The option keys {@link #fromMap} accepts. */
    public static final Set<String> KEYS = Set.of("executionProvider", "requireGpu", "gpuDeviceId",
            "intraOpThreads", "optimizationLevel", "featureCount", "sequenceLength", "temperature");

    /** Validates the options. */
    public OnnxModelOptions {
        Checks.notNull(executionProvider, "executionProvider");
        Checks.nonNegative(gpuDeviceId, "gpuDeviceId");
        Checks.nonNegative(intraOpThreads, "intraOpThreads");
        Checks.notNull(optimizationLevel, "optimizationLevel");
        Checks.nonNegative(expectedFeatureCount, "expectedFeatureCount");
        Checks.nonNegative(sequenceLength, "sequenceLength");
        Checks.nonNegative(temperature, "temperature");
        if (requireGpu && executionProvider == ExecutionProvider.CPU) {
            throw new IllegalArgumentException("requireGpu is set but executionProvider is cpu");
        }
    }

    /** CPU, one intra-op thread, all optimisations, shapes taken from the model, temperature from the model. */
    public static OnnxModelOptions defaults() {
        return new OnnxModelOptions(ExecutionProvider.CPU, false, 0, 1, OptimizationLevel.ALL, 0, 0, 0);
    }

    /**
     * Options from string key/value pairs, as given on a command line or in a bundle manifest.
     * Keys: {@code executionProvider} (cpu|cuda|tensorrt|auto), {@code requireGpu} (true|false),
     * {@code gpuDeviceId}, {@code intraOpThreads}, {@code optimizationLevel}
     * (none|basic|extended|all), {@code featureCount}, {@code sequenceLength}, {@code temperature}.
     * Missing keys keep their {@link #defaults()}.
     *
     * @throws IllegalArgumentException for an unknown key or a value that does not parse, naming it
     */
    public static OnnxModelOptions fromMap(Map<String, String> options) {
        Checks.notNull(options, "options");
        for (String key : options.keySet()) {
            // Set.of(...).contains(null) throws NullPointerException: a null key is an unknown option.
            if (key == null || !KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown ONNX model option '" + key + "'; known options: "
                        + new TreeSet<>(KEYS));
            }
        }
        OnnxModelOptions d = defaults();
        return new OnnxModelOptions(
                get(options, "executionProvider", ExecutionProvider::parse, d.executionProvider),
                get(options, "requireGpu", v -> parseBoolean("requireGpu", v), d.requireGpu),
                get(options, "gpuDeviceId", v -> parseInt("gpuDeviceId", v), d.gpuDeviceId),
                get(options, "intraOpThreads", v -> parseInt("intraOpThreads", v), d.intraOpThreads),
                get(options, "optimizationLevel", OptimizationLevel::parse, d.optimizationLevel),
                get(options, "featureCount", v -> parseInt("featureCount", v), d.expectedFeatureCount),
                get(options, "sequenceLength", v -> parseInt("sequenceLength", v), d.sequenceLength),
                get(options, "temperature", v -> parseDouble("temperature", v), d.temperature));
    }

    private static <T> T get(Map<String, String> options, String key, Function<String, T> parser, T fallback) {
        String value = options.get(key);
        return value == null ? fallback : parser.apply(value);
    }

    /** These options with another execution provider. */
    public OnnxModelOptions withExecutionProvider(ExecutionProvider provider) {
        return new OnnxModelOptions(provider, requireGpu, gpuDeviceId, intraOpThreads, optimizationLevel,
                expectedFeatureCount, sequenceLength, temperature);
    }

    /** These options with {@code requireGpu} set: no silent CPU fallback (provider must not be CPU). */
    public OnnxModelOptions withRequireGpu(boolean require) {
        return new OnnxModelOptions(executionProvider, require, gpuDeviceId, intraOpThreads, optimizationLevel,
                expectedFeatureCount, sequenceLength, temperature);
    }

    /** These options with another GPU device ordinal. */
    public OnnxModelOptions withGpuDeviceId(int deviceId) {
        return new OnnxModelOptions(executionProvider, requireGpu, deviceId, intraOpThreads, optimizationLevel,
                expectedFeatureCount, sequenceLength, temperature);
    }

    /** These options with another intra-op thread count (0 = ONNX Runtime's choice). */
    public OnnxModelOptions withIntraOpThreads(int threads) {
        return new OnnxModelOptions(executionProvider, requireGpu, gpuDeviceId, threads, optimizationLevel,
                expectedFeatureCount, sequenceLength, temperature);
    }

    /** These options with another graph optimisation level. */
    public OnnxModelOptions withOptimizationLevel(OptimizationLevel level) {
        return new OnnxModelOptions(executionProvider, requireGpu, gpuDeviceId, intraOpThreads, level,
                expectedFeatureCount, sequenceLength, temperature);
    }

    /** These options checking the model's feature dimension against {@code featureCount} (0 = no check). */
    public OnnxModelOptions withExpectedFeatureCount(int featureCount) {
        return new OnnxModelOptions(executionProvider, requireGpu, gpuDeviceId, intraOpThreads, optimizationLevel,
                featureCount, sequenceLength, temperature);
    }

    /** These options with a window length for (or a check of) the model's sequence dimension (0 = none). */
    public OnnxModelOptions withSequenceLength(int length) {
        return new OnnxModelOptions(executionProvider, requireGpu, gpuDeviceId, intraOpThreads, optimizationLevel,
                expectedFeatureCount, length, temperature);
    }

    /** These options with a softmax temperature for logits (0 = the model's own, or 1). */
    public OnnxModelOptions withTemperature(double t) {
        return new OnnxModelOptions(executionProvider, requireGpu, gpuDeviceId, intraOpThreads, optimizationLevel,
                expectedFeatureCount, sequenceLength, t);
    }

    private static boolean parseBoolean(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option " + key + " must be true or false but was " + value);
        };
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be an integer but was " + value, e);
        }
    }

    private static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a number but was " + value, e);
        }
    }
}

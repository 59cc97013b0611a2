package dev.sextant.trading.models.onnx;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code onnx} model provider, registered for {@link java.util.ServiceLoader}. Options are
 * those of {@link OnnxModelOptions#fromMap}. Stateless and thread-safe.
 */
public final class OnnxModelProvider implements ModelProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public OnnxModelProvider() {
    }

    /** {@code onnx}. */
    @Override
    public String type() {
        return OnnxModel.TYPE;
    }

    /** {@code dev.sextant:trading-models-onnx}. */
    @Override
    public String artifact() {
        return "dev.sextant:trading-models-onnx";
    }

    /**
     * Loads an {@code .onnx} file with {@link OnnxModel#load(Path, OnnxModelOptions)}.
     *
     * @throws IllegalArgumentException for an unknown option key or an unparsable value
     * @throws dev.sextant.trading.models.ModelLoadException if the file cannot be loaded
     */
    @Override
    public Model load(Path file, Map<String, String> options) {
        return OnnxModel.load(file, OnnxModelOptions.fromMap(options));
    }
}

package dev.sextant.trading.models;

import java.nio.file.Path;
import java.util.Map;

/**
 * A model back end, found with {@link java.util.ServiceLoader} by its {@link #type()} id
 * ({@code onnx}, {@code xgboost}, {@code smile-rf}, ...). Adapter artifacts provide one.
 */
public interface ModelProvider {

    /** The stable type id this provider loads. */
    String type();

    /** The Maven artifact that contains this provider, named in errors when it is missing. */
    String artifact();

    /**
     * Loads a model file.
     *
     * @param file    the model file
     * @param options adapter options (e.g. {@code executionProvider=cuda}); unknown keys are errors
     * @throws ModelLoadException if the file is missing, corrupted or of the wrong kind
     */
    Model load(Path file, Map<String, String> options);
}

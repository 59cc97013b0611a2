package dev.sextant.trading.models.onnx;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.policy.PolicyLayout;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@value OnnxPolicy#TYPE} model provider, registered for {@link java.util.ServiceLoader}: an
 * actor exported to ONNX. Options are the {@link PolicyLayout} keys ({@link PolicyLayout#toOptions()})
 * plus those of {@link OnnxModelOptions#fromMap}. Stateless and thread-safe.
 */
public final class OnnxPolicyProvider implements ModelProvider {
    private static final Set<String> LAYOUT_KEYS = Set.of(PolicyLayout.WINDOW, PolicyLayout.MAX_FRACTION,
            PolicyLayout.SPEC, PolicyLayout.SCALER);

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public OnnxPolicyProvider() {
    }

    /** {@value OnnxPolicy#TYPE}. */
    @Override
    public String type() {
        return OnnxPolicy.TYPE;
    }

    /** {@code dev.sextant:trading-models-onnx}. */
    @Override
    public String artifact() {
        return "dev.sextant:trading-models-onnx";
    }

    /**
     * Loads an {@code .onnx} actor with {@link OnnxPolicy#load(Path, PolicyLayout, OnnxModelOptions)}.
     *
     * @throws ModelLoadException if a layout option is missing or invalid, an ONNX option is
     *                            unknown, or the file cannot be loaded
     */
    @Override
    public Model load(Path file, Map<String, String> options) {
        PolicyLayout layout;
        OnnxModelOptions onnx;
        try {
            layout = PolicyLayout.fromOptions(options, "ONNX policy " + file);
            Map<String, String> rest = new HashMap<>(options);
            rest.keySet().removeAll(LAYOUT_KEYS);
            onnx = OnnxModelOptions.fromMap(rest);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(e.getMessage(), e);
        }
        return OnnxPolicy.load(file, layout, onnx);
    }
}

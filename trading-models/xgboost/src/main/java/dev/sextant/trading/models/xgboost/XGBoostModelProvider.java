package dev.sextant.trading.models.xgboost;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code xgboost} model provider, registered for {@link java.util.ServiceLoader}. Loads XGBoost
 * JSON and UBJ files; options are those of {@link XGBoostOptions#fromMap}. Stateless and thread-safe.
 */
public final class XGBoostModelProvider implements ModelProvider {

    /** Creates the provider (called by {@link java.util.ServiceLoader}). */
    public XGBoostModelProvider() {
    }

    /** {@code xgboost}. */
    @Override
    public String type() {
        return XGBoostModel.TYPE;
    }

    /** {@code dev.sextant:trading-models-xgboost}. */
    @Override
    public String artifact() {
        return "dev.sextant:trading-models-xgboost";
    }

    /**
     * Loads a {@code .json} or {@code .ubj} XGBoost model with {@link XGBoostModel#load(Path, XGBoostOptions)}.
     *
     * @throws IllegalArgumentException for an unknown option key or an unparsable value
     * @throws dev.sextant.trading.models.ModelLoadException if the file cannot be loaded
     */
    @Override
    public Model load(Path file, Map<String, String> options) {
        return XGBoostModel.load(file, XGBoostOptions.fromMap(options));
    }
}

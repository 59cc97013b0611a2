package dev.sextant.trading.engine.rl.internal;

import dev.sextant.trading.engine.rl.PpoPolicy;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelProvider;
import java.nio.file.Path;
import java.util.Map;

/** Loads {@link PpoPolicy} files; registered with ServiceLoader under type {@value PpoPolicy#TYPE}. */
public final class PpoPolicyProvider implements ModelProvider {

    /** Creates the provider (ServiceLoader). */
    public PpoPolicyProvider() {
    }

    @Override
    public String type() {
        return PpoPolicy.TYPE;
    }

    @Override
    public String artifact() {
        return "dev.sextant:trading-engine";
    }

    @Override
    public Model load(Path file, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new ModelLoadException("the PPO policy takes no options but got " + options.keySet());
        }
        return PpoPolicy.load(file);
    }
}

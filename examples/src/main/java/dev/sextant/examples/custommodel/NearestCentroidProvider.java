package dev.sextant.examples.custommodel;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelProvider;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads {@link NearestCentroidModel} files; registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.sextant.trading.models.ModelProvider}, so a bundle whose manifest
 * names type {@value NearestCentroidModel#TYPE} loads through it
 * ({@code ModelBundle.load} calls {@code Models.provider(type)}).
 */
public final class NearestCentroidProvider implements ModelProvider {

    @Override
    public String type() {
        return NearestCentroidModel.TYPE;
    }

    @Override
    public String artifact() {
        return "dev.sextant:examples";
    }

    @Override
    public Model load(Path file, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new ModelLoadException("model type " + NearestCentroidModel.TYPE + " takes no options but was given "
                    + options.keySet());
        }
        return NearestCentroidModel.load(file);
    }
}

package dev.sextant.trading.models.smile.internal;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.smile.SmileModels;
import java.nio.file.Path;
import java.util.Map;

/** Loads {@value SmileModels#SVM} models saved by the Smile trainers; registered with ServiceLoader. */
public final class SvmProvider implements ModelProvider {

    /** Creates the provider (ServiceLoader). */
    public SvmProvider() {
    }

    @Override
    public String type() {
        return SmileModels.SVM;
    }

    @Override
    public String artifact() {
        return SmileModels.ARTIFACT;
    }

    @Override
    public Model load(Path file, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new ModelLoadException(type() + " models take no load options but got " + options.keySet());
        }
        return SmileModel.load(file, type());
    }
}

package dev.sextant.trading.models.internal;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.linear.LogisticRegression;
import java.nio.file.Path;
import java.util.Map;

/** Loads {@link LogisticRegression} files; registered with ServiceLoader under type {@code logistic}. */
public final class LogisticRegressionProvider implements ModelProvider {

    /** Creates the provider (ServiceLoader). */
    public LogisticRegressionProvider() {
    }

    @Override
    public String type() {
        return LogisticRegression.TYPE;
    }

    @Override
    public String artifact() {
        return "dev.sextant:trading-models";
    }

    @Override
    public Model load(Path file, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new ModelLoadException("the logistic model takes no options but got " + options.keySet());
        }
        return LogisticRegression.load(file);
    }
}

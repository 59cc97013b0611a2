package dev.sextant.trading.models.internal;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.linear.TimeframeLogisticRegression;
import java.nio.file.Path;
import java.util.Map;

/** Loads {@link TimeframeLogisticRegression} files; registered with ServiceLoader under type {@code timeframe-logistic}. */
public final class TimeframeLogisticProvider implements ModelProvider {

    /** Creates the provider (ServiceLoader). */
    public TimeframeLogisticProvider() {
    }

    @Override
    public String type() {
        return TimeframeLogisticRegression.TYPE;
    }

    @Override
    public String artifact() {
        return "dev.sextant:trading-models";
    }

    @Override
    public Model load(Path file, Map<String, String> options) {
        if (!options.isEmpty()) {
            throw new ModelLoadException("the " + TimeframeLogisticRegression.TYPE + " model takes no options but got "
                    + options.keySet());
        }
        return TimeframeLogisticRegression.load(file);
    }
}

package dev.sextant.trading.engine.report;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Permutation importance of each feature on held-out rows: how much the out-of-sample log loss of
 * the calibrated model rises when that feature's column is shuffled among the test rows of a
 * fold, so that its link to the label is broken while its distribution stays the same. Averaged
 * over folds, weighted by the rows used. A value near 0 (or below) means the model does not rely
 * on the feature out of sample.
 *
 * <p>Only models that read one feature vector per bar are measured; a fold whose model reads a
 * window of bars is left out (its rows are not counted).
 *
 * @param features              feature names, in the model's column order
 * @param permutationLogLossIncrease per feature: permuted log loss minus unpermuted log loss
 * @param rows                  held-out rows the figures were measured on, positive
 * @param seed                  seed of the shuffles
 */
public record FeatureImportance(List<String> features, double[] permutationLogLossIncrease, int rows, long seed) {

    /** The header of {@code feature_importance.csv}. */
    public static final String HEADER = "feature,permutation_log_loss_increase";

    /** Validates and copies. */
    public FeatureImportance {
        features = List.copyOf(features);
        Checks.notNull(permutationLogLossIncrease, "permutationLogLossIncrease");
        if (permutationLogLossIncrease.length != features.size()) {
            throw new IllegalArgumentException("permutationLogLossIncrease must have one value per feature ("
                    + features.size() + ") but had " + permutationLogLossIncrease.length);
        }
        permutationLogLossIncrease = permutationLogLossIncrease.clone();
        Checks.positive(rows, "rows");
    }

    /** A copy of the increases. */
    @Override
    public double[] permutationLogLossIncrease() {
        return permutationLogLossIncrease.clone();
    }

    /**
     * Writes {@code feature_importance.csv} ({@value #HEADER}) into {@code dir}, atomically.
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public void write(Path dir) {
        AtomicFileWriter.writeTextUnchecked(dir.resolve("feature_importance.csv"), w -> {
            w.write(HEADER + "\n");
            for (int j = 0; j < features.size(); j++) {
                w.write(features.get(j) + "," + permutationLogLossIncrease[j] + "\n");
            }
        });
    }
}

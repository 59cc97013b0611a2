package dev.sextant.trading.engine.report;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.TreeGain;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Feature importance by tree gain: per feature, the total training-loss reduction of the splits
 * the models' trees make on it (summed over the trees of every model, and over the folds of a
 * walk-forward), with its share of the total, the total cover and the number of splits. It says
 * what the trees were built from; {@link FeatureImportance} (permutation on held-out rows) says
 * what helps out of sample.
 *
 * @param features feature names, in the models' column order
 * @param gain     the summed tree gain, one entry per feature
 * @param models   models the gain was summed over (folds of a walk-forward; 1 for one bundle), positive
 */
public record TreeGainImportance(List<String> features, TreeGain gain, int models) {

    /** The header of {@code tree_gain.csv}. */
    public static final String HEADER = "feature,gain,gain_share,cover,splits";
    /** The file written by {@link #write}. */
    public static final String FILE = "tree_gain.csv";

    /** Validates and copies. */
    public TreeGainImportance {
        features = List.copyOf(features);
        Checks.notNull(gain, "gain");
        if (gain.size() != features.size()) {
            throw new IllegalArgumentException("tree gain has " + gain.size() + " inputs but there are " + features.size()
                    + " features");
        }
        Checks.positive(models, "models");
    }

    /**
     * The tree gain of {@code model} named by {@code features}, empty when the model has no trees
     * or reads a window of bars (its inputs are then not one value per feature).
     */
    public static Optional<TreeGainImportance> of(Model model, List<String> features) {
        Checks.notNull(model, "model");
        Checks.notNull(features, "features");
        return model.treeGain().filter(g -> g.size() == features.size()).map(g -> new TreeGainImportance(features, g, 1));
    }

    /**
     * The sum of the tree gains of {@code models} (the folds of a walk-forward), empty when none
     * has trees read one value per feature.
     */
    public static Optional<TreeGainImportance> sum(List<? extends Model> models, List<String> features) {
        Checks.notNull(models, "models");
        TreeGain total = null;
        int counted = 0;
        for (Model m : models) {
            Optional<TreeGain> g = m.treeGain().filter(x -> x.size() == features.size());
            if (g.isPresent()) {
                total = total == null ? g.get() : total.plus(g.get());
                counted++;
            }
        }
        return total == null ? Optional.empty() : Optional.of(new TreeGainImportance(features, total, counted));
    }

    /**
     * Writes {@value #FILE} ({@value #HEADER}) into {@code dir}, atomically.
     *
     * @throws UncheckedIOException naming the file and the operating system's reason
     */
    public void write(Path dir) {
        double[] g = gain.gain();
        double[] share = gain.gainShare();
        double[] cover = gain.cover();
        long[] splits = gain.splits();
        AtomicFileWriter.writeTextUnchecked(dir.resolve(FILE), w -> {
            w.write(HEADER + "\n");
            for (int j = 0; j < features.size(); j++) {
                w.write(features.get(j) + "," + g[j] + "," + share[j] + "," + cover[j] + "," + splits[j] + "\n");
            }
        });
    }
}

package dev.sextant.trading.models.smile.internal;

import dev.sextant.trading.models.TrainerParams;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.smile.SmileModels;
import java.util.Map;
import java.util.Random;
import smile.classification.RandomForest;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.IntVector;
import smile.model.cart.SplitRule;

/** Trains Smile random forests (type {@code smile-rf}); see {@link SmileModels} for parameters. */
public final class RandomForestTrainer extends SmileTrainer {

    /** Creates the trainer (ServiceLoader). */
    public RandomForestTrainer() {
    }

    @Override
    public String type() {
        return SmileModels.RANDOM_FOREST;
    }

    /** False: tree splits do not change under standardisation, so the forest reads raw features. */
    @Override
    public boolean standardizesInputs() {
        return false;
    }

    @Override
    Object fit(TrainingSet data, TrainerParams p, long seed, Map<String, String> used) {
        int nTrees = p.positiveInt("nTrees", 100);
        int mtry = (int) p.doubleIn("mtry", 0, 0, data.featureCount());
        int maxDepth = p.positiveInt("maxDepth", 20);
        int maxNodes = (int) p.doubleIn("maxNodes", 0, 0, Integer.MAX_VALUE);
        int nodeSize = p.positiveInt("nodeSize", 5);
        double subsample = p.doubleIn("subsample", 1.0, 1e-6, 1.0);
        requireClasses(data, 2);
        used.put("nTrees", Integer.toString(nTrees));
        used.put("mtry", Integer.toString(mtry));
        used.put("maxDepth", Integer.toString(maxDepth));
        used.put("maxNodes", Integer.toString(maxNodes));
        used.put("nodeSize", Integer.toString(nodeSize));
        used.put("subsample", Double.toString(subsample));
        int f = data.featureCount();
        String[] names = new String[f];
        for (int j = 0; j < f; j++) {
            names[j] = "f" + j;
        }
        DataFrame frame = DataFrame.of(toDoubles(data), names).add(new IntVector("label", data.labels()));
        int[] classWeight = integerWeights(data.classWeights(), data.classCounts());
        long[] seeds = new Random(seed).longs(nTrees).toArray();
        RandomForest.Options options = new RandomForest.Options(nTrees, mtry, SplitRule.GINI, maxDepth,
                maxNodes == 0 ? Math.max(2, data.size() / 5) : maxNodes, nodeSize, subsample, classWeight, seeds, null);
        try {
            return RandomForest.fit(Formula.lhs("label"), frame, options);
        } catch (IllegalArgumentException e) {
            // Smile 6.2.5 scores each tree on its out-of-bag rows and fails when those hold exactly
            // two classes other than {0, 1}: with very few or very imbalanced rows.
            throw new IllegalArgumentException("smile-rf could not train on " + data.size() + " rows with class counts "
                    + java.util.Arrays.toString(data.classCounts()) + " (SELL, HOLD, BUY): Smile reported '" + e.getMessage()
                    + "'; this happens when a tree's out-of-bag rows miss a class, so give more rows per class", e);
        }
    }

    /**
     * Smile takes integer class weights for the classes present, in label order: scale so that
     * the smallest present weight is 1 and round.
     */
    static int[] integerWeights(double[] weights, int[] counts) {
        double min = Double.MAX_VALUE;
        int present = 0;
        for (int c = 0; c < 3; c++) {
            if (counts[c] > 0) {
                min = Math.min(min, weights[c]);
                present++;
            }
        }
        int[] out = new int[present];
        int k = 0;
        for (int c = 0; c < 3; c++) {
            if (counts[c] > 0) {
                out[k++] = (int) Math.min(1000, Math.max(1, Math.round(weights[c] / min)));
            }
        }
        return out;
    }
}

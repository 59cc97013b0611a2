package dev.sextant.examples.custommodel;

import dev.sextant.trading.models.ModelTrainer;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainerParams;
import dev.sextant.trading.models.TrainingSet;
import java.time.Instant;
import java.util.Map;

/**
 * Trains {@link NearestCentroidModel}s; registered for {@link java.util.ServiceLoader} in
 * {@code META-INF/services/dev.sextant.trading.models.ModelTrainer}, so
 * {@code TrainingConfig.builder(spec).models("example-centroid")} and {@code sextant train} find it.
 * Parameters: {@code temperature} (default 1), {@code id}, {@code seed} (accepted; the fit is
 * deterministic). Reads standardised features (the default of {@link #standardizesInputs()}),
 * since distances need features on one scale. Stateless and thread-safe.
 */
public final class NearestCentroidTrainer implements ModelTrainer {

    @Override
    public String type() {
        return NearestCentroidModel.TYPE;
    }

    @Override
    public String artifact() {
        return "dev.sextant:examples";
    }

    @Override
    public TrainedModel train(TrainingSet data, Map<String, String> params) {
        TrainerParams p = new TrainerParams(params, NearestCentroidModel.TYPE);
        double temperature = p.positiveDouble("temperature", 1.0);
        String id = p.string("id", NearestCentroidModel.TYPE);
        long seed = p.longParam("seed", 42);
        p.checkAllUsed();
        int f = data.featureCount();
        double[][] means = new double[3][f];
        int[] counts = data.classCounts();
        for (int c = 0; c < 3; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException(NearestCentroidModel.TYPE + " needs rows of every class but class " + c
                        + " has none");
            }
        }
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            for (int j = 0; j < f; j++) {
                means[c][j] += data.row(i)[j] / counts[c];
            }
        }
        return new NearestCentroidModel(id, means, temperature, new Provenance("example nearest-centroid trainer",
                data.size() + " rows", seed, Instant.now(), Map.of("temperature", Double.toString(temperature))));
    }
}

package dev.sextant.examples.custommodel;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelParameters;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.Softmax;
import dev.sextant.trading.models.TrainedModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A user's own model type: nearest class centroid. It remembers the mean feature vector of the
 * SELL, HOLD and BUY rows it was trained on and predicts {@code softmax(-distance² / (features ·
 * temperature))} over the three centroids. Small on purpose: what matters is the plumbing around
 * it ({@link NearestCentroidTrainer}, {@link NearestCentroidProvider}, the ServiceLoader files).
 *
 * <p>File format: the SDK's {@link ModelParameters} JSON, with arrays {@code SELL}, {@code HOLD},
 * {@code BUY} (the centroids), scalar {@code temperature} and attribute {@code id}.
 *
 * <p>Immutable; {@link #predict} uses no shared buffers, so it is thread-safe.
 */
public final class NearestCentroidModel implements TrainedModel {

    /** The type id, shared by the model, its trainer and its provider. */
    public static final String TYPE = "example-centroid";
    private static final String[] CLASSES = {"SELL", "HOLD", "BUY"};

    private final ModelMetadata metadata;
    private final double[][] centroids;
    private final double temperature;

    /**
     * @param id          model id
     * @param centroids   three centroids of equal, positive length
     * @param temperature softmax temperature, positive
     * @param provenance  where the model came from
     */
    public NearestCentroidModel(String id, double[][] centroids, double temperature, Provenance provenance) {
        if (centroids.length != 3 || centroids[0].length == 0 || centroids[1].length != centroids[0].length
                || centroids[2].length != centroids[0].length) {
            throw new IllegalArgumentException("a nearest-centroid model needs three centroids of equal, positive length");
        }
        this.centroids = new double[][] {centroids[0].clone(), centroids[1].clone(), centroids[2].clone()};
        this.temperature = Checks.positive(temperature, "temperature");
        this.metadata = new ModelMetadata(id, TYPE, InputKind.VECTOR, centroids[0].length, 1, false, provenance);
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        ModelInputException.check(metadata, input);
        Softmax.apply(logit(0, input), logit(1, input), logit(2, input), probabilities, 0);
        return Double.NaN;
    }

    private double logit(int c, float[] input) {
        double d = 0;
        for (int j = 0; j < input.length; j++) {
            double diff = input[j] - centroids[c][j];
            d += diff * diff;
        }
        return -d / (input.length * temperature);
    }

    @Override
    public void save(Path file) throws IOException {
        new ModelParameters(TYPE, Map.of("temperature", temperature), Map.of(CLASSES[0], centroids[0],
                CLASSES[1], centroids[1], CLASSES[2], centroids[2]), Map.of("id", metadata.id())).write(file);
    }

    @Override
    public String fileExtension() {
        return ModelParameters.FILE_EXTENSION;
    }

    /**
     * Reads a file written by {@link #save}.
     *
     * @throws ModelLoadException naming the file and field when it is missing or malformed
     */
    public static NearestCentroidModel load(Path file) {
        return ModelParameters.read(file, TYPE, p -> {
            double[] sell = p.array(CLASSES[0], -1);
            double[][] centroids = {sell, p.array(CLASSES[1], sell.length), p.array(CLASSES[2], sell.length)};
            return new NearestCentroidModel(p.attribute("id"), centroids, p.scalar("temperature"),
                    new Provenance("example nearest-centroid", file.getFileName().toString(), 0, Instant.EPOCH, Map.of()));
        });
    }

    @Override
    public void close() {
        // Pure Java: nothing to release.
    }
}

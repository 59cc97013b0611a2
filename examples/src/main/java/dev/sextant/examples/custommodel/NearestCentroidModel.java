package dev.sextant.examples.custommodel;

import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A user's own model type: nearest class centroid. It remembers the mean feature vector of the
 * SELL, HOLD and BUY rows it was trained on and predicts {@code softmax(-distance² / (features ·
 * temperature))} over the three centroids. Small on purpose: what matters is the plumbing around
 * it ({@link NearestCentroidTrainer}, {@link NearestCentroidProvider}, the ServiceLoader files).
 *
 * <p>File format (text, UTF-8): a first line {@value #HEADER}, then {@code id=...},
 * {@code temperature=...}, and three lines of comma-separated centroid values, SELL, HOLD, BUY.
 *
 * <p>Immutable after construction, but {@link #predict} uses no shared buffers, so it is
 * thread-safe.
 */
public final class NearestCentroidModel implements TrainedModel {

    /** The type id, shared by the model, its trainer and its provider. */
    public static final String TYPE = "example-centroid";
    /** First line of the file format. */
    static final String HEADER = "sextant-example-centroid v1";

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
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite but was " + temperature);
        }
        this.centroids = new double[][] {centroids[0].clone(), centroids[1].clone(), centroids[2].clone()};
        this.temperature = temperature;
        this.metadata = new ModelMetadata(id, TYPE, InputKind.VECTOR, centroids[0].length, 1, false, provenance);
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        ModelInputException.check(metadata, input);
        double[] logits = new double[3];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 3; c++) {
            double d = 0;
            for (int j = 0; j < input.length; j++) {
                double diff = input[j] - centroids[c][j];
                d += diff * diff;
            }
            logits[c] = -d / (input.length * temperature);
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            probabilities[c] = Math.exp(logits[c] - max);
            sum += probabilities[c];
        }
        for (int c = 0; c < 3; c++) {
            probabilities[c] /= sum;
        }
        return Double.NaN;
    }

    @Override
    public void save(Path file) throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER, "id=" + metadata.id(), "temperature=" + temperature));
        for (double[] centroid : centroids) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < centroid.length; j++) {
                b.append(j == 0 ? "" : ",").append(centroid[j]);
            }
            lines.add(b.toString());
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Override
    public String fileExtension() {
        return "txt";
    }

    /**
     * Reads a file written by {@link #save}.
     *
     * @throws ModelLoadException naming the file and line when it is missing or malformed
     */
    public static NearestCentroidModel load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read nearest-centroid model " + file + ": " + e.getMessage(), e);
        }
        if (lines.size() != 6 || !lines.get(0).equals(HEADER)) {
            throw new ModelLoadException(file + ": line 1: not a nearest-centroid model (expected '" + HEADER
                    + "' and 6 lines, found " + lines.size() + ")");
        }
        String id = value(file, lines, 1, "id");
        double temperature = number(file, 2, value(file, lines, 2, "temperature"));
        double[][] centroids = new double[3][];
        for (int c = 0; c < 3; c++) {
            String[] parts = lines.get(3 + c).split(",");
            centroids[c] = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                centroids[c][j] = number(file, 4 + c, parts[j]);
            }
        }
        try {
            return new NearestCentroidModel(id, centroids, temperature, new Provenance("example nearest-centroid",
                    file.getFileName().toString(), 0, Instant.EPOCH, Map.of()));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(file + ": " + e.getMessage(), e);
        }
    }

    private static String value(Path file, List<String> lines, int index, String key) {
        String line = lines.get(index);
        if (!line.startsWith(key + "=") || line.length() == key.length() + 1) {
            throw new ModelLoadException(file + ": line " + (index + 1) + ": expected '" + key + "=...' but was '" + line + "'");
        }
        return line.substring(key.length() + 1);
    }

    private static double number(Path file, int line, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ModelLoadException(file + ": line " + line + ": '" + text + "' is not a finite number");
        }
    }

    @Override
    public void close() {
        // Pure Java: nothing to release.
    }
}

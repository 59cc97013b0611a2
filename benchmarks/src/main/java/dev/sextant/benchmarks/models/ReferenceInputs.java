package dev.sextant.benchmarks.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real inputs for the model benchmarks: the 300 consecutive standard-24 feature rows of BTC/USD
 * 1-minute bars committed with the reference models ({@code features_sample.csv}), as vectors and
 * as the 241 complete [60, 24] windows over them.
 */
final class ReferenceInputs {

    /** Where the committed reference models live, relative to the repository root. */
    static final String DEFAULT_DIR = "examples/src/main/resources/dev/sextant/examples/models";

    final float[][] vectors;
    final float[][] windows;

    private ReferenceInputs(float[][] vectors, float[][] windows) {
        this.vectors = vectors;
        this.windows = windows;
    }

    static Path dir(String dir) {
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) {
            throw new IllegalStateException("reference model directory " + d.toAbsolutePath()
                    + " not found: run the benchmarks from the repository root or pass -p modelDir=...");
        }
        return d;
    }

    static ReferenceInputs read(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("features_sample.csv"));
        List<float[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            float[] v = new float[cells.length - 1];
            for (int j = 1; j < cells.length; j++) {
                v[j - 1] = Float.parseFloat(cells[j]);
            }
            rows.add(v);
        }
        int f = rows.get(0).length;
        int seq = 60;
        float[][] windows = new float[rows.size() - seq + 1][];
        for (int i = 0; i < windows.length; i++) {
            float[] w = new float[seq * f];
            for (int k = 0; k < seq; k++) {
                System.arraycopy(rows.get(i + k), 0, w, k * f, f);
            }
            windows[i] = w;
        }
        return new ReferenceInputs(rows.toArray(float[][]::new), windows);
    }

    /** {@code n} rows cycled from {@code source}, for batch benchmarks. */
    static float[][] cycle(float[][] source, int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = source[i % source.length];
        }
        return out;
    }
}

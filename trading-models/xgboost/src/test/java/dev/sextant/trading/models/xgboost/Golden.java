package dev.sextant.trading.models.xgboost;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test fixture: the golden rows and Python probabilities written by make_test_models.py. */
record Golden(float[][] inputs, double[][] probabilities) {

    static Golden read(String resource) {
        try (InputStream in = Golden.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            int features = lines[0].split(",").length - 3;
            List<float[]> x = new ArrayList<>();
            List<double[]> p = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] cells = lines[i].split(",");
                float[] row = new float[features];
                for (int j = 0; j < features; j++) {
                    row[j] = Float.parseFloat(cells[j]);
                }
                double[] prob = new double[3];
                for (int c = 0; c < 3; c++) {
                    prob[c] = Float.parseFloat(cells[features + c]);
                }
                x.add(row);
                p.add(prob);
            }
            return new Golden(x.toArray(float[][]::new), p.toArray(double[][]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(Golden.class.getResource(name).toURI());
        } catch (Exception e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    /** Rows without any missing value, with their probabilities. */
    Golden complete() {
        List<float[]> x = new ArrayList<>();
        List<double[]> p = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            boolean ok = true;
            for (float v : inputs[i]) {
                ok &= !Float.isNaN(v);
            }
            if (ok) {
                x.add(inputs[i]);
                p.add(probabilities[i]);
            }
        }
        return new Golden(x.toArray(float[][]::new), p.toArray(double[][]::new));
    }
}

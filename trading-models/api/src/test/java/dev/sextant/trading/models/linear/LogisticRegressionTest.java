package dev.sextant.trading.models.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogisticRegressionTest {

    @TempDir
    Path dir;

    /** Three Gaussian clusters in 2-D, one per class, centred at (-2,0), (0,2), (2,0). */
    static TrainingSet clusters(long seed, int n) {
        Random rnd = new Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        double[][] centres = {{-2, 0}, {0, 2}, {2, 0}};
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(3);
            x[i][0] = (float) (centres[y[i]][0] + 0.7 * rnd.nextGaussian());
            x[i][1] = (float) (centres[y[i]][1] + 0.7 * rnd.nextGaussian());
        }
        return TrainingSet.of(x, y);
    }

    @Test
    void learnsSeparableClusters() {
        LogisticRegression m = LogisticRegression.train(clusters(1, 600), "lr", 0.001, 500);
        TrainingSet test = clusters(2, 600);
        int correct = 0;
        double[] p = new double[3];
        for (int i = 0; i < test.size(); i++) {
            m.predict(test.row(i), p);
            int arg = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
            if (arg == test.label(i)) {
                correct++;
            }
        }
        assertTrue(correct > 0.9 * test.size(), "accuracy " + correct);
        assertEquals("logistic", m.metadata().type());
    }

    @Test
    void classWeightsShiftProbabilityTowardsTheHeavierClass() {
        TrainingSet data = clusters(3, 600);
        LogisticRegression plain = LogisticRegression.train(data, "a", 0.01, 500);
        LogisticRegression heavyBuy = LogisticRegression.train(data.withClassWeights(new double[] {1, 1, 10}), "b", 0.01, 500);
        double[] p = new double[3];
        double[] q = new double[3];
        plain.predict(new float[] {0, 0}, p);
        heavyBuy.predict(new float[] {0, 0}, q);
        assertTrue(q[2] > p[2], p[2] + " vs " + q[2]);
    }

    @Test
    void savesAndLoadsTheSamePredictions() throws IOException {
        LogisticRegression m = LogisticRegression.train(clusters(4, 300), "lr-x", 0.01, 500);
        Path file = dir.resolve("lr.json");
        m.save(file);
        LogisticRegression back = LogisticRegression.load(file);
        assertEquals("lr-x", back.metadata().id());
        assertEquals(m.metadata().provenance(), back.metadata().provenance());
        double[] p = new double[3];
        double[] q = new double[3];
        for (float[] row : clusters(5, 50).features()) {
            m.predict(row, p);
            back.predict(row, q);
            assertArrayEquals(p, q, 0.0);
        }
    }

    @Test
    void rejectsMissingCorruptAndForeignFiles() throws IOException {
        assertThrows(ModelLoadException.class, () -> LogisticRegression.load(dir.resolve("none.json")));
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{not json");
        assertThrows(ModelLoadException.class, () -> LogisticRegression.load(bad));
        Files.writeString(bad, "{\"format\":\"xgboost\",\"version\":1}");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> LogisticRegression.load(bad));
        assertTrue(e.getMessage().contains("format"), e.getMessage());
        LogisticRegression m = LogisticRegression.train(clusters(6, 100), "lr", 0.01, 100);
        m.save(bad);
        Files.writeString(bad, Files.readString(bad).replace("\"featureCount\" : 2", "\"featureCount\" : 3"));
        assertThrows(ModelLoadException.class, () -> LogisticRegression.load(bad));
    }

    @Test
    void rejectsInputOfTheWrongLengthOrNonFinite() {
        LogisticRegression m = new LogisticRegression("m", new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[3],
                Provenance.unknown("test"));
        double[] p = new double[3];
        assertThrows(ModelInputException.class, () -> m.predict(new float[] {1}, p));
        assertThrows(ModelInputException.class, () -> m.predict(new float[] {1, Float.NaN}, p));
    }

    @Test
    void rejectsNonFiniteCoefficients() {
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression("m",
                new double[][] {{Double.NaN}, {0}, {0}}, new double[3], Provenance.unknown("t")));
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegression("m",
                new double[][] {{1}, {0, 1}, {0}}, new double[3], Provenance.unknown("t")));
    }

    @Property(tries = 200)
    void probabilitiesSumToOne(@ForAll @FloatRange(min = -1e4f, max = 1e4f) float a,
            @ForAll @FloatRange(min = -1e4f, max = 1e4f) float b) {
        LogisticRegression m = new LogisticRegression("m", new double[][] {{3, -1}, {0, 2}, {-5, 1}},
                new double[] {0.1, 0, -0.1}, Provenance.unknown("t"));
        double[] p = new double[3];
        m.predict(new float[] {a, b}, p);
        assertEquals(1, p[0] + p[1] + p[2], 1e-12);
    }
}

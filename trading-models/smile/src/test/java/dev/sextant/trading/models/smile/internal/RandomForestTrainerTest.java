package dev.sextant.trading.models.smile.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomForestTrainerTest {

    @TempDir
    Path tmp;

    private final RandomForestTrainer trainer = new RandomForestTrainer();

    @Test
    void learnsClustersAndReturnsDistributions() {
        TrainedModel m = trainer.train(Clusters.of(1, 900, 4), Map.of("nTrees", "60", "id", "rf"));
        assertEquals("smile-rf", m.metadata().type());
        assertEquals("rf", m.metadata().id());
        assertTrue(Clusters.accuracy(m, Clusters.of(2, 600, 4)) > 0.6);
        double[] p = new double[3];
        m.predict(new float[] {0, 0, 0, 0}, p);
        assertEquals(1, p[0] + p[1] + p[2], 1e-12);
    }

    @Test
    void isReproducibleForASeed() {
        TrainingSet data = Clusters.of(3, 300, 3);
        TrainedModel a = trainer.train(data, Map.of("nTrees", "20", "seed", "7"));
        TrainedModel b = trainer.train(data, Map.of("nTrees", "20", "seed", "7"));
        double[] p = new double[3];
        double[] q = new double[3];
        for (int i = 0; i < 50; i++) {
            a.predict(data.row(i), p);
            b.predict(data.row(i), q);
            assertArrayEquals(p, q, 0.0);
        }
    }

    @Test
    void savedModelLoadsThroughServiceLoaderWithTheSamePredictions() throws IOException {
        TrainingSet data = Clusters.of(4, 300, 3);
        TrainedModel m = trainer.train(data, Map.of("nTrees", "30"));
        Path file = tmp.resolve("rf." + m.fileExtension());
        m.save(file);
        try (Model back = Models.load("smile-rf", file, Map.of())) {
            assertEquals(m.metadata().provenance(), back.metadata().provenance());
            double[] p = new double[3];
            double[] q = new double[3];
            for (int i = 0; i < data.size(); i++) {
                m.predict(data.row(i), p);
                back.predict(data.row(i), q);
                assertArrayEquals(p, q, 0.0);
            }
        }
    }

    @Test
    void aClassMissingFromTrainingGetsProbabilityZero() {
        float[][] x = {{0}, {0.1f}, {0.2f}, {5}, {5.1f}, {5.2f}, {0.3f}, {5.3f}, {0.15f}, {5.15f}, {0.05f}, {5.05f}};
        int[] y = {0, 0, 0, 2, 2, 2, 0, 2, 0, 2, 0, 2};
        TrainedModel m = trainer.train(TrainingSet.of(x, y), Map.of("nTrees", "10", "nodeSize", "1"));
        double[] p = new double[3];
        m.predict(new float[] {5}, p);
        assertEquals(0, p[1]);
        assertTrue(p[2] > p[0]);
    }

    @Test
    void convertsClassWeightsToSmileIntegers() {
        assertArrayEquals(new int[] {1, 3, 2}, RandomForestTrainer.integerWeights(new double[] {0.5, 1.5, 1.0}, new int[] {5, 5, 5}));
        assertArrayEquals(new int[] {2, 1}, RandomForestTrainer.integerWeights(new double[] {2, 9, 1}, new int[] {5, 0, 5}));
        TrainedModel weighted = trainer.train(Clusters.of(5, 300, 3).withBalancedClassWeights(), Map.of("nTrees", "10"));
        assertEquals("smile-rf", weighted.metadata().type());
    }

    @Test
    void rejectsUnknownOrBadParametersAndASingleClass() {
        TrainingSet data = Clusters.of(6, 100, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(data, Map.of("trees", "5")));
        assertTrue(e.getMessage().contains("trees"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> trainer.train(data, Map.of("nTrees", "0")));
        assertThrows(IllegalArgumentException.class, () -> trainer.train(data, Map.of("subsample", "1.5")));
        assertThrows(IllegalArgumentException.class,
                () -> trainer.train(TrainingSet.of(new float[][] {{1}, {2}}, new int[] {1, 1}), Map.of()));
    }

    @Test
    void trainsOnRealAppleBarFeatures() {
        TrainingSet all = RealFeatures.apple();
        int cut = all.size() * 7 / 10;
        TrainingSet train = RealFeatures.slice(all, 0, cut);
        TrainingSet test = RealFeatures.slice(all, cut, all.size());
        TrainedModel m = trainer.train(train, Map.of("nTrees", "50"));
        double[] p = new double[3];
        for (int i = 0; i < test.size(); i++) {
            m.predict(test.row(i), p);
            assertEquals(1, p[0] + p[1] + p[2], 1e-12);
        }
        assertTrue(Clusters.accuracy(m, test) > 0.0);
    }

    @Test
    void explainsSmilesFailureOnTooFewRowsPerClass() {
        TrainingSet tiny = TrainingSet.of(new float[][] {{0}, {0.2f}, {1}, {1.2f}, {2}, {2.2f}}, new int[] {0, 0, 1, 1, 2, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.train(tiny, Map.of("nTrees", "50", "seed", "3")));
        assertTrue(e.getMessage().contains("out-of-bag") && e.getMessage().contains("[2, 2, 2]"), e.getMessage());
    }
}

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

class LogitTrainerTest {

    @TempDir
    Path tmp;

    private final LogitTrainer trainer = new LogitTrainer();

    @Test
    void learnsClusters() {
        TrainedModel m = trainer.train(Clusters.of(1, 600, 3), Map.of("lambda", "0.01"));
        assertTrue(Clusters.accuracy(m, Clusters.of(2, 600, 3)) > 0.6);
    }

    @Test
    void aTwoClassModelMapsItsClassesIntoSellHoldBuy() {
        float[][] x = {{-2}, {-1.5f}, {-1}, {1}, {1.5f}, {2}, {-1.2f}, {1.2f}};
        int[] y = {1, 1, 2, 2, 2, 2, 1, 1};
        TrainedModel m = trainer.train(TrainingSet.of(x, y), Map.of());
        double[] p = new double[3];
        m.predict(new float[] {2}, p);
        assertEquals(0, p[0]);
        assertEquals(1, p[0] + p[1] + p[2], 1e-12);
        assertTrue(p[2] > p[1]);
    }

    @Test
    void savedModelLoadsWithTheSamePredictions() throws IOException {
        TrainingSet data = Clusters.of(3, 300, 3);
        TrainedModel m = trainer.train(data, Map.of());
        Path file = tmp.resolve("logit.smile.json");
        m.save(file);
        try (Model back = Models.load("smile-logit", file, Map.of())) {
            double[] p = new double[3];
            double[] q = new double[3];
            for (int i = 0; i < 50; i++) {
                m.predict(data.row(i), p);
                back.predict(data.row(i), q);
                assertArrayEquals(p, q, 0.0);
            }
        }
    }

    @Test
    void rejectsClassWeightsAndBadLambda() {
        assertThrows(IllegalArgumentException.class,
                () -> trainer.train(Clusters.of(4, 60, 3).withBalancedClassWeights().withClassWeights(new double[] {1, 3, 1}), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> trainer.train(Clusters.of(4, 60, 3), Map.of("lambda", "-1")));
    }
}

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
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SvmTrainerTest {

    @TempDir
    Path tmp;

    private final SvmTrainer trainer = new SvmTrainer();
    private final TrainedModel gaussian = trainer.train(Clusters.of(1, 400, 3), Map.of("C", "1", "sigma", "1.5"));

    @Test
    void givesPlattScaledProbabilitiesThatRankTheRightClass() {
        assertTrue(Clusters.accuracy(gaussian, Clusters.of(2, 400, 3)) > 0.6);
        double[] p = new double[3];
        gaussian.predict(new float[] {3, 0, 0}, p);
        assertTrue(p[0] > 0.5 && p[0] < 1, "SELL-like row: " + java.util.Arrays.toString(p));
        gaussian.predict(new float[] {0, 0, 3}, p);
        assertTrue(p[2] > 0.5, "BUY-like row: " + java.util.Arrays.toString(p));
    }

    @Test
    void theSameSeedGivesTheSameModelWhicheverThreadsFitTheOneVersusRestMachines() {
        // Smile fits the three binary SVMs on a parallel stream and keeps one random generator per
        // thread; every training here must still give the same machines as the first.
        TrainingSet data = Clusters.of(7, 300, 3);
        TrainingSet probe = Clusters.of(8, 50, 3);
        Map<String, String> params = Map.of("C", "1", "sigma", "1.5", "seed", "11");
        TrainedModel first = trainer.train(data, params);
        double[] p = new double[3];
        double[] q = new double[3];
        for (int run = 0; run < 4; run++) {
            TrainedModel again = trainer.train(data, params);
            for (int i = 0; i < probe.size(); i++) {
                first.predict(probe.row(i), p);
                again.predict(probe.row(i), q);
                assertArrayEquals(p, q, 0.0, "training " + (run + 2) + ", row " + i);
            }
        }
    }

    @Test
    void trainsALinearKernelToo() {
        TrainedModel linear = trainer.train(Clusters.of(3, 300, 3), Map.of("kernel", "linear"));
        assertTrue(Clusters.accuracy(linear, Clusters.of(4, 300, 3)) > 0.5);
    }

    @Test
    void savedModelLoadsWithTheSamePredictions() throws IOException {
        Path file = tmp.resolve("svm.smile.json");
        gaussian.save(file);
        try (Model back = Models.load("smile-svm", file, Map.of())) {
            double[] p = new double[3];
            double[] q = new double[3];
            TrainingSet rows = Clusters.of(5, 50, 3);
            for (int i = 0; i < rows.size(); i++) {
                gaussian.predict(rows.row(i), p);
                back.predict(rows.row(i), q);
                assertArrayEquals(p, q, 0.0);
            }
        }
    }

    @Test
    void needsAllThreeClassesAndEqualWeights() {
        TrainingSet twoClasses = TrainingSet.of(new float[][] {{0}, {1}, {2}, {3}}, new int[] {0, 2, 0, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(twoClasses, Map.of()));
        assertTrue(e.getMessage().contains("3 classes"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> trainer.train(Clusters.of(6, 60, 3).withClassWeights(new double[] {1, 2, 1}), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> trainer.train(Clusters.of(6, 60, 3), Map.of("kernel", "poly")));
    }

    @Property(tries = 100)
    void probabilitiesSumToOne(@ForAll @FloatRange(min = -100, max = 100) float a,
            @ForAll @FloatRange(min = -100, max = 100) float b, @ForAll @FloatRange(min = -100, max = 100) float c) {
        double[] p = new double[3];
        gaussian.predict(new float[] {a, b, c}, p);
        assertEquals(1, p[0] + p[1] + p[2], 1e-9);
    }
}

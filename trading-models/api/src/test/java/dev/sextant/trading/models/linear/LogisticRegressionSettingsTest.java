package dev.sextant.trading.models.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainingSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticRegressionSettingsTest {

    @Test
    void defaultsAreTheTrainersDefaults() {
        TrainingSet data = TrainingSet.of(new float[][] {{0, 1}, {1, 0}, {2, 2}, {3, 1}, {0.5f, 2}, {2.5f, 0}},
                new int[] {0, 1, 2, 2, 0, 1});
        double[] a = new double[3];
        double[] b = new double[3];
        Models.trainer("logistic").train(data, Map.of()).predict(new float[] {1, 1}, a);
        Models.trainer("logistic").train(data, LogisticRegressionSettings.defaults().toParams()).predict(new float[] {1, 1}, b);
        assertEquals(a[0], b[0], 0);
        assertEquals(a[2], b[2], 0);
    }

    @Test
    void turnsIntoTheTrainersParameters() {
        LogisticRegressionSettings s = LogisticRegressionSettings.defaults().withL2(0.5).withMaxIterations(20);
        assertEquals("logistic", s.type());
        assertEquals(Map.of("l2", "0.5", "maxIterations", "20"), s.toParams());
    }

    @Test
    void rejectsNonPositiveValues() {
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegressionSettings(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new LogisticRegressionSettings(0.1, 0));
    }
}

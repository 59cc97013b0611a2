package dev.sextant.trading.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.linear.TimeframeLogisticRegression;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeframeLogisticProviderTest {

    @TempDir
    Path dir;

    @Test
    void loadsASavedModelThroughServiceLoaderAndRefusesOptions() throws IOException {
        TimeframeLogisticRegression m = TimeframeLogisticRegression.train(
                TrainingSet.of(new float[][] {{0, 5}, {1, 4}, {2, 3}}, new int[] {0, 1, 2}), "tf-1h", TimeFrame.H1, 1, 1, 0.1, 50);
        Path file = dir.resolve("m.json");
        m.save(file);
        try (Model back = Models.load(TimeframeLogisticRegression.TYPE, file, Map.of())) {
            double[] p = new double[3];
            double[] q = new double[3];
            m.predict(new float[] {9, 4.5f}, p);
            back.predict(new float[] {9, 4.5f}, q);
            assertArrayEquals(p, q, 0.0);
            assertEquals(TimeframeLogisticRegression.TYPE, back.metadata().type());
        }
        assertThrows(ModelLoadException.class, () -> new TimeframeLogisticProvider().load(file, Map.of("x", "y")));
    }
}

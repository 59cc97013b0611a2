package dev.sextant.trading.models.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainingSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeframeLogisticRegressionTest {

    @TempDir
    Path dir;

    /** Three groups of two columns; only the middle group (columns 2 and 3) says the label. */
    static TrainingSet middleGroupSignal(long seed, int n) {
        Random r = new Random(seed);
        float[][] x = new float[n][6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
            for (int j = 0; j < 6; j++) {
                x[i][j] = (float) r.nextGaussian();
            }
            x[i][2] += 2 * (y[i] - 1);
            x[i][3] -= 2 * (y[i] - 1);
        }
        return TrainingSet.of(x, y);
    }

    static TimeframeLogisticRegression middle() {
        return TimeframeLogisticRegression.train(middleGroupSignal(1, 600), "tf-5m", TimeFrame.M5, 2, 2, 0.01, 200);
    }

    @Test
    void learnsFromItsColumnsAndEqualsALogisticRegressionOnThem() {
        TimeframeLogisticRegression m = middle();
        assertEquals(6, m.metadata().featureCount());
        assertEquals(2, m.count());
        assertEquals(TimeFrame.M5, m.timeframe());
        TrainingSet data = middleGroupSignal(1, 600);
        float[][] sliced = new float[data.size()][];
        for (int i = 0; i < sliced.length; i++) {
            sliced[i] = new float[] {data.row(i)[2], data.row(i)[3]};
        }
        LogisticRegression direct = LogisticRegression.train(TrainingSet.of(sliced, data.labels()), "d", 0.01, 200);
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(direct.weights(c), m.slice().weights(c), 0.0);
        }
        double[] p = new double[3];
        m.predict(new float[] {0, 0, 4, -4, 0, 0}, p);
        assertTrue(p[2] > 0.9, "column 2 up, 3 down is BUY: " + java.util.Arrays.toString(p));
    }

    @Property(tries = 50)
    void outputDependsOnlyOnItsOwnColumns(@ForAll @FloatRange(min = -50, max = 50) float a,
            @ForAll @FloatRange(min = -50, max = 50) float b) {
        TimeframeLogisticRegression m = middle();
        float[] x = {0.5f, -0.25f, 1, -1, 0.75f, 0.1f};
        float[] y = {a, b, 1, -1, -a, -b};
        double[] before = new double[3];
        double[] after = new double[3];
        m.predict(x, before);
        m.predict(y, after);
        assertArrayEquals(before, after, 0.0, "columns 0, 1, 4 and 5 lie outside the 5m group");
    }

    @Test
    void savesAndLoadsWithIdenticalPredictionsAndItsTimeFrameInTheMetadata() throws IOException {
        TimeframeLogisticRegression m = middle();
        Path file = dir.resolve("tf.json");
        m.save(file);
        TimeframeLogisticRegression back = TimeframeLogisticRegression.load(file);
        assertEquals(m.timeframe(), back.timeframe());
        assertEquals(m.offset(), back.offset());
        assertEquals(m.metadata().featureCount(), back.metadata().featureCount());
        assertEquals(TimeFrame.M5, TimeframeLogisticRegression.timeframeOf(back.metadata()).orElseThrow());
        float[] x = {0.3f, 1, -2, 0.5f, 7, -1};
        double[] p = new double[3];
        double[] q = new double[3];
        m.predict(x, p);
        back.predict(x, q);
        assertArrayEquals(p, q, 0.0);
    }

    @Test
    void timeframeOfIsEmptyForOtherModelTypes() {
        LogisticRegression plain = new LogisticRegression("p", new double[3][2], new double[3],
                new Provenance("t", "d", 0, Instant.EPOCH, Map.of("timeframe", "5m")));
        assertTrue(TimeframeLogisticRegression.timeframeOf(plain.metadata()).isEmpty());
    }

    @Test
    void rejectsColumnsOutsideTheVectorAndInputsOfTheWrongLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimeframeLogisticRegression.train(middleGroupSignal(2, 50), "x", TimeFrame.H1, 5, 2, 0.01, 50));
        assertTrue(e.getMessage().contains("[5, 7)") && e.getMessage().contains("6 features"), e.getMessage());
        assertThrows(ModelInputException.class, () -> middle().predict(new float[2], new double[3]));
    }

    @Test
    void loadNamesTheFileAndFieldOfABadTimeFrameOrOffset() throws IOException {
        Path file = dir.resolve("tf.json");
        middle().save(file);
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"timeframe\" : \"5m\"", "\"timeframe\" : \"fortnight\"")
                .replace("\"timeframe\":\"5m\"", "\"timeframe\":\"fortnight\""));
        ModelLoadException bad = assertThrows(ModelLoadException.class, () -> TimeframeLogisticRegression.load(file));
        assertTrue(bad.getMessage().contains("tf.json") && bad.getMessage().contains("'timeframe'"), bad.getMessage());
        Files.writeString(file, text.replace("\"offset\" : 2", "\"offset\" : 5").replace("\"offset\":2", "\"offset\":5"));
        ModelLoadException off = assertThrows(ModelLoadException.class, () -> TimeframeLogisticRegression.load(file));
        assertTrue(off.getMessage().contains("tf.json") && off.getMessage().contains("do not fit"), off.getMessage());
        Files.writeString(file, text.replace(TimeframeLogisticRegression.FORMAT, LogisticRegression.FORMAT));
        assertThrows(ModelLoadException.class, () -> TimeframeLogisticRegression.load(file));
    }
}

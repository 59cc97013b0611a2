package dev.sextant.trading.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardScalerTest {

    @Test
    void fitsMeanAndPopulationStandardDeviation() {
        StandardScaler s = StandardScaler.fit(new float[][] {{1, 5}, {3, 5}, {5, 5}});
        assertArrayEquals(new double[] {3, 5}, s.mean(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(8.0 / 3), 1}, s.scale(), 1e-12);
    }

    @Test
    void transformsEveryVectorOfAWindow() {
        StandardScaler s = new StandardScaler(new double[] {1, 2}, new double[] {2, 4});
        float[] out = new float[4];
        s.transform(new float[] {3, 6, 1, 2}, out, 2);
        assertArrayEquals(new float[] {1, 1, 0, 0}, out);
    }

    @Test
    void rejectsNonPositiveScaleAndMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> new StandardScaler(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new StandardScaler(new double[] {0, 1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new StandardScaler(new double[] {Double.NaN}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> StandardScaler.fit(new float[][] {{1}, {Float.NaN}}));
        assertThrows(IllegalArgumentException.class,
                () -> new StandardScaler(new double[] {0}, new double[] {1}).transformRows(new float[][] {{1, 2}}));
    }
}

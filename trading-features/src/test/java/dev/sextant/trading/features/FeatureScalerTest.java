package dev.sextant.trading.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.features.indicators.TestBars;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureScalerTest {
    private static final List<String> AB = List.of("a", "b");

    @Test
    void standardScalerUsesMeanAndPopulationStdOfTheTrainingRangeOnly() {
        double[][] rows = {{1, 10}, {2, 10}, {3, 10}, {1000, -5}};
        FeatureScaler s = FeatureScaler.standard(AB, rows, 0, 3, NonFinitePolicy.REJECT);
        assertArrayEquals(new double[] {2, 10}, s.center());
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3.0), 1.0}, s.scale(), 1e-15);
        double[] out = new double[2];
        s.transform(new double[] {3, 12}, out);
        assertArrayEquals(new double[] {1 / Math.sqrt(2.0 / 3.0), 2}, out, 1e-12);
    }

    @Test
    void robustScalerUsesMedianAndInterquartileRange() {
        double[][] rows = {{1, 0}, {2, 0}, {3, 0}, {4, 0}, {100, 0}};
        FeatureScaler s = FeatureScaler.robust(AB, rows, 0, 5, NonFinitePolicy.REJECT);
        assertEquals(FeatureScaler.Kind.ROBUST, s.kind());
        assertArrayEquals(new double[] {3, 0}, s.center());
        // type-7 quantiles of 1,2,3,4,100: q25 = 2, q75 = 4.
        assertArrayEquals(new double[] {2, 1}, s.scale());
    }

    @Test
    void fittingRejectsNonFiniteValuesNamingRowAndColumn() {
        double[][] rows = {{1, 2}, {Double.NaN, 3}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureScaler.standard(AB, rows, 0, 2, NonFinitePolicy.REJECT));
        assertTrue(e.getMessage().contains("row 1, column a"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureScaler.robust(AB, rows, 0, 0, NonFinitePolicy.REJECT));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaler.robust(AB, new double[][] {{1}}, 0, 1, NonFinitePolicy.REJECT));
    }

    @Test
    void transformRejectsOrImputesNonFiniteInputsByPolicy() {
        double[][] rows = {{1, 2}, {3, 4}};
        FeatureScaler reject = FeatureScaler.standard(AB, rows, 0, 2, NonFinitePolicy.REJECT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reject.transform(new double[] {1, Double.POSITIVE_INFINITY}, new double[2]));
        assertTrue(e.getMessage().contains("column b"), e.getMessage());
        FeatureScaler impute = FeatureScaler.standard(AB, rows, 0, 2, NonFinitePolicy.IMPUTE_CENTER);
        double[] out = new double[2];
        impute.transform(new double[] {Double.NaN, 4}, out);
        assertArrayEquals(new double[] {0, 1}, out);
    }

    @Test
    void jsonRoundTripsExactly() {
        double[][] rows = FeatureEngine.create(FeatureSpec.standard24()).compute(TestBars.apple());
        List<String> names = FeatureSpec.standard24().featureNames();
        for (FeatureScaler s : List.of(FeatureScaler.standard(names, rows, 33, 200, NonFinitePolicy.REJECT),
                FeatureScaler.robust(names, rows, 33, 200, NonFinitePolicy.IMPUTE_CENTER))) {
            FeatureScaler back = FeatureScaler.fromJson(s.toJson());
            assertEquals(s.toJson(), back.toJson());
            assertArrayEquals(s.center(), back.center(), 0.0);
            assertArrayEquals(s.scale(), back.scale(), 0.0);
            assertEquals(s.policy(), back.policy());
            assertEquals(names, back.names());
        }
        assertThrows(IllegalArgumentException.class, () -> FeatureScaler.fromJson("{\"kind\":\"minmax\"}"));
        assertThrows(IllegalArgumentException.class, () -> FeatureScaler.fromJson("[1"));
    }

    @Test
    void transformRowsLeavesWarmUpRowsAsNaN() {
        double[][] rows = FeatureEngine.create(FeatureSpec.standard24()).compute(TestBars.apple());
        FeatureScaler s = FeatureScaler.standard(FeatureSpec.standard24().featureNames(), rows, 33, 200, NonFinitePolicy.REJECT);
        s.transformRows(rows);
        assertTrue(Double.isNaN(rows[0][0]));
        double mean = 0;
        for (int i = 33; i < 200; i++) {
            mean += rows[i][0];
        }
        assertEquals(0.0, mean / 167, 1e-12);
    }
}

package dev.sextant.trading.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingSetTest {

    private static final float[][] X = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
    private static final int[] Y = {0, 1, 2, 2};

    @Test
    void holdsRowsLabelsAndUnitWeightsByDefault() {
        TrainingSet s = TrainingSet.of(X, Y);
        assertEquals(4, s.size());
        assertEquals(2, s.featureCount());
        assertFalse(s.hasValidation());
        assertArrayEquals(new double[] {1, 1, 1}, s.classWeights());
        assertArrayEquals(new int[] {1, 1, 2}, s.classCounts());
    }

    @Test
    void balancedWeightsAreInverseClassFrequency() {
        TrainingSet s = TrainingSet.of(X, Y).withBalancedClassWeights();
        assertArrayEquals(new double[] {4.0 / 3, 4.0 / 3, 4.0 / 6}, s.classWeights(), 1e-12);
        assertArrayEquals(new double[] {4.0 / 3, 4.0 / 3, 4.0 / 6, 4.0 / 6}, s.rowWeights(), 1e-12);
    }

    @Test
    void carriesAValidationSplit() {
        TrainingSet s = TrainingSet.of(X, Y).withValidation(new float[][] {{0, 0}}, new int[] {1});
        assertTrue(s.hasValidation());
        assertArrayEquals(new int[] {1}, s.validationLabels());
    }

    @Test
    void rejectsNonFiniteFeaturesNamingRowAndFeature() {
        float[][] bad = {{1, 2}, {3, Float.NaN}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingSet.of(bad, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("row 1 feature 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSet.of(new float[][] {{Float.POSITIVE_INFINITY}}, new int[] {0}));
    }

    @Test
    void rejectsRaggedRowsLabelsOutOfRangeAndLengthMismatch() {
        assertThrows(IllegalArgumentException.class, () -> TrainingSet.of(new float[][] {{1, 2}, {3}}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> TrainingSet.of(X, new int[] {0, 1, 3, 2}));
        assertThrows(IllegalArgumentException.class, () -> TrainingSet.of(X, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> TrainingSet.of(new float[0][], new int[0]));
    }

    @Test
    void rejectsValidationOfAnotherWidthOrHalfGiven() {
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSet.of(X, Y).withValidation(new float[][] {{1, 2, 3}}, new int[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainingSet(X, Y, new float[][] {{1, 2}}, null, new double[] {1, 1, 1}));
    }

    @Test
    void rejectsNonPositiveClassWeights() {
        assertThrows(IllegalArgumentException.class, () -> TrainingSet.of(X, Y).withClassWeights(new double[] {1, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> TrainingSet.of(X, Y).withClassWeights(new double[] {1, 1}));
    }

    @Test
    void isNotChangedByTheCallersArrays() {
        float[][] x = {{1, 2}, {3, 4}};
        int[] y = {0, 1};
        TrainingSet s = TrainingSet.of(x, y);
        x[0][0] = 99;
        y[0] = 2;
        s.features()[1][1] = 42;
        assertEquals(1f, s.row(0)[0]);
        assertEquals(0, s.label(0));
        assertEquals(4f, s.row(1)[1]);
    }
}

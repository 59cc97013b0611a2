package dev.sextant.trading.models.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ensemble.StandardScaler;
import org.junit.jupiter.api.Test;

class OutOfDistributionGateTest {

    @Test
    void theDistanceIsTheMeanOfTheNearestNeighboursInStandardDeviations() {
        StandardScaler scaler = new StandardScaler(new double[] {10, 0}, new double[] {2, 1});
        float[][] samples = {{0, 0}, {3, 4}, {0, 1}, {100, 100}};
        OutOfDistributionGate gate = new OutOfDistributionGate(new OodReference(scaler, samples, 2, 0.9, 1.5));
        // (10, 0) scales to (0, 0): nearest are (0, 0) at 0 and (0, 1) at 1.
        assertEquals(0.5, gate.score(new double[] {10, 0}), 1e-6);
        assertFalse(gate.isOutOfDistribution(0.5));
        // (16, 4) scales to (3, 4): nearest (3, 4) at 0 and (0, 1) at sqrt(18).
        assertEquals(Math.sqrt(18) / 2, gate.score(new double[] {16, 4}), 1e-6);
        assertTrue(gate.isOutOfDistribution(gate.score(new double[] {16, 4})));
        assertThrows(IllegalArgumentException.class, () -> gate.score(new double[3]));
    }

    @Test
    void theThresholdLetsTheCalibrationQuantileOfTrainingRowsThrough() {
        float[][] rows = References.gaussianRows(3000, 24, 5);
        OodReference ref = OodReference.fit(rows, 256, 5, 0.95);
        assertEquals(256, ref.sampleCount());
        OutOfDistributionGate gate = new OutOfDistributionGate(ref);
        int above = 0;
        for (int i = 0; i < 256; i++) {
            if (gate.isOutOfDistribution(gate.scaledScore(ref.samples()[i], i))) {
                above++;
            }
        }
        assertTrue(above <= Math.ceil(0.05 * 256), "above " + above);
        float[][] fresh = References.gaussianRows(2000, 24, 99);
        int gated = 0;
        double[] x = new double[24];
        for (float[] row : fresh) {
            for (int j = 0; j < 24; j++) {
                x[j] = row[j];
            }
            if (gate.isOutOfDistribution(gate.score(x))) {
                gated++;
            }
        }
        // Fresh rows of the same distribution: about 5% gated (binomial sd ~0.5%, threshold noise from 256 rows).
        assertTrue(gated > 0.01 * 2000 && gated < 0.12 * 2000, "gated " + gated);
        for (int j = 0; j < 24; j++) {
            x[j] = 10 + 2 * 6;
        }
        assertTrue(gate.isOutOfDistribution(gate.score(x)), "a vector 6 sd away is out of distribution");
    }

    @Test
    void rejectsReferencesThatCannotGate() {
        StandardScaler scaler = new StandardScaler(new double[] {0}, new double[] {1});
        assertThrows(IllegalArgumentException.class, () -> new OodReference(scaler, new float[][] {{0}, {1}}, 2, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> new OodReference(scaler, new float[][] {{0}, {1}, {2}}, 2, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OodReference(scaler, new float[][] {{0}, {1}, {2, 3}}, 2, 0.9, 1));
        assertThrows(IllegalArgumentException.class, () -> new OodReference(scaler, new float[][] {{0}, {1}, {2}}, 2, 0.9, -1));
        assertThrows(IllegalArgumentException.class, () -> OodReference.fit(new float[][] {{0}, {1}}, 10, 5, 0.9));
    }
}

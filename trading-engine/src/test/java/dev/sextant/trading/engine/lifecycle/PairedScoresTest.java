package dev.sextant.trading.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.ClassProbabilities;
import org.junit.jupiter.api.Test;

class PairedScoresTest {

    @Test
    void scoresEachModelAgainstItsOwnLabel() {
        PairedScores s = new PairedScores(3);
        ClassProbabilities p = new ClassProbabilities(0.2, 0.3, 0.5);
        s.add(new PairedScores.Outcome(p, 2, 0.01), new PairedScores.Outcome(p, 0, -0.02));
        assertEquals(1, s.size());
        assertEquals(3, s.horizon());
        assertEquals(-Math.log(0.5), s.meanLossChampion(LossKind.LOG_LOSS), 1e-15);
        assertEquals(-Math.log(0.2), s.meanLossChallenger(LossKind.LOG_LOSS), 1e-15);
        assertEquals(0.04 + 0.09 + 0.25, s.meanLossChampion(LossKind.BRIER), 1e-15);
        assertEquals(0.64 + 0.09 + 0.25, s.meanLossChallenger(LossKind.BRIER), 1e-15);
        assertArrayEquals(new double[] {Math.log(0.2) - Math.log(0.5)}, s.lossDifferences(LossKind.LOG_LOSS), 1e-15);
        assertArrayEquals(new double[] {-0.03}, s.returnDifferences(), 1e-15);
    }

    @Test
    void growsPastItsInitialCapacityKeepingOrder() {
        PairedScores s = new PairedScores(1);
        ClassProbabilities p = new ClassProbabilities(0.2, 0.3, 0.5);
        for (int i = 0; i < 1000; i++) {
            s.add(new PairedScores.Outcome(p, 2, i), new PairedScores.Outcome(p, 2, 2 * i));
        }
        assertEquals(1000, s.size());
        double[] r = s.returnDifferences();
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, r[i]);
        }
    }

    @Test
    void rejectsBadOutcomes() {
        ClassProbabilities p = new ClassProbabilities(0.2, 0.3, 0.5);
        assertThrows(IllegalArgumentException.class, () -> new PairedScores.Outcome(p, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> new PairedScores.Outcome(p, 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new PairedScores(0));
    }
}

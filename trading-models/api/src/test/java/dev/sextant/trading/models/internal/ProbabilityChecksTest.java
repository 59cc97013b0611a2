package dev.sextant.trading.models.internal;

import dev.sextant.trading.models.ModelOutputException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbabilityChecksTest {

    @Test
    void acceptsDistributionsWithinTolerance() {
        assertEquals(2, ProbabilityChecks.rows(new double[] {0.2, 0.3, 0.5, 1, 0, 1e-7}, new int[] {0, 2}));
    }

    @Test
    void namesTheFirstBadRowOrLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProbabilityChecks.rows(new double[] {0.2, 0.3, 0.5, 0.2, 0.2, 0.2}, new int[] {0, 2}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ProbabilityChecks.rows(new double[] {0.2, 0.3, 0.5}, new int[] {-1}));
        assertTrue(e.getMessage().contains("row 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ProbabilityChecks.distributions(new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> ProbabilityChecks.distributions(new double[] {1.5, -0.5, 0}));
    }

    @Test
    void aModelOutputThatIsNotADistributionIsATypedErrorNamingModelAndRow() {
        ModelOutputException e = assertThrows(ModelOutputException.class,
                () -> ProbabilityChecks.outputs("xgb", new double[] {0.2, 0.3, 0.5, Double.NaN, Double.NaN, Double.NaN}, 2));
        assertEquals("xgb", e.model());
        assertEquals(1, e.row());
        assertTrue(e.getMessage().contains("model xgb row 1") && e.getMessage().contains("NaN"), e.getMessage());
        e = assertThrows(ModelOutputException.class, () -> ProbabilityChecks.output("m", new double[] {0.5, 0.5, 0.5}, 0,
                ModelOutputException.UNKNOWN_ROW));
        assertTrue(e.getMessage().contains("sum to 1") && !e.getMessage().contains("row -1"), e.getMessage());
        ProbabilityChecks.output("m", new double[] {0.2, 0.3, 0.5}, 0, 0);
    }
}

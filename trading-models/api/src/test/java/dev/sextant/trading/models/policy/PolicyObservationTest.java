package dev.sextant.trading.models.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PolicyObservationTest {

    @Test
    void aFlatAccountHasZeroPortfolioState() {
        PolicyObservation o = new PolicyObservation(PolicyLayoutTest.layout(1));
        double[] obs = o.observe(new double[24], 0, 0, 100, 1_000, 0);
        assertEquals(27, obs.length);
        assertEquals(0, obs[24]);
        assertEquals(0, obs[25]);
        assertEquals(0, obs[26]);
    }

    @Test
    void exposureAndUnrealisedPnlAreMeasuredAgainstTheLargestPosition() {
        PolicyObservation o = new PolicyObservation(PolicyLayoutTest.layout(1));
        // 0.4 units at 110 bought at 100 with equity 1,000 and maxFraction 0.04: scale 40
        double[] obs = o.observe(new double[24], 0.4, 100, 110, 1_000, 250);
        assertEquals(0.4 * 110 / 40, obs[24], 1e-12);
        assertEquals(100 * 0.4 * 10 / 40, obs[25], 1e-12);
        assertEquals(1.0, obs[26]);
    }

    @Test
    void aRawWindowOfTheWrongLengthIsRefused() {
        PolicyObservation o = new PolicyObservation(PolicyLayoutTest.layout(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> o.observe(new double[24], 0, 0, 1, 1, 0));
        assertEquals("rawFeatures must hold window 2 x 24 features = 48 values but has 24", e.getMessage());
    }

    @Property(tries = 200)
    void scaledFeaturesAreClippedAndNonFiniteBecomesTheCentre(@ForAll @DoubleRange(min = -1e9, max = 1e9) double v,
            @ForAll @IntRange(min = 0, max = 23) int column) {
        PolicyObservation o = new PolicyObservation(PolicyLayoutTest.layout(1));
        double[] raw = new double[24];
        raw[column] = v;
        double[] obs = o.observe(raw, 0, 0, 1, 1, 0);
        for (int j = 0; j < 24; j++) {
            assertEquals(true, Math.abs(obs[j]) <= PolicyObservation.FEATURE_CLIP, "column " + j + ": " + obs[j]);
        }
        raw[column] = Double.NaN;
        assertEquals(0.0, o.observe(raw, 0, 0, 1, 1, 0)[column]);
    }
}

package dev.sextant.trading.risk;

import static dev.sextant.trading.risk.Fixtures.AAPL;
import static dev.sextant.trading.risk.Fixtures.signal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.core.Direction;
import dev.sextant.trading.risk.SizingMethod.ConfidenceScaled;
import dev.sextant.trading.risk.SizingMethod.FixedFractional;
import dev.sextant.trading.risk.SizingMethod.FractionalKelly;
import dev.sextant.trading.risk.SizingMethod.VolatilityMeasure;
import dev.sextant.trading.risk.SizingMethod.VolatilityTarget;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SizingMethodTest {
    private static final SizingInputs INPUTS = new SizingInputs(100, 0.02, 0.01, 0.02, 2.5, 0);

    @Test
    void fullKellyMatchesTheClassicClosedForm() {
        // Even-money-style bet that loses the stake: f* = p - (1 - p) / b.
        assertEquals(0.6 - 0.4 / 2, FractionalKelly.fullKelly(0.6, 2, 1), 1e-15);
        assertEquals(0.55 - 0.45 / 1, FractionalKelly.fullKelly(0.55, 1, 1), 1e-15);
        assertEquals(0.55 / 0.01 - 0.45 / 0.02, FractionalKelly.fullKelly(0.55, 0.02, 0.01), 1e-12);
        assertEquals(-0.2, FractionalKelly.fullKelly(0.4, 1, 1), 1e-15);
    }

    @Property(tries = 200)
    void fullKellyMaximisesExpectedLogGrowth(@ForAll @DoubleRange(min = 0.3, max = 0.9) double p,
            @ForAll @DoubleRange(min = 0.05, max = 2) double win, @ForAll @DoubleRange(min = 0.05, max = 0.9) double loss) {
        double f = FractionalKelly.fullKelly(p, win, loss);
        if (f <= 0 || f * loss >= 0.999) {
            return;
        }
        double best = growth(p, win, loss, f);
        for (double delta : new double[] {-1e-3, 1e-3}) {
            double g = f + delta * f;
            if (g * loss < 1) {
                assertEquals(true, growth(p, win, loss, g) <= best + 1e-15, "f* must be the maximum");
            }
        }
    }

    private static double growth(double p, double win, double loss, double f) {
        return p * Math.log1p(f * win) + (1 - p) * Math.log1p(-f * loss);
    }

    @Test
    void winProbabilityIsConditionalOnThePriceMoving() {
        assertEquals(0.6, SizingMethod.winProbability(signal(AAPL, Direction.BUY, 0.2, 0.5, 0.3, 0.3)), 1e-15);
        assertEquals(0.4, SizingMethod.winProbability(signal(AAPL, Direction.SELL, 0.2, 0.5, 0.3, 0.2)), 1e-15);
        assertEquals(0, SizingMethod.winProbability(signal(AAPL, Direction.BUY, 0, 1, 0, 1)));
    }

    @Test
    void fractionalKellyScalesFullKellyAndCapsIt() {
        // p = 0.3 / (0.3 + 0.2) = 0.6; W = 0.02, L = 0.01: f* = 60 - 20 = 40, far above any cap.
        assertEquals(0.05, new FractionalKelly(0.5, 0.05).targetFraction(
                signal(AAPL, Direction.BUY, 0.2, 0.5, 0.3, 0.3), INPUTS), 1e-15);
        SizingInputs wide = new SizingInputs(100, 1.0, 1.0, 0.02, 2.5, 0);
        // f* = 0.6 - 0.4 = 0.2; half Kelly 0.1.
        assertEquals(0.1, new FractionalKelly(0.5, 1).targetFraction(
                signal(AAPL, Direction.BUY, 0.2, 0.5, 0.3, 0.3), wide), 1e-12);
        assertEquals(0, new FractionalKelly(0.5, 1).targetFraction(
                signal(AAPL, Direction.BUY, 0.3, 0.5, 0.2, 0.2), wide), "no edge, no bet");
    }

    @Test
    void confidenceScaledGrowsLinearlyFromTheMinimum() {
        ConfidenceScaled m = new ConfidenceScaled(0.04, 0.5);
        assertEquals(0, m.targetFraction(signal(AAPL, Direction.BUY, 0.2, 0.3, 0.5, 0.5), INPUTS));
        assertEquals(0.02, m.targetFraction(signal(AAPL, Direction.BUY, 0.1, 0.15, 0.75, 0.75), INPUTS), 1e-15);
        assertEquals(0.04, m.targetFraction(signal(AAPL, Direction.BUY, 0, 0, 1, 1), INPUTS), 1e-15);
    }

    @Test
    void fixedFractionalIgnoresTheSignalsStrength() {
        assertEquals(0.03, new FixedFractional(0.03).targetFraction(signal(AAPL, Direction.SELL, 0.4, 0.3, 0.3, 0.4),
                INPUTS));
    }

    @Test
    void volatilityTargetDividesByRealisedVolatilityOrAtrOverPrice() {
        var buy = signal(AAPL, Direction.BUY, 0.1, 0.3, 0.6, 0.6);
        assertEquals(0.25, new VolatilityTarget(VolatilityMeasure.REALISED, 0.005, 1).targetFraction(buy, INPUTS), 1e-15);
        assertEquals(0.2, new VolatilityTarget(VolatilityMeasure.ATR, 0.005, 1).targetFraction(buy, INPUTS), 1e-15);
        assertEquals(0.1, new VolatilityTarget(VolatilityMeasure.ATR, 0.005, 0.1).targetFraction(buy, INPUTS));
        SizingInputs warmingUp = new SizingInputs(100, 0.02, 0.01, Double.NaN, Double.NaN, 0);
        assertEquals(0, new VolatilityTarget(VolatilityMeasure.ATR, 0.005, 1).targetFraction(buy, warmingUp));
    }

    @Test
    void rejectsInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> new FractionalKelly(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new FractionalKelly(1.5, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new ConfidenceScaled(0.05, 1));
        assertThrows(IllegalArgumentException.class, () -> new FixedFractional(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new VolatilityTarget(VolatilityMeasure.ATR, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> FractionalKelly.fullKelly(1.2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SizingInputs(100, 0.02, 0.01, -0.1, 1, 0));
    }
}

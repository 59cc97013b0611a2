package dev.sextant.trading.engine.rl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {
    private static final double EULER_GAMMA = 0.5772156649015329;

    @Test
    void matchesKnownValues() {
        assertEquals(0, SpecialFunctions.logGamma(1), 1e-14);
        assertEquals(Math.log(24), SpecialFunctions.logGamma(5), 1e-13);
        assertEquals(0.5 * Math.log(Math.PI), SpecialFunctions.logGamma(0.5), 1e-13);
        assertEquals(-EULER_GAMMA, SpecialFunctions.digamma(1), 1e-13);
        assertEquals(1 - EULER_GAMMA, SpecialFunctions.digamma(2), 1e-13);
        assertEquals(Math.PI * Math.PI / 6, SpecialFunctions.trigamma(1), 1e-12);
        assertEquals(Math.PI * Math.PI / 2, SpecialFunctions.trigamma(0.5), 1e-11);
    }

    /** ψ is the derivative of ln Γ and ψ' of ψ: central differences with h = 1e-5 are good to about 1e-8 here. */
    @Property(tries = 200)
    void digammaAndTrigammaAreDerivatives(@ForAll @DoubleRange(min = 0.5, max = 50) double x) {
        double h = 1e-5;
        assertEquals((SpecialFunctions.logGamma(x + h) - SpecialFunctions.logGamma(x - h)) / (2 * h),
                SpecialFunctions.digamma(x), 1e-7);
        assertEquals((SpecialFunctions.digamma(x + h) - SpecialFunctions.digamma(x - h)) / (2 * h),
                SpecialFunctions.trigamma(x), 1e-6);
    }
}

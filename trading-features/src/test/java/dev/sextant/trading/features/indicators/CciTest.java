package dev.sextant.trading.features.indicators;

import static dev.sextant.trading.features.indicators.TestBars.assertOutput;
import static dev.sextant.trading.features.indicators.TestBars.closes;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import org.junit.jupiter.api.Test;

class CciTest {
    @Test
    void dividesTheTypicalPriceDeviationByPointZeroFifteenTimesTheMeanAbsoluteDeviation() {
        // typical prices 1, 2, 6: mean 3, mean absolute deviation 2, (6 - 3) / (0.015 * 2) = 100
        assertOutput(() -> new Cci(3), closes(1, 2, 6), 0, Double.NaN, Double.NaN, 100);
        assertOutput(() -> new Cci(3), closes(4, 4, 4), 0, Double.NaN, Double.NaN, 0);
    }

    @Test
    void agreesWithAnExactBigDecimalComputationOnBitcoinMinutes() {
        BarSeries s = TestBars.btcMinutes();
        double[] cci = new Cci(20).compute(s)[0];
        java.math.MathContext mc = java.math.MathContext.DECIMAL128;
        double worst = 0;
        for (int i = 19; i < s.size(); i += 7) {
            java.math.BigDecimal[] tp = new java.math.BigDecimal[20];
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (int j = 0; j < 20; j++) {
                int b = i - 19 + j;
                tp[j] = new java.math.BigDecimal(s.high(b)).add(new java.math.BigDecimal(s.low(b)))
                        .add(new java.math.BigDecimal(s.close(b))).divide(java.math.BigDecimal.valueOf(3), mc);
                sum = sum.add(tp[j]);
            }
            java.math.BigDecimal mean = sum.divide(java.math.BigDecimal.valueOf(20), mc);
            java.math.BigDecimal dev = java.math.BigDecimal.ZERO;
            for (java.math.BigDecimal x : tp) {
                dev = dev.add(x.subtract(mean).abs());
            }
            java.math.BigDecimal md = dev.divide(java.math.BigDecimal.valueOf(20), mc);
            double exact = md.signum() == 0 ? 0
                    : tp[19].subtract(mean).divide(md.multiply(new java.math.BigDecimal("0.015")), mc).doubleValue();
            worst = Math.max(worst, Math.abs(cci[i] - exact) / Math.max(1, Math.abs(exact)));
        }
        assertTrue(worst < 1e-9, "worst relative error " + worst);
    }
}

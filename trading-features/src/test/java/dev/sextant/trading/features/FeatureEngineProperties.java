package dev.sextant.trading.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.indicators.TestBars;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Engine invariants on random valid series: streaming equals batch to 1e-12 (every built-in set,
 * regime features, multi-timeframe), and no look-ahead: replacing every bar after {@code t} with
 * wildly different bars changes no value at or before {@code t}.
 */
class FeatureEngineProperties {

    static FeatureSpec regimeSpec() {
        return FeatureSpec.of("regimes", 1, List.of(
                FeatureDefinition.of("vol_regime", "volatility_regime", "lookback", 30),
                FeatureDefinition.of("vol_regime_1h", "volatility_regime", "lookback", 30, "one_hot", 1),
                FeatureDefinition.of("trend_regime", "trend_regime"),
                FeatureDefinition.of("trend_regime_1h", "trend_regime", "one_hot", 1),
                FeatureDefinition.of("momentum_regime", "momentum_regime", "one_hot", 1)));
    }

    static FeatureSpec multiTimeframe() {
        return FeatureSpec.of("mtf", 1, List.of(
                FeatureDefinition.of("rsi_5", "rsi", "period", 5),
                FeatureDefinition.of("close_ema_3", "close_to_ema", "period", 3),
                FeatureDefinition.of("atr_rel_3", "atr_rel", "period", 3),
                FeatureDefinition.of("log_return_1", "log_return")))
                .withTimeframes(List.of(TimeFrame.M1, TimeFrame.M5, TimeFrame.M15));
    }

    static List<FeatureSpec> specs() {
        return List.of(FeatureSpec.standard24(), FeatureSpec.extended35(), regimeSpec(), multiTimeframe());
    }

    /** Drops some bars so that multi-timeframe buckets are sometimes incomplete (gaps). */
    static BarSeries withGaps(BarSeries s, long seed) {
        Random r = new Random(seed);
        BarSeries out = new BarSeries(s.name(), s.timeFrame(), s.size());
        for (int i = 0; i < s.size(); i++) {
            if (r.nextInt(15) != 0) {
                out.append(s.bar(i));
            }
        }
        return out;
    }

    static void assertRowsClose(double[] expected, double[] actual, String what) {
        for (int j = 0; j < expected.length; j++) {
            double e = expected[j];
            double a = actual[j];
            double scale = Math.max(1.0, Math.max(Math.abs(e), Math.abs(a)));
            assertTrue(Math.abs(e - a) <= 1e-12 * scale, what + " column " + j + ": batch " + e + " streaming " + a);
        }
    }

    @Property(tries = 25)
    void streamingEqualsBatchToOneInTenToTheTwelve(@ForAll long seed, @ForAll @IntRange(min = 0, max = 500) int size,
                                                   @ForAll boolean gaps) {
        BarSeries s = TestBars.random(seed, size);
        if (gaps) {
            s = withGaps(s, seed);
        }
        for (FeatureSpec spec : specs()) {
            FeatureEngine engine = FeatureEngine.create(spec);
            double[][] batch = engine.compute(s);
            double[] out = new double[engine.size()];
            boolean warm = false;
            for (int i = 0; i < s.size(); i++) {
                boolean ready = engine.onBar(s.bar(i), out);
                assertTrue(!warm || ready, spec.name() + ": once warm, stays warm (bar " + i + ")");
                warm = ready;
                if (ready) {
                    assertRowsClose(batch[i], out, spec.name() + " bar " + i);
                } else {
                    for (double v : batch[i]) {
                        assertTrue(Double.isNaN(v), spec.name() + " bar " + i + ": batch row before warm-up must be NaN");
                    }
                }
            }
            if (!gaps && spec.timeframes().isEmpty()) {
                assertEquals(s.size() > engine.warmUp(), warm, spec.name() + " warm after " + s.size() + " bars");
            }
        }
    }

    @Property(tries = 25)
    void valuesAtOrBeforeTDoNotDependOnBarsAfterT(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int size,
                                                  @ForAll @IntRange(min = 0, max = 399) int cut) {
        BarSeries s = TestBars.random(seed, size);
        int t = Math.min(cut, size - 1);
        // Bar rejects NaN, so the future is poisoned with valid but wildly different bars:
        // prices x1000 on a different random walk, volumes x1e6.
        BarSeries poisoned = new BarSeries(s.name(), s.timeFrame(), size);
        BarSeries other = TestBars.random(~seed, size);
        for (int i = 0; i < size; i++) {
            if (i <= t) {
                poisoned.append(s.bar(i));
            } else {
                poisoned.append(s.time(i), other.open(i) * 1000, other.high(i) * 1000, other.low(i) * 1000,
                        other.close(i) * 1000, other.volume(i) * 1e6 + 1);
            }
        }
        for (FeatureSpec spec : specs()) {
            double[][] clean = FeatureEngine.create(spec).compute(s);
            double[][] dirty = FeatureEngine.create(spec).compute(poisoned);
            for (int i = 0; i <= t; i++) {
                assertArrayEquals(clean[i], dirty[i], 0.0, spec.name() + ": row " + i + " changed when bars after " + t + " changed");
            }
        }
    }
}

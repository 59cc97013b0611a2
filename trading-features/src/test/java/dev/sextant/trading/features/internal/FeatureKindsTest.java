package dev.sextant.trading.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.features.FeatureDefinition;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.features.indicators.TestBars;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureKindsTest {

    @Test
    void everyKindBuildsWithItsDefaultsAndYieldsFiniteValuesOnRealData() {
        List<FeatureDefinition> all = new ArrayList<>();
        for (String kind : FeatureKinds.kinds()) {
            all.add(FeatureDefinition.of("f_" + kind, kind));
        }
        assertEquals(32, all.size());
        FeatureSpec spec = FeatureSpec.of("all", 1, all);
        double[][] rows = FeatureEngine.create(spec).compute(TestBars.btcMinutes());
        int warm = FeatureEngine.create(spec).warmUp();
        for (int i = warm; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                assertTrue(Double.isFinite(rows[i][j]), spec.featureNames().get(j) + " at " + i);
            }
        }
    }

    @Test
    void resolveFillsDefaultsSortedAndRejectsUnknownKeys() {
        Map<String, Double> p = FeatureKinds.resolve("x", "keltner_position", Map.of("multiplier", 1.5));
        assertEquals(List.of("atr_period", "ema_period", "multiplier"), List.copyOf(p.keySet()));
        assertEquals(1.5, p.get("multiplier"));
        assertEquals(10.0, p.get("atr_period"));
    }

    @Test
    void poolSharesEqualIndicatorsBetweenFeatures() {
        FeaturePlan plan = new FeaturePlan(FeatureSpec.standard24().features());
        // MACD x3, Bollinger x2, Stochastic x2, ADX x2 (adx, di_spread), ATR x2 (atr_rel, trend_slope) are shared.
        assertEquals(18, plan.indicators().size());
    }
}

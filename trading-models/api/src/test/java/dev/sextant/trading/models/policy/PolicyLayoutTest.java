package dev.sextant.trading.models.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.features.FeatureScaler;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.features.NonFinitePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyLayoutTest {

    static PolicyLayout layout(int window) {
        FeatureSpec spec = FeatureSpec.standard24();
        double[][] rows = new double[3][spec.size()];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < spec.size(); j++) {
                rows[i][j] = i * (j + 1) - j;
            }
        }
        FeatureScaler scaler = FeatureScaler.standard(spec.featureNames(), rows, 0, rows.length,
                NonFinitePolicy.IMPUTE_CENTER);
        return new PolicyLayout(spec, scaler, window, 0.04);
    }

    @Test
    void observationSizeIsTheWindowOfFeaturesPlusThePortfolioState() {
        assertEquals(2 * 24 + PolicyObservation.PORTFOLIO_VALUES, layout(2).observationSize());
    }

    @Test
    void optionsRoundTrip() {
        PolicyLayout l = layout(3);
        PolicyLayout back = PolicyLayout.fromOptions(l.toOptions(), "test");
        assertEquals(l.window(), back.window());
        assertEquals(l.maxFraction(), back.maxFraction());
        assertEquals(l.spec().hash(), back.spec().hash());
        assertEquals(l.scaler().toJson(), back.scaler().toJson());
    }

    @Test
    void aMissingOrBadOptionIsNamedWithTheSource() {
        Map<String, String> o = new LinkedHashMap<>(layout(1).toOptions());
        o.remove(PolicyLayout.SPEC);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyLayout.fromOptions(o, "f.onnx"));
        assertEquals("f.onnx: option 'spec' is missing", e.getMessage());
        Map<String, String> w = new LinkedHashMap<>(layout(1).toOptions());
        w.put(PolicyLayout.WINDOW, "two");
        e = assertThrows(IllegalArgumentException.class, () -> PolicyLayout.fromOptions(w, "f.onnx"));
        assertEquals("f.onnx: option 'window' must be a whole number but was 'two'", e.getMessage());
        Map<String, String> m = new LinkedHashMap<>(layout(1).toOptions());
        m.put(PolicyLayout.MAX_FRACTION, "1.5");
        e = assertThrows(IllegalArgumentException.class, () -> PolicyLayout.fromOptions(m, "f.onnx"));
        assertTrue(e.getMessage().startsWith("f.onnx: maxFraction"), e.getMessage());
    }

    @Test
    void aScalerOfOtherFeaturesIsRefused() {
        PolicyLayout l = layout(1);
        FeatureScaler other = FeatureScaler.standard(List.of("a"), new double[][] {{1}, {2}}, 0, 2, NonFinitePolicy.REJECT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PolicyLayout(l.spec(), other, 1, 0.04));
        assertTrue(e.getMessage().contains("are not the features of standard-24"), e.getMessage());
    }
}

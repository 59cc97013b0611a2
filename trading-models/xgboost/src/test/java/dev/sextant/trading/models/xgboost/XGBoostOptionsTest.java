package dev.sextant.trading.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XGBoostOptionsTest {

    @Test
    void defaultsAreJavaEngineStrictInputAndFeatureCountFromTheModel() {
        assertEquals(new XGBoostOptions(XGBoostOptions.Engine.JAVA, false, 0), XGBoostOptions.defaults());
    }

    @Test
    void fromMapParsesEveryKey() {
        assertEquals(new XGBoostOptions(XGBoostOptions.Engine.XGBOOST4J, true, 24), XGBoostOptions.fromMap(
                Map.of("engine", "XGBoost4J", "missingValues", "true", "featureCount", "24")));
    }

    @Test
    void fromMapRejectsUnknownKeysAndBadValuesNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> XGBoostOptions.fromMap(Map.of("nthread", "2")));
        assertTrue(e.getMessage().contains("'nthread'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> XGBoostOptions.fromMap(Map.of("engine", "gpu")));
        assertThrows(IllegalArgumentException.class, () -> XGBoostOptions.fromMap(Map.of("missingValues", "1")));
        assertThrows(IllegalArgumentException.class, () -> XGBoostOptions.fromMap(Map.of("featureCount", "x")));
        assertThrows(IllegalArgumentException.class, () -> XGBoostOptions.fromMap(Map.of("featureCount", "-1")));
    }

    @Test
    void aNullKeyIsAnUnknownOptionNotANullPointerException() {
        Map<String, String> options = new HashMap<>();
        options.put(null, "1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> XGBoostOptions.fromMap(options));
        assertTrue(e.getMessage().contains("unknown XGBoost model option 'null'"), e.getMessage());
    }
}

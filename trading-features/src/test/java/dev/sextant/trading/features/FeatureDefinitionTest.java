package dev.sextant.trading.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureDefinitionTest {

    @Test
    void spelledOutDefaultsAreEqualToOmittedOnes() {
        assertEquals(FeatureDefinition.of("r", "rsi"), FeatureDefinition.of("r", "rsi", "period", 14));
        assertEquals(14.0, FeatureDefinition.of("r", "rsi").param("period"));
        assertEquals(List.of("r"), FeatureDefinition.of("r", "rsi").columns());
    }

    @Test
    void rejectsBadNamesKindsAndParameters() {
        assertThrows(IllegalArgumentException.class, () -> FeatureDefinition.of("has space", "rsi"));
        assertThrows(IllegalArgumentException.class, () -> FeatureDefinition.of("a@5m", "rsi"));
        assertThrows(IllegalArgumentException.class, () -> FeatureDefinition.of("a", "nope"));
        assertThrows(IllegalArgumentException.class, () -> FeatureDefinition.of("a", "rsi", "period", 0));
        assertThrows(IllegalArgumentException.class, () -> FeatureDefinition.of("a", "rsi", "period"));
        assertThrows(IllegalArgumentException.class, () -> new FeatureDefinition("a", "rsi", Map.of("period", Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> FeatureDefinition.of("a", "momentum_regime", "lower", 70, "upper", 60));
    }
}

package dev.sextant.trading.features.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysDropsWhitespaceAndWritesWholeNumbersWithoutAFraction() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", List.of(1.0, 2.5, -0.0, 1e20));
        m.put("a", "x\"y\\z\n");
        m.put("c", true);
        assertEquals("{\"a\":\"x\\\"y\\\\z\\u000a\",\"b\":[1,2.5,0,1.0E20],\"c\":true}", CanonicalJson.write(m));
    }

    @Test
    void rejectsNonFiniteNumbers() {
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(List.of(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(new Object()));
    }
}

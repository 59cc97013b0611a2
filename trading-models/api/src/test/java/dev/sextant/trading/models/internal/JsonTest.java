package dev.sextant.trading.models.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelLoadException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonTest {

    private final JsonNode node = Json.parse("{\"s\":\"x\",\"n\":1.5,\"i\":3,\"a\":[1,2],\"m\":[[1,2],[3,4]],\"r\":[[1],[2,3]]}", "doc");

    @Test
    void readsTypedFields() {
        assertEquals("x", Json.string(node, "s", "doc"));
        assertEquals(1.5, Json.number(node, "n", "doc"));
        assertEquals(3, Json.intValue(node, "i", "doc"));
        assertArrayEquals(new double[] {1, 2}, Json.doubles(node, "a", "doc"));
        assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, Json.matrix(node, "m", "doc"));
        assertEquals(2, Json.matrixRagged(node, "r", "doc")[1].length);
    }

    @Test
    void namesTheDocumentAndFieldInErrors() {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Json.string(node, "missing", "doc"));
        assertTrue(e.getMessage().contains("doc") && e.getMessage().contains("'missing'"), e.getMessage());
        assertThrows(ModelLoadException.class, () -> Json.number(node, "s", "doc"));
        assertThrows(ModelLoadException.class, () -> Json.integer(node, "n", "doc"));
        assertThrows(ModelLoadException.class, () -> Json.matrix(node, "r", "doc"));
        assertThrows(ModelLoadException.class, () -> Json.object(node, "a", "doc"));
        assertThrows(ModelLoadException.class, () -> Json.parse("{", "doc"));
        assertThrows(ModelLoadException.class, () -> Json.parse("", "doc"));
    }

    @Test
    void aKeyThatAppearsTwiceIsAnErrorNotLastOneWins() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Json.parse("{\"temperature\": 1.5,\n \"temperature\": 0.1}", "doc"));
        assertTrue(e.getMessage().contains("temperature") && e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void integersOutOfRangeAreNeverCast() {
        JsonNode n = Json.parse("{\"big\": 4294967299, \"huge\": 123456789012345678901234567890, "
                + "\"c\": [[1, 2], [3, 1e30]], \"f\": [[1.5]], \"neg\": [[-1]]}", "doc");
        assertEquals(4294967299L, Json.integer(n, "big", "doc"));
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Json.intValue(n, "big", "doc"));
        assertTrue(e.getMessage().contains("4294967299"), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> Json.integer(n, "huge", "doc"));
        assertTrue(e.getMessage().contains("64-bit"), e.getMessage());
        e = assertThrows(ModelLoadException.class, () -> Json.counts(n, "c", "doc"));
        assertTrue(e.getMessage().contains("c[1][1]"), e.getMessage());
        assertThrows(ModelLoadException.class, () -> Json.counts(n, "f", "doc"));
        assertThrows(ModelLoadException.class, () -> Json.counts(n, "neg", "doc"));
    }
}

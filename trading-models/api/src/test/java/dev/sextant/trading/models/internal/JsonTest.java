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
}

package dev.sextant.trading.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelLoadException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ModelDocumentTest {

    private static Object json(String text) {
        return ModelDocument.parse(text.getBytes(StandardCharsets.UTF_8), "test");
    }

    @Test
    void jsonNumbersAreParsedStraightToFloat() {
        Map<String, Object> m = ModelDocument.object(json("{\"a\": [1.17549435E-38, -3.4028235E38, 0.1, 7]}"), "$",
                "t");
        float[] a = ModelDocument.floats(m.get("a"), "a", "t");
        assertArrayEquals(new float[] {Float.MIN_NORMAL, -Float.MAX_VALUE, 0.1f, 7f}, a);
    }

    @Test
    void jsonStringsHandleEscapes() {
        Map<String, Object> m = ModelDocument.object(json("{\"k\\\"ey\": \"a\\n\\u00e9\\\\b\", \"t\": true, \"n\": null}"),
                "$", "t");
        assertEquals("a\n\u00e9\\b", m.get("k\"ey"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertTrue(m.containsKey("n"));
    }

    @Test
    void malformedJsonIsRejectedWithItsOffset() {
        for (String bad : List.of("{\"a\": [1, 2", "{\"a\" 1}", "{\"a\": 1,}", "{\"a\": 1} x", "{\"a\": 1e}",
                "{\"a\": tru}")) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> json(bad), bad);
            assertTrue(e.getMessage().contains("at byte"), e.getMessage());
        }
    }

    @Test
    void deeplyNestedInputIsRejectedInsteadOfOverflowingTheStack() {
        String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> json(deep));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }

    private static byte[] ubjKey(String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('i');
        out.write(k.length);
        out.writeBytes(k);
        return out.toByteArray();
    }

    @Test
    void ubjTypedArraysBecomePrimitiveArrays() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('{');
        out.writeBytes(ubjKey("f"));
        out.writeBytes(new byte[] {'[', '$', 'd', '#', 'i', 2});
        out.writeBytes(ByteBuffer.allocate(8).putFloat(1.5f).putFloat(-2f).array());
        out.writeBytes(ubjKey("u"));
        out.writeBytes(new byte[] {'[', '$', 'U', '#', 'i', 3, 0, 1, (byte) 255});
        out.writeBytes(ubjKey("s"));
        out.writeBytes(new byte[] {'S', 'i', 2, 'h', 'i'});
        out.writeBytes(ubjKey("l"));
        out.writeBytes(new byte[] {'[', 'l', 0, 0, 0, 5, 'T', ']'});
        out.write('}');
        Map<String, Object> m = ModelDocument.object(ModelDocument.parse(out.toByteArray(), "u"), "$", "u");
        assertArrayEquals(new float[] {1.5f, -2f}, (float[]) m.get("f"));
        assertArrayEquals(new int[] {0, 1, 255}, (int[]) m.get("u"));
        assertEquals("hi", m.get("s"));
        assertEquals(List.of(5L, true), m.get("l"));
    }

    @Test
    void ubjCountLargerThanTheFileIsRejectedWithoutAllocatingIt() {
        byte[] bytes = {'{', 'i', 1, 'a', '[', '$', 'd', '#', 'l', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, '}'};
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelDocument.parse(bytes, "huge"));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void unknownUbjMarkerIsRejected() {
        byte[] bytes = {'{', 'i', 1, 'a', 'Q', '}'};
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ModelDocument.parse(bytes, "q"));
        assertTrue(e.getMessage().contains("unknown UBJ marker 'Q'"), e.getMessage());
    }

    @Test
    void typedAccessNamesThePathOfAWrongValue() {
        Object doc = json("{\"a\": \"x\"}");
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ModelDocument.floats(ModelDocument.object(doc, "$", "t").get("a"), "learner.a", "t"));
        assertTrue(e.getMessage().contains("'learner.a' must be an array"), e.getMessage());
        assertInstanceOf(String.class, ModelDocument.object(doc, "$", "t").get("a"));
    }

    @Property(tries = 300)
    void arbitraryBytesNeverEscapeAsAnythingButModelLoadException(@ForAll byte[] bytes) {
        try {
            ModelDocument.parse(bytes, "fuzz");
        } catch (ModelLoadException expected) {
            // the only failure the parser may report
        }
    }
}

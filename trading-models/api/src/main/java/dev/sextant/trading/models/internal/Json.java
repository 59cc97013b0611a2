package dev.sextant.trading.models.internal;

import dev.sextant.trading.models.ModelLoadException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * JSON reading with errors that say what is missing or wrong and where. Only the tree model is
 * used: no type information is read from files, so no class is ever chosen by file content.
 */
public final class Json {

    /** The shared mapper (thread-safe once built). */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private Json() {
    }

    /**
     * Parses a JSON document.
     *
     * @param where names the document in errors (a file path)
     * @throws ModelLoadException if it is not valid JSON
     */
    public static JsonNode parse(String text, String where) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new ModelLoadException(where + " is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new ModelLoadException(where + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a node as indented JSON text. */
    public static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    /** The object at {@code field}. @throws ModelLoadException if missing or not an object */
    public static JsonNode object(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new ModelLoadException(where + ": field '" + field + "' must be an object"
                    + (v == null ? " but is missing" : " but was " + v.getNodeType()));
        }
        return v;
    }

    /** The array at {@code field}. @throws ModelLoadException if missing or not an array */
    public static JsonNode array(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new ModelLoadException(where + ": field '" + field + "' must be an array"
                    + (v == null ? " but is missing" : " but was " + v.getNodeType()));
        }
        return v;
    }

    /** The string at {@code field}. @throws ModelLoadException if missing or not a string */
    public static String string(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString()) {
            throw new ModelLoadException(where + ": field '" + field + "' must be a string"
                    + (v == null ? " but is missing" : " but was " + v.getNodeType()));
        }
        return v.stringValue();
    }

    /** The finite number at {@code field}. @throws ModelLoadException if missing, not a number or not finite */
    public static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new ModelLoadException(where + ": field '" + field + "' must be a finite number"
                    + (v == null ? " but is missing" : " but was " + v));
        }
        return v.doubleValue();
    }

    /** The integer at {@code field}. @throws ModelLoadException if missing or not an integer */
    public static long integer(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new ModelLoadException(where + ": field '" + field + "' must be an integer"
                    + (v == null ? " but is missing" : " but was " + v));
        }
        return v.longValue();
    }

    /** The int at {@code field}. @throws ModelLoadException if missing, not an integer or out of int range */
    public static int intValue(JsonNode node, String field, String where) {
        long v = integer(node, field, where);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ModelLoadException(where + ": field '" + field + "' is out of range: " + v);
        }
        return (int) v;
    }

    /** An array of finite numbers at {@code field}. */
    public static double[] doubles(JsonNode node, String field, String where) {
        return doubles(array(node, field, where), where + "." + field);
    }

    /** An array node of finite numbers. */
    public static double[] doubles(JsonNode array, String where) {
        if (array == null || !array.isArray()) {
            throw new ModelLoadException(where + " must be an array of numbers");
        }
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
                throw new ModelLoadException(where + "[" + i + "] must be a finite number but was " + v);
            }
            out[i] = v.doubleValue();
        }
        return out;
    }

    /** A rectangular array of arrays of finite numbers at {@code field}. */
    public static double[][] matrix(JsonNode node, String field, String where) {
        JsonNode rows = array(node, field, where);
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = doubles(rows.get(r), where + "." + field + "[" + r + "]");
            if (r > 0 && out[r].length != out[0].length) {
                throw new ModelLoadException(where + "." + field + "[" + r + "] has " + out[r].length
                        + " values but row 0 has " + out[0].length);
            }
        }
        return out;
    }

    /** An array of arrays of finite numbers at {@code field}; rows may differ in length. */
    public static double[][] matrixRagged(JsonNode node, String field, String where) {
        JsonNode rows = array(node, field, where);
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = doubles(rows.get(r), where + "." + field + "[" + r + "]");
        }
        return out;
    }

    /** Adds {@code values} to a new array node under {@code field}. */
    public static ArrayNode putDoubles(tools.jackson.databind.node.ObjectNode node, String field, double[] values) {
        ArrayNode a = node.putArray(field);
        for (double v : values) {
            a.add(v);
        }
        return a;
    }
}

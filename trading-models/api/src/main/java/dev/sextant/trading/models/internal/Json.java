package dev.sextant.trading.models.internal;

import dev.sextant.trading.models.ModelLoadException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * JSON reading with errors that say what is missing or wrong and where. Only the tree model is
 * used: no type information is read from files, so no class is ever chosen by file content.
 */
public final class Json {

    /**
     * The shared mapper (thread-safe once built). A key that appears twice in one object is an
     * error, not "last one wins": a second {@code "temperature"} must not silently replace the first.
     */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ModelLoadException(where + " is not valid JSON" + at + ": " + e.getOriginalMessage(), e);
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

    /**
     * The integer at {@code field}; never truncated.
     *
     * @throws ModelLoadException if missing, not an integer, or outside the long range
     */
    public static long integer(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new ModelLoadException(where + ": field '" + field + "' must be an integer"
                    + (v != null && v.isIntegralNumber() ? " in the 64-bit range" : "")
                    + (v == null ? " but is missing" : " but was " + v));
        }
        return v.longValue();
    }

    /** The int at {@code field}. @throws ModelLoadException if missing, not an integer or out of int range */
    public static int intValue(JsonNode node, String field, String where) {
        long v = integer(node, field, where);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ModelLoadException(where + ": field '" + field + "' must be a 32-bit integer but was " + v);
        }
        return (int) v;
    }

    /**
     * An array of arrays of non-negative integers below 2^31 at {@code field} (counts); a value
     * such as {@code 1.5} or {@code 1e30} is an error, never cast.
     */
    public static int[][] counts(JsonNode node, String field, String where) {
        JsonNode rows = array(node, field, where);
        int[][] out = new int[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonNode row = rows.get(r);
            String at = where + "." + field + "[" + r + "]";
            if (!row.isArray()) {
                throw new ModelLoadException(at + " must be an array of counts but was " + row.getNodeType());
            }
            out[r] = new int[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                JsonNode v = row.get(c);
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
                    throw new ModelLoadException(at + "[" + c + "] must be a count (a whole number from 0 to "
                            + Integer.MAX_VALUE + ") but was " + v);
                }
                out[r][c] = v.intValue();
            }
        }
        return out;
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

package dev.sextant.trading.models.xgboost;

import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.models.ModelLoadException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an XGBoost model document, JSON or Universal Binary JSON (UBJ, the format XGBoost writes
 * for {@code .ubj}), into plain Java values: {@code Map<String, Object>} for objects,
 * {@code List<Object>} for untyped arrays, primitive arrays for UBJ's typed arrays, {@link String},
 * {@link Boolean}, {@code null}, and numbers. JSON numbers are kept as their text
 * ({@link JsonNumber}) so that a float32 written by XGBoost is parsed straight to the same float,
 * without a detour through double.
 *
 * <p>Only data is read; nothing is instantiated from the document. Sizes declared in a UBJ file
 * are checked against the bytes left, so a corrupted count cannot trigger a huge allocation.
 * Not thread-safe; one instance parses one document.
 */
final class ModelDocument {

    /** A JSON number, kept as written. */
    record JsonNumber(String text) {
    }

    private static final int MAX_DEPTH = 64;

    private final byte[] bytes;
    private final String source;
    private int pos;
    private int depth;

    private ModelDocument(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    /** Whether {@code bytes} look like UBJ rather than JSON (both start with an object). */
    static boolean isUbj(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && isJsonSpace(bytes[i])) {
            i++;
        }
        if (i >= bytes.length || bytes[i] != '{') {
            return false;
        }
        int j = i + 1;
        while (j < bytes.length && isJsonSpace(bytes[j])) {
            j++;
        }
        // JSON continues with a quoted key or '}'; UBJ with a length marker or '$' / '#'.
        return j < bytes.length && j == i + 1 && bytes[j] != '"' && bytes[j] != '}';
    }

    /**
     * Parses a whole document.
     *
     * @param source named in every error
     * @throws ModelLoadException with the byte offset of the problem
     */
    static Object parse(byte[] bytes, String source) {
        ModelDocument d = new ModelDocument(bytes, source);
        try {
            if (isUbj(bytes)) {
                Object root = d.ubjValue(d.next());
                return root;
            }
            d.skipSpace();
            Object root = d.jsonValue();
            d.skipSpace();
            if (d.pos != bytes.length) {
                throw d.error("unexpected content after the document");
            }
            return root;
        } catch (IndexOutOfBoundsException e) {
            throw d.error("the document ends early (truncated file?)");
        }
    }

    /** Adds a member; a key that appears twice in one object is an error, not "last one wins". */
    private void putOnce(Map<String, Object> map, String key, Object value, int keyAt) {
        if (map.containsKey(key)) {
            pos = keyAt;
            throw error("key '" + ErrorText.value(key) + "' appears twice in one object");
        }
        map.put(key, value);
    }

    private ModelLoadException error(String what) {
        return new ModelLoadException(source + ": not a valid XGBoost model document at byte " + pos + ": " + what);
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    // ---------------------------------------------------------------- JSON

    private static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private void skipSpace() {
        while (pos < bytes.length && isJsonSpace(bytes[pos])) {
            pos++;
        }
    }

    private Object jsonValue() {
        if (pos >= bytes.length) {
            throw error("the document ends early (truncated file?)");
        }
        byte b = bytes[pos];
        switch (b) {
            case '{' -> {
                enter();
                pos++;
                Map<String, Object> map = new LinkedHashMap<>();
                skipSpace();
                if (bytes[pos] == '}') {
                    pos++;
                    depth--;
                    return map;
                }
                while (true) {
                    skipSpace();
                    if (bytes[pos] != '"') {
                        throw error("expected a quoted key");
                    }
                    int keyAt = pos;
                    String key = jsonString();
                    skipSpace();
                    expect(':');
                    skipSpace();
                    putOnce(map, key, jsonValue(), keyAt);
                    skipSpace();
                    if (bytes[pos] == ',') {
                        pos++;
                    } else if (bytes[pos] == '}') {
                        pos++;
                        depth--;
                        return map;
                    } else {
                        throw error("expected ',' or '}'");
                    }
                }
            }
            case '[' -> {
                enter();
                pos++;
                List<Object> list = new ArrayList<>();
                skipSpace();
                if (bytes[pos] == ']') {
                    pos++;
                    depth--;
                    return list;
                }
                while (true) {
                    skipSpace();
                    list.add(jsonValue());
                    skipSpace();
                    if (bytes[pos] == ',') {
                        pos++;
                    } else if (bytes[pos] == ']') {
                        pos++;
                        depth--;
                        return list;
                    } else {
                        throw error("expected ',' or ']'");
                    }
                }
            }
            case '"' -> {
                return jsonString();
            }
            case 't' -> {
                literal("true");
                return Boolean.TRUE;
            }
            case 'f' -> {
                literal("false");
                return Boolean.FALSE;
            }
            case 'n' -> {
                literal("null");
                return null;
            }
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    return jsonNumber();
                }
                throw error("unexpected character '" + (char) (b & 0xff) + "'");
            }
        }
    }

    private void expect(char c) {
        if (bytes[pos] != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (bytes[pos + i] != word.charAt(i)) {
                throw error("expected " + word);
            }
        }
        pos += word.length();
    }

    private JsonNumber jsonNumber() {
        int start = pos;
        while (pos < bytes.length) {
            byte c = bytes[pos];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                pos++;
            } else {
                break;
            }
        }
        String text = new String(bytes, start, pos - start, StandardCharsets.US_ASCII);
        try {
            Double.parseDouble(text);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("malformed number '" + text + "'");
        }
        return new JsonNumber(text);
    }

    private String jsonString() {
        pos++;
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            byte c = bytes[pos];
            if (c == '"') {
                String s = new String(bytes, start, pos - start, StandardCharsets.UTF_8);
                pos++;
                return sb == null ? s : sb.append(s).toString();
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(new String(bytes, start, pos - start, StandardCharsets.UTF_8));
                byte e = bytes[pos + 1];
                pos += 2;
                switch (e) {
                    case '"', '\\', '/' -> sb.append((char) e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        String hex = new String(bytes, pos, 4, StandardCharsets.US_ASCII);
                        try {
                            sb.append((char) Integer.parseInt(hex, 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + (char) e);
                }
                start = pos;
            } else {
                pos++;
            }
        }
    }

    // ---------------------------------------------------------------- UBJ (big-endian)

    private byte next() {
        return bytes[pos++];
    }

    private Object ubjValue(byte marker) {
        return switch (marker) {
            case '{' -> ubjObject();
            case '[' -> ubjArray();
            case 'Z' -> null;
            case 'T' -> Boolean.TRUE;
            case 'F' -> Boolean.FALSE;
            case 'i', 'U', 'I', 'l', 'L' -> ubjInteger(marker);
            case 'd' -> Float.intBitsToFloat(readInt());
            case 'D' -> Double.longBitsToDouble(readLong());
            case 'C' -> String.valueOf((char) (next() & 0xff));
            case 'S' -> ubjString();
            case 'H' -> new JsonNumber(ubjString());
            default -> {
                pos--;
                throw error("unknown UBJ marker '" + (char) (marker & 0xff) + "'");
            }
        };
    }

    private long ubjInteger(byte marker) {
        return switch (marker) {
            case 'i' -> next();
            case 'U' -> next() & 0xff;
            case 'I' -> (short) ((next() & 0xff) << 8 | (next() & 0xff));
            case 'l' -> readInt();
            case 'L' -> readLong();
            default -> {
                pos--;
                throw error("expected a UBJ integer marker but found '" + (char) (marker & 0xff) + "'");
            }
        };
    }

    private int readInt() {
        int v = (bytes[pos] & 0xff) << 24 | (bytes[pos + 1] & 0xff) << 16 | (bytes[pos + 2] & 0xff) << 8
                | (bytes[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long readLong() {
        long hi = readInt() & 0xffffffffL;
        long lo = readInt() & 0xffffffffL;
        return hi << 32 | lo;
    }

    private int ubjLength() {
        long n = ubjInteger(next());
        if (n < 0 || n > bytes.length - pos) {
            throw error("length " + n + " exceeds the " + (bytes.length - pos) + " bytes left");
        }
        return (int) n;
    }

    private String ubjString() {
        int n = ubjLength();
        String s = new String(bytes, pos, n, StandardCharsets.UTF_8);
        pos += n;
        return s;
    }

    private Map<String, Object> ubjObject() {
        enter();
        Map<String, Object> map = new LinkedHashMap<>();
        byte type = 0;
        int count = -1;
        if (bytes[pos] == '$') {
            pos++;
            type = next();
            if (bytes[pos] != '#') {
                throw error("a typed UBJ object needs a count");
            }
        }
        if (bytes[pos] == '#') {
            pos++;
            count = ubjLength();
        }
        if (count >= 0) {
            for (int i = 0; i < count; i++) {
                int keyAt = pos;
                String key = ubjString();
                putOnce(map, key, ubjValue(type != 0 ? type : next()), keyAt);
            }
        } else {
            while (true) {
                if (bytes[pos] == '}') {
                    pos++;
                    break;
                }
                if (bytes[pos] == 'N') {
                    pos++;
                    continue;
                }
                int keyAt = pos;
                String key = ubjString();
                putOnce(map, key, ubjValue(next()), keyAt);
            }
        }
        depth--;
        return map;
    }

    private Object ubjArray() {
        enter();
        byte type = 0;
        int count = -1;
        if (bytes[pos] == '$') {
            pos++;
            type = next();
            if (bytes[pos] != '#') {
                throw error("a typed UBJ array needs a count");
            }
        }
        if (bytes[pos] == '#') {
            pos++;
            count = ubjLength();
        }
        Object result;
        if (type != 0) {
            result = typedArray(type, count);
        } else if (count >= 0) {
            List<Object> list = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                list.add(ubjValue(next()));
            }
            result = list;
        } else {
            List<Object> list = new ArrayList<>();
            while (bytes[pos] != ']') {
                byte m = next();
                if (m != 'N') {
                    list.add(ubjValue(m));
                }
            }
            pos++;
            result = list;
        }
        depth--;
        return result;
    }

    private Object typedArray(byte type, int count) {
        int width = switch (type) {
            case 'i', 'U', 'C', 'T', 'F', 'Z' -> 1;
            case 'I' -> 2;
            case 'l', 'd' -> 4;
            case 'L', 'D' -> 8;
            default -> -1;
        };
        if (width < 0) {
            List<Object> list = new ArrayList<>(Math.min(count, bytes.length - pos));
            for (int i = 0; i < count; i++) {
                list.add(ubjValue(type));
            }
            return list;
        }
        if ((long) count * width > bytes.length - pos) {
            throw error("array of " + count + " x " + width + " bytes exceeds the " + (bytes.length - pos)
                    + " bytes left");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes, pos, count * width).order(ByteOrder.BIG_ENDIAN);
        Object out;
        switch (type) {
            case 'd' -> {
                float[] a = new float[count];
                buf.asFloatBuffer().get(a);
                out = a;
            }
            case 'D' -> {
                double[] a = new double[count];
                buf.asDoubleBuffer().get(a);
                out = a;
            }
            case 'l' -> {
                int[] a = new int[count];
                buf.asIntBuffer().get(a);
                out = a;
            }
            case 'L' -> {
                long[] a = new long[count];
                buf.asLongBuffer().get(a);
                out = a;
            }
            case 'I' -> {
                int[] a = new int[count];
                for (int i = 0; i < count; i++) {
                    a[i] = buf.getShort();
                }
                out = a;
            }
            case 'i' -> {
                int[] a = new int[count];
                for (int i = 0; i < count; i++) {
                    a[i] = buf.get();
                }
                out = a;
            }
            case 'U' -> {
                int[] a = new int[count];
                for (int i = 0; i < count; i++) {
                    a[i] = buf.get() & 0xff;
                }
                out = a;
            }
            default -> {
                List<Object> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int at = pos + i;
                    list.add(switch (type) {
                        case 'C' -> String.valueOf((char) (bytes[at] & 0xff));
                        case 'T' -> Boolean.TRUE;
                        case 'F' -> Boolean.FALSE;
                        default -> null;
                    });
                }
                out = list;
            }
        }
        pos += count * width;
        return out;
    }

    // ---------------------------------------------------------------- typed access

    /** The object at {@code path} under {@code root}; {@code path} is dot-separated keys. */
    static Map<String, Object> object(Object value, String path, String source) {
        if (value instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        throw missing(path, "an object", value, source);
    }

    /** A member of an object, required. */
    static Object member(Map<String, Object> object, String key, String path, String source) {
        if (!object.containsKey(key)) {
            throw new ModelLoadException(source + ": not an XGBoost model: '" + path + "." + key + "' is missing");
        }
        return object.get(key);
    }

    /** A list of values (JSON array or UBJ untyped array). */
    static List<?> list(Object value, String path, String source) {
        if (value instanceof List<?> l) {
            return l;
        }
        throw missing(path, "an array", value, source);
    }

    /** A string, or a number written as a string (XGBoost writes parameters as strings). */
    static String text(Object value, String path, String source) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof JsonNumber n) {
            return n.text();
        }
        if (value instanceof Long || value instanceof Float || value instanceof Double) {
            return value.toString();
        }
        throw missing(path, "a string", value, source);
    }

    /** An integer written as a number or a string. */
    static long integer(Object value, String path, String source) {
        if (value instanceof Long l) {
            return l;
        }
        String s = text(value, path, source);
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw missing(path, "an integer", value, source);
        }
    }

    /** A float32 array: UBJ float array, or a JSON array of numbers parsed straight to float. */
    static float[] floats(Object value, String path, String source) {
        if (value instanceof float[] a) {
            return a;
        }
        if (value instanceof double[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = (float) a[i];
            }
            return f;
        }
        List<?> l = list(value, path, source);
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            Object v = l.get(i);
            if (v instanceof JsonNumber n) {
                f[i] = Float.parseFloat(n.text());
            } else if (v instanceof Float x) {
                f[i] = x;
            } else if (v instanceof Double x) {
                f[i] = x.floatValue();
            } else if (v instanceof Long x) {
                f[i] = x;
            } else {
                throw missing(path + "[" + i + "]", "a number", v, source);
            }
        }
        return f;
    }

    /** An int array: UBJ integer array, or a JSON array of integers. */
    static int[] ints(Object value, String path, String source) {
        if (value instanceof int[] a) {
            return a;
        }
        if (value instanceof long[] a) {
            int[] r = new int[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = Math.toIntExact(a[i]);
            }
            return r;
        }
        List<?> l = list(value, path, source);
        int[] r = new int[l.size()];
        for (int i = 0; i < r.length; i++) {
            Object v = l.get(i);
            try {
                r[i] = Math.toIntExact(v instanceof Long x ? x : Long.parseLong(text(v, path, source)));
            } catch (NumberFormatException | ArithmeticException e) {
                throw missing(path + "[" + i + "]", "an integer", v, source);
            }
        }
        return r;
    }

    private static ModelLoadException missing(String path, String expected, Object value, String source) {
        String found = value == null ? "null" : value.getClass().getSimpleName();
        return new ModelLoadException(source + ": not an XGBoost model: '" + path + "' must be " + expected
                + " but is " + found);
    }
}

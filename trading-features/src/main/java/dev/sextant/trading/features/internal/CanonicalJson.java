package dev.sextant.trading.features.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal canonical JSON writer: objects with keys sorted by code point, no whitespace, strings
 * escaped per RFC 8259 (only {@code "}, {@code \} and control characters), whole numbers below
 * 2^53 without a fraction ({@code 14}), other numbers by {@link Double#toString} (the shortest
 * representation that round-trips). The output is a pure function of the value, which makes it
 * a stable input for hashes across runs and JVMs.
 */
public final class CanonicalJson {
    private CanonicalJson() {
    }

    /** Writes {@code value}: a Map with String keys, a List, a String, a Number or a Boolean. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb) {
        switch (value) {
            case Map<?, ?> map -> {
                TreeMap<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put((String) k, v));
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, Object> e : sorted.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(e.getKey(), sb);
                    sb.append(':');
                    write(e.getValue(), sb);
                }
                sb.append('}');
            }
            case List<?> list -> {
                sb.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(list.get(i), sb);
                }
                sb.append(']');
            }
            case String s -> string(s, sb);
            case Boolean b -> sb.append(b);
            case Number n -> sb.append(number(n.doubleValue()));
            default -> throw new IllegalArgumentException("cannot write " + value + " as JSON");
        }
    }

    /** The canonical text of a finite number. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("JSON numbers must be finite but was " + v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}

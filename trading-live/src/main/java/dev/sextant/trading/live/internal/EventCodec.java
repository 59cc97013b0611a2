package dev.sextant.trading.live.internal;

import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical JSON and the hash chain of journal records. The canonical form is the one
 * {@link JournalRecord} documents: keys sorted, no white space, timestamps with six fraction
 * digits. Decoding is strict: a payload decodes only if re-encoding it gives the same bytes.
 * Thread-safe.
 */
public final class EventCodec {
    /** The hash before the first record: 32 zero bytes, hex. */
    public static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final Map<String, Class<? extends JournalEvent>> TYPES = new HashMap<>();
    private static final JsonMapper MAPPER;

    static {
        for (Class<?> type : JournalEvent.class.getPermittedSubclasses()) {
            TYPES.put(type.getSimpleName(), type.asSubclass(JournalEvent.class));
        }
        SimpleModule instants = new SimpleModule("sextant-journal-instants");
        instants.addSerializer(Instant.class, new ValueSerializer<Instant>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
                gen.writeString(formatMicros(value));
            }
        });
        instants.addDeserializer(Instant.class, new ValueDeserializer<Instant>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
                return parseMicros(p.getString());
            }
        });
        MAPPER = JsonMapper.builder()
                .addModule(instants)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private EventCodec() {
    }

    /** {@code time} truncated to whole microseconds (the journal's resolution). */
    public static Instant micros(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code time} as ISO-8601 UTC with exactly six fraction digits, e.g. {@code 2026-01-02T03:04:05.000006Z}. */
    public static String formatMicros(Instant time) {
        return MICROS.format(micros(time));
    }

    /** Parses {@link #formatMicros}'s form; throws {@link IllegalArgumentException} naming the text otherwise. */
    public static Instant parseMicros(String text) {
        try {
            Instant parsed = Instant.from(MICROS.parse(text));
            if (!formatMicros(parsed).equals(text)) {
                throw new IllegalArgumentException("timestamp " + text + " is not in the journal's canonical form");
            }
            return parsed;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp " + text + " is not ISO-8601 UTC with six fraction digits", e);
        }
    }

    /** The type name of {@code event} in the journal: its record's simple name, e.g. {@code OrderRequested}. */
    public static String typeName(JournalEvent event) {
        return event.getClass().getSimpleName();
    }

    /** The canonical payload of a record. */
    public static String encode(long seq, Instant time, Instant receivedAt, JournalEvent event) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("event", MAPPER.valueToTree(event));
        root.put("receivedAt", formatMicros(receivedAt));
        root.put("seq", seq);
        root.put("time", formatMicros(time));
        root.put("type", typeName(event));
        return canonical(root);
    }

    /** The event alone as canonical JSON (for exports). */
    public static JsonNode eventTree(JournalEvent event) {
        return MAPPER.valueToTree(event);
    }

    /** The shared mapper for reading and writing journal JSON (exports, reports). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Decodes a payload stored with hash {@code hash}.
     *
     * @throws IllegalArgumentException if the payload is not valid JSON, names an unknown type,
     *                                  misses or adds a field, or is not in canonical form
     */
    public static JournalRecord decode(String payload, String hash) {
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("payload is not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("payload is not a JSON object");
        }
        for (String field : List.of("event", "receivedAt", "seq", "time", "type")) {
            if (!root.has(field)) {
                throw new IllegalArgumentException("payload has no field '" + field + "'");
            }
        }
        String type = root.get("type").asString();
        Class<? extends JournalEvent> eventType = TYPES.get(type);
        if (eventType == null) {
            throw new IllegalArgumentException("payload has unknown event type '" + type + "'");
        }
        JournalEvent event;
        try {
            event = MAPPER.treeToValue(root.get("event"), eventType);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            String message = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException("payload's " + type + " event is invalid: " + firstLine(message));
        }
        if (!root.get("seq").isIntegralNumber()) {
            throw new IllegalArgumentException("payload's seq is not an integer");
        }
        long seq = root.get("seq").asLong();
        Instant time = parseMicros(root.get("time").asString());
        Instant receivedAt = parseMicros(root.get("receivedAt").asString());
        if (!encode(seq, time, receivedAt, event).equals(payload)) {
            throw new IllegalArgumentException("payload is not in canonical form");
        }
        if (seq <= 0) {
            throw new IllegalArgumentException("payload's seq must be positive but was " + seq);
        }
        return new JournalRecord(seq, time, receivedAt, event, hash);
    }

    /** Lower-case hex SHA-256 of the previous hash's 32 raw bytes followed by the payload's UTF-8 bytes. */
    public static String chainHash(String previousHash, String payload) {
        MessageDigest sha = sha256();
        sha.update(HEX.parseHex(previousHash));
        sha.update(payload.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(sha.digest());
    }

    /**
     * The feature digest of a signal: the lower-case hex SHA-256 of the model input as
     * big-endian IEEE 754 single-precision values, in the model's input order.
     */
    public static String featureDigest(float[] input) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(Float.BYTES * input.length);
        for (float v : input) {
            bytes.putInt(Float.floatToRawIntBits(v));
        }
        return sha256Hex(bytes.array());
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(sha256().digest(bytes));
    }

    /** Whether {@code hash} is 64 lower-case hex digits. */
    public static boolean isHash(String hash) {
        return hash != null && hash.length() == 64 && hash.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Writes {@code node} with object keys sorted and no white space. */
    static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.propertyNames());
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(MAPPER.writeValueAsString(names.get(i))).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(MAPPER.writeValueAsString(node));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

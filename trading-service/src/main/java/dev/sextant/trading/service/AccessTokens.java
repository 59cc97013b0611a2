package dev.sextant.trading.service;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bearer tokens a service accepts, stored as SHA-256 digests so that no token is kept in
 * clear: the tokens file is a JSON array of {@code {"role": "viewer" | "operator", "sha256":
 * "<64 hex digits>"}} with an optional {@code "name"} (who the token belongs to; it names the
 * operator in the session journal, default {@code token-<index>}).
 *
 * <p>A presented token is hashed and compared with every digest using
 * {@link MessageDigest#isEqual} (constant time for equal lengths, and all digests are compared,
 * matched or not), so the response time does not tell how much of a guess was right.
 * Immutable and thread-safe.
 */
public final class AccessTokens {
    /** The largest tokens file read, in bytes (64 KiB). */
    public static final long MAX_FILE_BYTES = 64 * 1024;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final HexFormat HEX = HexFormat.of();

    private final List<Grant> grants;

    /**
     * One accepted token.
     *
     * @param index  position in the tokens file, from 0
     * @param name   who holds it (names the operator in the journal)
     * @param role   what it may do
     * @param sha256 the SHA-256 digest of the token, 32 bytes
     */
    public record Grant(int index, String name, Role role, byte[] sha256) {
        /** Validates and copies the digest. */
        public Grant {
            Checks.nonNegative(index, "index");
            Checks.notBlank(name, "name");
            Checks.notNull(role, "role");
            Checks.notNull(sha256, "sha256");
            if (sha256.length != 32) {
                throw new IllegalArgumentException("sha256 must be 32 bytes but was " + sha256.length);
            }
            sha256 = sha256.clone();
        }

        /** A copy of the digest. */
        @Override
        public byte[] sha256() {
            return sha256.clone();
        }

        @Override
        public String toString() {
            return "Grant[" + index + ", " + name + ", " + role.label() + "]";
        }
    }

    private AccessTokens(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    /**
     * Tokens from already-hashed grants.
     *
     * @throws IllegalArgumentException if the list is empty
     */
    public static AccessTokens of(List<Grant> grants) {
        if (Checks.notNull(grants, "grants").isEmpty()) {
            throw new IllegalArgumentException("grants must not be empty: a service without tokens would refuse every request");
        }
        return new AccessTokens(grants);
    }

    /**
     * Reads a tokens file.
     *
     * @throws IllegalArgumentException naming the file, the entry and the field when the file is
     *                                  not such an array, a role is unknown or a digest is not 64
     *                                  hex digits; or when the file is empty or over
     *                                  {@link #MAX_FILE_BYTES}
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static AccessTokens load(Path file) {
        Checks.notNull(file, "file");
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + ": tokens file has " + size + " bytes, more than the limit of "
                        + MAX_FILE_BYTES);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokens file " + file + ": " + IoErrors.reason(e), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses tokens-file text; {@code source} names it in errors.
     *
     * @throws IllegalArgumentException as {@link #load}
     */
    public static AccessTokens parse(String json, String source) {
        Checks.notNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(source + ": must be a JSON array of {\"role\", \"sha256\"} objects");
        }
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode n = root.get(i);
            String where = source + ": entry " + i;
            if (!n.isObject()) {
                throw new IllegalArgumentException(where + " must be an object but was " + n.getNodeType());
            }
            for (String key : n.propertyNames()) {
                if (!key.equals("role") && !key.equals("sha256") && !key.equals("name")) {
                    throw new IllegalArgumentException(where + ": unknown field '" + key + "' (expected role, sha256, name)");
                }
            }
            String role = text(n, "role", where);
            Role r = switch (role) {
                case "viewer" -> Role.VIEWER;
                case "operator" -> Role.OPERATOR;
                default -> throw new IllegalArgumentException(where + ": field 'role' must be viewer or operator but was '"
                        + role + "'");
            };
            String digest = text(n, "sha256", where).toLowerCase(Locale.ROOT);
            if (!digest.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException(where + ": field 'sha256' must be 64 hex digits (the SHA-256 of the token) "
                        + "but had " + digest.length() + " characters");
            }
            String name = n.has("name") ? text(n, "name", where) : "token-" + i;
            grants.add(new Grant(i, name, r, HEX.parseHex(digest)));
        }
        if (grants.isEmpty()) {
            throw new IllegalArgumentException(source + ": holds no tokens; every request would be refused");
        }
        return new AccessTokens(grants);
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a non-empty string"
                    + (v == null ? " but is missing" : " but was " + v.getNodeType()));
        }
        return v.asString();
    }

    /**
     * The grant of a presented token, if any. Every digest is compared (constant time per
     * digest), whether or not an earlier one matched.
     */
    public Optional<Grant> match(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(token);
        Grant found = null;
        for (Grant g : grants) {
            if (MessageDigest.isEqual(g.sha256, digest) && found == null) {
                found = g;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The grants, in file order. */
    public List<Grant> grants() {
        return grants;
    }

    /** The lower-case hex SHA-256 digest of {@code token} (UTF-8), as the tokens file holds it. */
    public static String sha256Hex(String token) {
        return HEX.formatHex(sha256(Checks.notNull(token, "token")));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

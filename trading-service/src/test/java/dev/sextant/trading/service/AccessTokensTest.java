package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessTokensTest {
    private static final String A = AccessTokens.sha256Hex("a");

    @TempDir
    Path dir;

    @Test
    void theDigestIsTheSha256OfTheUtf8Token() {
        assertEquals("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", A);
    }

    @Test
    void aTokenMatchesItsGrantAndNothingElseMatches() throws IOException {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "[{\"role\":\"viewer\",\"sha256\":\"" + A + "\"},{\"role\":\"operator\",\"name\":\"ops\","
                + "\"sha256\":\"" + AccessTokens.sha256Hex("b").toUpperCase() + "\"}]");
        AccessTokens t = AccessTokens.load(file);
        assertEquals(Role.VIEWER, t.match("a").orElseThrow().role());
        assertEquals("token-0", t.match("a").orElseThrow().name());
        assertEquals(Role.OPERATOR, t.match("b").orElseThrow().role());
        assertEquals("ops", t.match("b").orElseThrow().name());
        assertEquals(Optional.empty(), t.match("c"));
        assertEquals(Optional.empty(), t.match(""));
        assertEquals(Optional.empty(), t.match(null));
        assertEquals(Optional.empty(), t.match(A), "the digest itself is not a token");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|must be a JSON array",
        "[]|holds no tokens",
        "[1]|entry 0 must be an object",
        "[{\"sha256\":\"%s\"}]|entry 0: field 'role' must be a non-empty string but is missing",
        "[{\"role\":\"admin\",\"sha256\":\"%s\"}]|entry 0: field 'role' must be viewer or operator but was 'admin'",
        "[{\"role\":\"viewer\"}]|entry 0: field 'sha256' must be a non-empty string but is missing",
        "[{\"role\":\"viewer\",\"sha256\":\"abc\"}]|entry 0: field 'sha256' must be 64 hex digits",
        "[{\"role\":\"viewer\",\"sha256\":\"%s\",\"token\":\"plain\"}]|entry 0: unknown field 'token'",
        "[{\"role\":\"viewer\",\"role\":\"operator\",\"sha256\":\"%s\"}]|not valid JSON",
        "[{\"role\":\"viewer\",\"sha256\":\"%s\"},{\"role\":\"viewer\",\"sha256\":5}]|entry 1: field 'sha256'"})
    void aBadTokensFileIsRefusedNamingTheFileEntryAndField(String json, String message) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json.replace("%s", A));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccessTokens.load(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aTokensFileOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        Path file = dir.resolve("big.json");
        Files.writeString(file, " ".repeat((int) AccessTokens.MAX_FILE_BYTES + 1));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccessTokens.load(file)).getMessage()
                .contains("more than the limit"));
    }

    @Test
    void grantsKeepTheirDigestPrivate() {
        AccessTokens.Grant g = AccessTokens.parse("[{\"role\":\"viewer\",\"sha256\":\"" + A + "\"}]", "t").grants().get(0);
        g.sha256()[0] ^= 1;
        assertEquals(Role.VIEWER, AccessTokens.of(java.util.List.of(g)).match("a").orElseThrow().role());
        assertTrue(!g.toString().contains(A.substring(0, 8)), "toString does not print the digest");
    }
}

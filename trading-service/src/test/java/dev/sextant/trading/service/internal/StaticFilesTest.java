package dev.sextant.trading.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StaticFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x.txt", "a/../../x.txt", "%2e%2e/x.txt", "%2E%2e%2fx.txt", "..%2fx.txt", "..%5cx.txt",
        "a%2f..%2f..%2fx.txt", "%252e%252e/x.txt", "/etc/passwd", "%2fetc/passwd", "a//b.txt", "./a.txt", "a/./b.txt",
        "c:/x.txt", "x.txt%00.html", "%zz.txt", "%2", "caf\u00e9.txt"})
    void refusesEveryPathThatCouldLeaveTheFolder(String raw) {
        assertEquals(Optional.empty(), StaticFiles.safeName(raw), raw);
    }

    @Test
    void acceptsPlainNamesAndServesIndexForAFolder() {
        assertEquals(Optional.of("a/b.txt"), StaticFiles.safeName("a/b.txt"));
        assertEquals(Optional.of("index.html"), StaticFiles.safeName(""));
        assertEquals(Optional.of("docs/index.html"), StaticFiles.safeName("docs/"));
        assertEquals(Optional.of("my file.txt"), StaticFiles.safeName("my%20file.txt"));
    }

    /** Whatever the request, an accepted name has no empty, "." or ".." segment and is relative. */
    @Property(tries = 2_000)
    void anAcceptedNameNeverClimbs(@ForAll("paths") String raw) {
        StaticFiles.safeName(raw).ifPresent(n -> {
            assertFalse(n.startsWith("/"), n);
            assertTrue(Arrays.stream(n.split("/", -1)).noneMatch(s -> s.isEmpty() || s.equals(".") || s.equals("..")), n);
            assertFalse(n.contains("\\") || n.contains("%") || n.contains("\0"), n);
        });
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("a", "b.txt", "..", ".", "/", "%2e", "%2E", "%2f", "%2F", "%5c", "%25", "%00", "\\", "x.html", "%")
                .list().ofMaxSize(8).map(parts -> String.join("", parts));
    }

    @Test
    void servesOnlyRegularFilesOfKnownTypesInsideTheFolder() throws IOException {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.writeString(root.resolve("a.txt"), "a");
        Files.writeString(root.resolve("a.exe"), "x");
        Files.createDirectories(root.resolve("sub.txt"));
        Files.writeString(dir.resolve("outside.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("outside.txt"));
        StaticFiles f = StaticFiles.folder(root);
        assertEquals("a", new String(f.find("a.txt").orElseThrow().body()));
        assertTrue(f.find("a.txt").orElseThrow().contentType().startsWith("text/plain"));
        assertEquals(Optional.empty(), f.find("a.exe"), "unknown type");
        assertEquals(Optional.empty(), f.find("sub.txt"), "a folder");
        assertEquals(Optional.empty(), f.find("link.txt"), "a link out of the folder");
        assertEquals(Optional.empty(), f.find("missing.txt"));
        assertThrows(IllegalArgumentException.class, () -> StaticFiles.folder(root.resolve("a.txt")));
    }

    @Test
    void servesClassPathResourcesUnderTheirRoot() {
        StaticFiles f = StaticFiles.resources(getClass().getClassLoader(), "dev/sextant/trading/service/dashboard");
        assertTrue(f.find("index.html").isPresent());
        assertTrue(f.find("").isPresent(), "the folder's index");
        assertEquals(Optional.empty(), f.find("../openapi.json"));
    }
}

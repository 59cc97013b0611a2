package dev.sextant.trading.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelLoadException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipExtractorTest {

    private static final ModelLimits LIMITS = ModelLimits.defaults();

    @TempDir
    Path tmp;

    private Path zip(String name, int entries, int bytesEach, boolean random) throws IOException {
        Path zip = tmp.resolve(name);
        Random rnd = new Random(1);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < entries; i++) {
                z.putNextEntry(new ZipEntry("d/f" + i));
                byte[] data = new byte[bytesEach];
                if (random) {
                    rnd.nextBytes(data);
                }
                z.write(data);
                z.closeEntry();
            }
        }
        return zip;
    }

    private Path target() throws IOException {
        return Files.createTempDirectory(tmp, "out");
    }

    @Test
    void extractsEveryFileAndListsThem() throws IOException {
        Path out = target();
        List<String> files = ZipExtractor.extract(zip("ok.zip", 3, 100, true), out, LIMITS, "bundle ok.zip");
        assertEquals(List.of("d/f0", "d/f1", "d/f2"), files);
        assertEquals(100, Files.size(out.resolve("d/f2")));
    }

    @Test
    void aHighlyCompressedEntryIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path out = target();
        Path bomb = zip("bomb.zip", 1, 32 << 20, false);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ZipExtractor.extract(bomb, out, LIMITS, "b"));
        assertTrue(e.getMessage().contains("entry 'd/f0'") && e.getMessage().contains("ratio"), e.getMessage());
        assertFalse(Files.exists(out.resolve("d/f0")));
    }

    @Test
    void anEntryThatInflatesPastItsDeclaredSizeStopsWithinOneBuffer() throws IOException {
        Path out = target();
        Path forged = zip("forged.zip", 1, 8 << 20, false);
        byte[] bytes = Files.readAllBytes(forged);
        // Declare 1000 bytes in the central directory header (uncompressed size at offset 24).
        for (int i = 0; i + 4 < bytes.length; i++) {
            if (bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2) {
                bytes[i + 24] = (byte) 0xe8;
                bytes[i + 25] = 0x03;
                bytes[i + 26] = 0;
                bytes[i + 27] = 0;
            }
        }
        Files.write(forged, bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ZipExtractor.extract(forged, out, LIMITS, "b"));
        assertTrue(e.getMessage().contains("1000 bytes its header declares"), e.getMessage());
        assertTrue(Files.size(out.resolve("d/f0")) <= 1000);
    }

    @Test
    void anEntryAboveThePerEntryLimitIsRefused() throws IOException {
        Path big = zip("big.zip", 1, 5_000, true);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ZipExtractor.extract(big, target(), LIMITS.withMaxEntryBytes(4_000), "b"));
        assertTrue(e.getMessage().contains("limit per entry"), e.getMessage());
    }

    @Test
    void entriesAboveTheTotalLimitAreRefused() throws IOException {
        Path many = zip("total.zip", 4, 3_000, true);
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ZipExtractor.extract(many, target(), LIMITS.withMaxBundleBytes(10_000), "b"));
        assertTrue(e.getMessage().contains("limit per bundle") && e.getMessage().contains("d/f3"), e.getMessage());
    }

    @Test
    void tooManyEntriesAreRefusedBeforeAnythingIsWritten() throws IOException {
        Path many = zip("count.zip", 20, 1, true);
        Path out = target();
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> ZipExtractor.extract(many, out, LIMITS.withMaxEntries(10), "b"));
        assertTrue(e.getMessage().contains("20 entries but at most 10"), e.getMessage());
        try (var s = Files.list(out)) {
            assertEquals(0, s.count());
        }
    }

    @Test
    void duplicateEntriesAreRefusedEvenWhenTheyDifferOnlyInCase() throws IOException {
        Path zip = tmp.resolve("case.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (String name : List.of("manifest.json", "MANIFEST.json")) {
                z.putNextEntry(new ZipEntry(name));
                z.write("{}".getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ZipExtractor.extract(zip, target(), LIMITS, "b"));
        assertTrue(e.getMessage().contains("two entries"), e.getMessage());
    }

    @Test
    void entriesThatEscapeAreRefused() throws IOException {
        for (String name : List.of("../x", "/abs", "a/../../x", "a\\..\\x")) {
            Path zip = tmp.resolve("escape.zip");
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                z.putNextEntry(new ZipEntry(name));
                z.closeEntry();
            }
            ModelLoadException e = assertThrows(ModelLoadException.class,
                    () -> ZipExtractor.extract(zip, target(), LIMITS, "b"), name);
            assertTrue(e.getMessage().contains("outside"), e.getMessage());
        }
    }

    @Test
    void notAZipIsATypedError() throws IOException {
        Path junk = tmp.resolve("junk.zip");
        Files.writeString(junk, "not a zip");
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> ZipExtractor.extract(junk, target(), LIMITS, "b"));
        assertTrue(e.getMessage().startsWith("b "), e.getMessage());
    }
}

package dev.sextant.trading.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriterTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesANewFileAndReplacesAnOldOneLeavingNoTemporaryFile() throws IOException {
        Path out = dir.resolve("out.csv");
        AtomicFileWriter.writeText(out, w -> w.write("a\n"));
        assertEquals("a\n", Files.readString(out));
        AtomicFileWriter.writeText(out, w -> w.write("b\n"));
        assertEquals("b\n", Files.readString(out));
        assertEquals(List.of("out.csv"), names());
    }

    @Test
    void anIoErrorHalfWayLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "old content\n");
        IOException e = assertThrows(IOException.class, () -> AtomicFileWriter.writeText(out, w -> {
            w.write("new partial content ".repeat(10_000));
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + out + ": No space left on device", e.getMessage());
        assertEquals("old content\n", Files.readString(out));
        assertEquals(List.of("out.csv"), names());
    }

    @Test
    void anExceptionFromTheContentIsRethrownUnchangedAndCleansUp() throws IOException {
        Path out = dir.resolve("out.csv");
        Files.writeString(out, "old\n");
        MarketDataException bad = new MarketDataException("in.csv", 3, "close", "x", null, "is not a number");
        MarketDataException e = assertThrows(MarketDataException.class,
                () -> AtomicFileWriter.writeText(out, w -> {
                    w.write("partial");
                    throw bad;
                }));
        assertSame(bad, e);
        assertEquals("old\n", Files.readString(out));
        assertEquals(List.of("out.csv"), names());
    }

    @Test
    void aFailedRenameLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("busy");
        Files.createDirectories(target.resolve("child"));
        IOException e = assertThrows(IOException.class, () -> AtomicFileWriter.writeString(target, "x"));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        assertEquals(List.of("busy"), names());
    }

    @Test
    void aMissingDirectoryIsReportedWithTheReason() {
        Path out = dir.resolve("no/such/dir/out.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFileWriter.writeTextUnchecked(out, w -> w.write("x")));
        assertEquals("cannot write " + out + ": no such file or directory", e.getMessage());
    }

    @Test
    void keepsThePermissionsOfTheReplacedFile() throws IOException {
        Path out = dir.resolve("p.csv");
        Files.writeString(out, "old");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFileWriter.writeString(out, "new");
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
    }

    @Test
    void theContentCannotCloseTheStreamBeforeItIsSynced() throws IOException {
        Path out = dir.resolve("c.bin");
        AtomicFileWriter.write(out, o -> {
            o.write(new byte[] {1, 2});
            o.close();
        });
        assertEquals(2, Files.size(out));
    }

    @Test
    void writesADirectoryInOneRenameAndReplacesOnlyAnEmptyOne() throws IOException {
        Path bundle = dir.resolve("bundle");
        Files.createDirectory(bundle);
        String r = AtomicFileWriter.writeDirectory(bundle, d -> {
            Files.createDirectories(d.resolve("models"));
            Files.writeString(d.resolve("models/a.json"), "{}");
            Files.writeString(d.resolve("manifest.json"), "{}", StandardCharsets.UTF_8);
            return "done";
        });
        assertEquals("done", r);
        assertTrue(Files.isRegularFile(bundle.resolve("models/a.json")));
        assertEquals(List.of("bundle"), names());
        IOException e = assertThrows(IOException.class, () -> AtomicFileWriter.writeDirectory(bundle, d -> "again"));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertTrue(Files.isRegularFile(bundle.resolve("manifest.json")));
        assertEquals(List.of("bundle"), names());
    }

    @Test
    void aFailedDirectoryWriteLeavesNothingBehind() throws IOException {
        Path bundle = dir.resolve("bundle");
        IOException e = assertThrows(IOException.class, () -> AtomicFileWriter.writeDirectory(bundle, d -> {
            Files.writeString(d.resolve("half.bin"), "x");
            throw new IOException("Input/output error");
        }));
        assertEquals("cannot write " + bundle + ": Input/output error", e.getMessage());
        assertFalse(Files.exists(bundle));
        assertEquals(List.of(), names());
    }
}

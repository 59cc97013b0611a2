package dev.sextant.trading.flink;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ResultFolderTest {
    @Test
    void startsEmptyAndIsDeletedWithItsFilesWhenClosed() throws Exception {
        Path path;
        try (ResultFolder folder = ResultFolder.create("sextant-result-folder-test")) {
            path = folder.path();
            assertTrue(Files.isDirectory(path));
            try (var list = Files.list(path)) {
                assertFalse(list.findAny().isPresent());
            }
            Files.writeString(path.resolve("part-0"), "a");
            Files.writeString(path.resolve(".part-1.tmp"), "b");
            Files.writeString(Files.createDirectories(path.resolve("nested")).resolve("c"), "c");
        }
        assertFalse(Files.exists(path));
    }
}

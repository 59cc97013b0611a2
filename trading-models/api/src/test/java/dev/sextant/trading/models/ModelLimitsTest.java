package dev.sextant.trading.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class ModelLimitsTest {

    @TempDir
    Path tmp;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void devZeroIsRefusedAsNotARegularFileInsteadOfFillingTheHeap() {
        IOException e = assertThrows(IOException.class, () -> ModelLimits.defaults().readModelFile(Path.of("/dev/zero")));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void aFileAboveTheLimitIsRefusedNamingTheLimitAndTheProperty() throws IOException {
        Path f = tmp.resolve("big.json");
        Files.write(f, new byte[2_000]);
        IOException e = assertThrows(IOException.class,
                () -> ModelLimits.defaults().withMaxModelBytes(1_000).readModelFile(f));
        assertTrue(e.getMessage().contains("limit of 1000 bytes") && e.getMessage().contains(
                ModelLimits.MAX_MODEL_BYTES_PROPERTY), e.getMessage());
        assertArrayEquals(new byte[2_000], ModelLimits.defaults().withMaxModelBytes(2_000).readModelFile(f));
    }

    @Test
    void aMissingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> ModelLimits.defaults().readModelFile(tmp.resolve("absent")));
    }

    @Test
    void readModelTextRefusesInvalidUtf8() throws IOException {
        Path f = tmp.resolve("bin.json");
        Files.write(f, new byte[] {'{', (byte) 0xff, '}'});
        IOException e = assertThrows(IOException.class, () -> ModelLimits.defaults().readModelText(f));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        Files.writeString(f, "{\"a\": \"é\"}", StandardCharsets.UTF_8);
        assertEquals("{\"a\": \"é\"}", ModelLimits.defaults().readModelText(f));
    }

    @Test
    void systemPropertiesOverrideTheDefaultsAndABadOneIsNamed() {
        String old = System.getProperty(ModelLimits.MAX_ENTRIES_PROPERTY);
        try {
            System.setProperty(ModelLimits.MAX_ENTRIES_PROPERTY, "7");
            assertEquals(7, ModelLimits.defaults().maxEntries());
            System.setProperty(ModelLimits.MAX_ENTRIES_PROPERTY, "many");
            ModelLoadException e = assertThrows(ModelLoadException.class, ModelLimits::defaults);
            assertTrue(e.getMessage().contains(ModelLimits.MAX_ENTRIES_PROPERTY) && e.getMessage().contains("many"),
                    e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(ModelLimits.MAX_ENTRIES_PROPERTY);
            } else {
                System.setProperty(ModelLimits.MAX_ENTRIES_PROPERTY, old);
            }
        }
        assertEquals(ModelLimits.DEFAULT_MAX_ENTRIES, ModelLimits.defaults().maxEntries());
    }

    @Test
    void limitsMustBePositiveAndAModelFitInOneArray() {
        assertThrows(IllegalArgumentException.class, () -> ModelLimits.defaults().withMaxEntries(0));
        assertThrows(IllegalArgumentException.class, () -> ModelLimits.defaults().withMaxModelBytes(1L << 31));
        assertThrows(IllegalArgumentException.class, () -> ModelLimits.defaults().withMaxInflationRatio(-1));
    }
}

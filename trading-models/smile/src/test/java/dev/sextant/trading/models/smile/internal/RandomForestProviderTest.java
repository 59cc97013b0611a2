package dev.sextant.trading.models.smile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RandomForestProviderTest {

    @Test
    void isFoundByServiceLoaderUnderItsTypeId() {
        assertInstanceOf(RandomForestProvider.class, Models.provider("smile-rf"));
        assertInstanceOf(RandomForestTrainer.class, Models.trainer("smile-rf"));
        assertEquals("dev.sextant:trading-models-smile", new RandomForestProvider().artifact());
    }

    @Test
    void rejectsLoadOptions() {
        assertThrows(ModelLoadException.class, () -> new RandomForestProvider().load(Path.of("x"), Map.of("threads", "2")));
    }
}

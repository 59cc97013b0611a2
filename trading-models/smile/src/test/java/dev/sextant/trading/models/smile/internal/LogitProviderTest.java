package dev.sextant.trading.models.smile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogitProviderTest {

    @Test
    void isFoundByServiceLoaderUnderItsTypeId() {
        assertInstanceOf(LogitProvider.class, Models.provider("smile-logit"));
        assertInstanceOf(LogitTrainer.class, Models.trainer("smile-logit"));
        assertEquals("dev.sextant:trading-models-smile", new LogitProvider().artifact());
    }

    @Test
    void rejectsLoadOptions() {
        assertThrows(ModelLoadException.class, () -> new LogitProvider().load(Path.of("x"), Map.of("threads", "2")));
    }
}

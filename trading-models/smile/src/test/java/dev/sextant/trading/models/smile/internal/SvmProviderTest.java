package dev.sextant.trading.models.smile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SvmProviderTest {

    @Test
    void isFoundByServiceLoaderUnderItsTypeId() {
        assertInstanceOf(SvmProvider.class, Models.provider("smile-svm"));
        assertInstanceOf(SvmTrainer.class, Models.trainer("smile-svm"));
        assertEquals("dev.sextant:trading-models-smile", new SvmProvider().artifact());
    }

    @Test
    void rejectsLoadOptions() {
        assertThrows(ModelLoadException.class, () -> new SvmProvider().load(Path.of("x"), Map.of("threads", "2")));
    }
}

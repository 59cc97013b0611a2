package dev.sextant.trading.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogisticRegressionProviderTest {

    @Test
    void isFoundUnderTypeLogistic() {
        assertInstanceOf(LogisticRegressionProvider.class, Models.provider("logistic"));
        assertEquals("dev.sextant:trading-models", new LogisticRegressionProvider().artifact());
    }

    @Test
    void rejectsOptions() {
        assertThrows(ModelLoadException.class, () -> new LogisticRegressionProvider().load(Path.of("x"), Map.of("a", "b")));
    }
}

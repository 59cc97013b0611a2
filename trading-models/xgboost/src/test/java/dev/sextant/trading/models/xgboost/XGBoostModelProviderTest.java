package dev.sextant.trading.models.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelProvider;
import dev.sextant.trading.models.Models;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XGBoostModelProviderTest {

    @Test
    void serviceLoaderFindsTheProviderByTypeId() {
        ModelProvider p = Models.provider("xgboost");
        assertInstanceOf(XGBoostModelProvider.class, p);
        assertEquals("dev.sextant:trading-models-xgboost", p.artifact());
    }

    @Test
    void loadPassesOptionsThrough() {
        try (Model m = Models.provider("xgboost").load(Golden.resource("softprob.ubj"),
                Map.of("engine", "xgboost4j", "featureCount", "8"))) {
            assertEquals(XGBoostOptions.Engine.XGBOOST4J, ((XGBoostModel) m).options().engine());
        }
    }

    @Test
    void unknownOptionIsAnError() {
        assertThrows(IllegalArgumentException.class,
                () -> new XGBoostModelProvider().load(Golden.resource("softprob.ubj"), Map.of("threads", "4")));
    }
}

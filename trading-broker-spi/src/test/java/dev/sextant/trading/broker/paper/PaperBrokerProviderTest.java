package dev.sextant.trading.broker.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.sextant.trading.core.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperBrokerProviderTest {

    @Test
    void hasTheIdPaperAndCreatesADisconnectedPaperBroker() {
        PaperBrokerProvider p = new PaperBrokerProvider();
        assertEquals("paper", p.id());
        assertEquals(PaperBrokerConfig.class, p.configType());
        PaperBroker b = assertInstanceOf(PaperBroker.class, p.create(p.parseConfig(Map.of("seed", "3")), Clock.system()));
        assertEquals(3, b.config().seed());
        assertEquals("paper", b.venue());
    }
}

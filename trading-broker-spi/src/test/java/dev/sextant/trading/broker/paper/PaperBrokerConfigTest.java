package dev.sextant.trading.broker.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.core.CostModel;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaperBrokerConfigTest {

    @Test
    void defaultsAreACashAccountWithoutCostsOrLatency() {
        PaperBrokerConfig d = PaperBrokerConfig.defaults();
        assertEquals(100_000, d.initialCash());
        assertEquals(CostModel.ZERO, d.costModel());
        assertEquals(0, d.latencyMillis());
        assertEquals(1.0, d.maxParticipation());
        assertEquals(1.0, d.leverage());
        assertEquals(d, d.toBuilder().build());
    }

    @Test
    void parsesEverySetting() {
        PaperBrokerConfig c = PaperBrokerConfig.fromProperties(Map.ofEntries(
                Map.entry("initialCash", "5000"), Map.entry("currency", "EUR"), Map.entry("spreadBps", "2"),
                Map.entry("commissionBps", "1"), Map.entry("commissionPerUnit", "0.005"),
                Map.entry("minCommission", "1"), Map.entry("impactCoefficient", "0.3"), Map.entry("slippage", "volume:40"),
                Map.entry("latencyMillis", "15"), Map.entry("latencyJitterMillis", "5"),
                Map.entry("maxParticipation", "none"), Map.entry("leverage", "2"), Map.entry("seed", "42"),
                Map.entry("sessionZone", "America/New_York")));
        assertEquals(5_000, c.initialCash());
        assertEquals("EUR", c.currency());
        assertEquals(new CostModel(2, 1, 0.005, 1, 0.3), c.costModel());
        assertEquals(Slippage.volumeShare(40), c.slippage());
        assertEquals(15, c.latencyMillis());
        assertEquals(5, c.latencyJitterMillis());
        assertEquals(PaperBrokerConfig.NO_PARTICIPATION_CAP, c.maxParticipation());
        assertEquals(2, c.leverage());
        assertEquals(42, c.seed());
        assertEquals(ZoneId.of("America/New_York"), c.sessionZone());
        assertEquals(Slippage.bps(3), PaperBrokerConfig.fromProperties(Map.of("slippage", "bps:3")).slippage());
    }

    @Test
    void errorsNameTheKeyAndTheValue() {
        BrokerException e = assertThrows(BrokerException.class,
                () -> PaperBrokerConfig.fromProperties(Map.of("latencyMillis", "fast")));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("'latencyMillis'") && e.getMessage().contains("'fast'"), e.getMessage());
        e = assertThrows(BrokerException.class, () -> PaperBrokerConfig.fromProperties(Map.of("latency", "5")));
        assertTrue(e.getMessage().contains("[latency]"), e.getMessage());
        e = assertThrows(BrokerException.class, () -> PaperBrokerConfig.fromProperties(Map.of("slippage", "lots")));
        assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
        e = assertThrows(BrokerException.class, () -> PaperBrokerConfig.fromProperties(Map.of("sessionZone", "Mars/Base")));
        assertTrue(e.getMessage().contains("Mars/Base"), e.getMessage());
        e = assertThrows(BrokerException.class, () -> PaperBrokerConfig.fromProperties(Map.of("initialCash", "-1")));
        assertTrue(e.getMessage().contains("initialCash must be positive but was -1.0"), e.getMessage());
    }

    @Test
    void rejectsInvalidValues() {
        assertThrows(IllegalArgumentException.class, () -> PaperBrokerConfig.builder().initialCash(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> PaperBrokerConfig.builder().latencyMillis(-1).build());
        assertThrows(IllegalArgumentException.class, () -> PaperBrokerConfig.builder().latencyJitterMillis(-1).build());
        assertThrows(IllegalArgumentException.class, () -> PaperBrokerConfig.builder().maxParticipation(0).build());
        assertThrows(IllegalArgumentException.class, () -> PaperBrokerConfig.builder().maxParticipation(1.5).build());
        assertThrows(IllegalArgumentException.class, () -> PaperBrokerConfig.builder().leverage(0).build());
        assertThrows(NullPointerException.class, () -> PaperBrokerConfig.builder().costModel(null).build());
    }

    @Test
    void aKeyMappedToNullIsInvalidConfigNotANullPointerException() {
        Map<String, String> settings = new HashMap<>();
        settings.put("currency", null);
        BrokerException e = assertThrows(BrokerException.class, () -> PaperBrokerConfig.fromProperties(settings));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("'currency' has no value"), e.getMessage());
    }

    @Test
    void aNullKeyIsInvalidConfigNotANullPointerException() {
        Map<String, String> settings = new HashMap<>();
        settings.put(null, "EUR");
        BrokerException e = assertThrows(BrokerException.class, () -> PaperBrokerConfig.fromProperties(settings));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("null key") && e.getMessage().contains("'EUR'"), e.getMessage());
    }
}

package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServiceLimitsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ServiceLimits d = ServiceLimits.defaults();
        assertEquals(1L << 20, d.maxBodyBytes());
        assertEquals(5_000, d.maxBars());
        assertEquals(50, d.requestsPerSecond());
        assertEquals(100, d.burst());
        assertEquals(64, d.maxQueuedRequests());
        assertTrue(d.maxConcurrentRequests() >= 4);
    }

    @Test
    void eachBadSettingIsRefusedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceLimits.builder().maxBodyBytes(0).build())
                .getMessage().contains("maxBodyBytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceLimits.builder().maxBars(-1).build())
                .getMessage().contains("maxBars"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceLimits.builder().requestsPerSecond(Double.NaN)
                .build()).getMessage().contains("requestsPerSecond"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceLimits.builder().burst(0).build())
                .getMessage().contains("burst"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceLimits.builder().maxConcurrentRequests(0)
                .build()).getMessage().contains("maxConcurrentRequests"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceLimits.builder().maxQueuedRequests(-1)
                .build()).getMessage().contains("maxQueuedRequests"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ServiceLimits.builder()
                .maxQueueWait(Duration.ofSeconds(-1)).build()).getMessage().contains("maxQueueWait"));
    }
}

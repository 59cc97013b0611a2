package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RejectionRateTest {

    @Test
    void rejectsACountOrWindowThatIsNotPositive() {
        assertEquals("count must be positive but was 0",
                assertThrows(IllegalArgumentException.class, () -> new RejectionRate(0, Duration.ofMinutes(1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RejectionRate(1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RejectionRate(1, Duration.ofSeconds(-1)));
    }
}

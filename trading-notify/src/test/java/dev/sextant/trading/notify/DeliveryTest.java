package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    @Test
    void aRetryNeedsAReasonAndNoNegativeWait() {
        assertThrows(IllegalArgumentException.class, () -> new Delivery.Retry("", Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Delivery.Retry("429", Optional.of(Duration.ofSeconds(-1))));
        assertThrows(IllegalArgumentException.class, () -> new Delivery.Failed(" "));
    }
}

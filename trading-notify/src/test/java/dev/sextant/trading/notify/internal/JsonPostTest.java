package dev.sextant.trading.notify.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sextant.trading.notify.Delivery;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonPostTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private static Optional<Duration> retryAfter(String value) {
        return JsonPost.retryAfter(HttpHeaders.of(Map.of("Retry-After", List.of(value)), (a, b) -> true), NOW);
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(120)), retryAfter("120"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), retryAfter("Thu, 3 Dec 2026 10:00:30 GMT"));
        assertEquals(Optional.of(Duration.ZERO), retryAfter("Thu, 3 Dec 2026 09:00:00 GMT"));
        assertEquals(Optional.empty(), retryAfter("soon"));
        assertEquals(Optional.empty(), retryAfter("99999999999999999999999"));
        assertEquals(Optional.empty(), JsonPost.retryAfter(HttpHeaders.of(Map.of(), (a, b) -> true), NOW));
    }

    @Test
    void classifiesStatusesForRetrying() {
        assertInstanceOf(Delivery.Delivered.class, JsonPost.classify(204, Optional.empty(), "ok"));
        for (int status : new int[] {408, 429, 500, 503}) {
            assertInstanceOf(Delivery.Retry.class, JsonPost.classify(status, Optional.empty(), "HTTP " + status));
        }
        for (int status : new int[] {301, 400, 401, 403, 404}) {
            assertInstanceOf(Delivery.Failed.class, JsonPost.classify(status, Optional.empty(), "HTTP " + status));
        }
    }

    @Test
    void redactsEveryCopyOfTheSecretAndKeepsOneLine() {
        assertEquals("POST /bot***/sendMessage failed: *** \\u000anext", JsonPost.redact(
                "POST /bot12:ab/sendMessage failed: 12:ab \nnext", "12:ab"));
    }

    @Test
    void rejectsATimeoutThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new JsonPost(Duration.ZERO));
    }
}

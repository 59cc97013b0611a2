package dev.sextant.trading.notify;

import dev.sextant.trading.core.Checks;
import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt to send a notification came to. Reasons never contain a secret (a bot token,
 * a webhook URL's path): they are written to logs.
 */
public sealed interface Delivery {

    /** The service accepted the message. */
    record Delivered() implements Delivery {
    }

    /**
     * A temporary failure (HTTP 429 or 5xx, a timeout, a connection error): trying again may work.
     *
     * @param reason why, in words, no secrets
     * @param after  how long the service asked to wait before the next attempt (Telegram's
     *               {@code retry_after}, HTTP {@code Retry-After}), or empty when it did not say
     */
    record Retry(String reason, Optional<Duration> after) implements Delivery {
        /** Validates every field; a wait must not be negative. */
        public Retry {
            Checks.notBlank(reason, "reason");
            Checks.notNull(after, "after");
            after.ifPresent(d -> {
                if (d.isNegative()) {
                    throw new IllegalArgumentException("after must not be negative but was " + d);
                }
            });
        }
    }

    /**
     * A permanent failure (a bad token, an unknown chat, a malformed request): trying again will not help.
     *
     * @param reason why, in words, no secrets
     */
    record Failed(String reason) implements Delivery {
        /** Validates the reason. */
        public Failed {
            Checks.notBlank(reason, "reason");
        }
    }
}

package dev.sextant.trading.notify;

import dev.sextant.trading.core.Checks;
import java.time.Duration;

/**
 * When rejected orders deserve a notification: {@code count} rejections (by the pre-trade checks
 * or the venue) within {@code window} of session time. After an alert the next one comes no sooner
 * than one window later, so a storm of rejections makes one message per window, not one per order.
 *
 * @param count  rejections that make an alert, at least 1
 * @param window the sliding window, positive
 */
public record RejectionRate(int count, Duration window) {
    /** The default: 5 rejections within an hour. */
    public static final RejectionRate DEFAULT = new RejectionRate(5, Duration.ofHours(1));

    /** Validates every field. */
    public RejectionRate {
        Checks.positive(count, "count");
        Checks.notNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive but was " + window);
        }
    }
}

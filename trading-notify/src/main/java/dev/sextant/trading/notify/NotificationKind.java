package dev.sextant.trading.notify;

import java.util.Locale;
import java.util.Optional;

/**
 * What a {@link Notification} is about. Each kind has a stable lower-case name used in settings
 * files ({@code "events": ["kill_switch_tripped", ...]}).
 */
public enum NotificationKind {
    /** The kill switch tripped: new risk-increasing orders are blocked. */
    KILL_SWITCH_TRIPPED,
    /** An operator re-armed the kill switch. */
    KILL_SWITCH_REARMED,
    /** A drift monitor raised an alert on the model's inputs or outputs. */
    DRIFT_ALERT,
    /** A model version was promoted to champion. */
    PROMOTION,
    /** The champion was rolled back to an earlier version. */
    ROLLBACK,
    /** Rejected orders (by the pre-trade checks or the venue) went above the configured rate. */
    REJECTED_ORDERS,
    /** The day's counts: decisions, orders, fills, rejections, kill-switch trips. */
    DAILY_SUMMARY;

    /** The name in settings files: the constant in lower case, e.g. {@code kill_switch_tripped}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind whose {@link #configName()} is {@code name}, or empty when none is. */
    public static Optional<NotificationKind> fromConfigName(String name) {
        for (NotificationKind k : values()) {
            if (k.configName().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}

package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import java.time.Duration;

/**
 * When the {@link ModelCircuitBreaker} opens and what it escalates to.
 *
 * @param maxFailures                       failures or latency overruns within {@code window}
 *                                          that open the breaker; positive; default 3
 * @param window                            the sliding window; positive; default 1 minute
 * @param latencyBudget                     a prediction slower than this is an overrun;
 *                                          positive; default 100 ms
 * @param cooldown                          how long the breaker stays open before closing
 *                                          again; positive; default 5 minutes
 * @param killSwitchAfterConsecutiveFailures consecutive failures (overruns excluded) that trip
 *                                          the kill switch; 0 never; default 10
 */
public record CircuitBreakerPolicy(int maxFailures, Duration window, Duration latencyBudget, Duration cooldown,
        int killSwitchAfterConsecutiveFailures) {

    /** The defaults listed above. */
    public static final CircuitBreakerPolicy DEFAULTS = new CircuitBreakerPolicy(3, Duration.ofMinutes(1),
            Duration.ofMillis(100), Duration.ofMinutes(5), 10);

    /** Validates every field. */
    public CircuitBreakerPolicy {
        Checks.positive(maxFailures, "maxFailures");
        positive(window, "window");
        positive(latencyBudget, "latencyBudget");
        positive(cooldown, "cooldown");
        Checks.nonNegative(killSwitchAfterConsecutiveFailures, "killSwitchAfterConsecutiveFailures");
    }

    private static void positive(Duration d, String name) {
        Checks.notNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + d);
        }
    }
}

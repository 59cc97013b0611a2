package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.risk.internal.TimeRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns model output into HOLD while the models misbehave. The pipeline reports each prediction
 * ({@link #recordSuccess} with its latency, or {@link #recordFailure}); when
 * {@link CircuitBreakerPolicy#maxFailures()} failures or latency overruns fall within the window
 * the breaker opens, and {@link #filter} replaces every signal by HOLD until the cooldown has
 * passed (or {@link #reset} is called). A streak of consecutive failures can also trip the kill
 * switch.
 *
 * <p>Thread-safe: all methods synchronise on the breaker.
 */
public final class ModelCircuitBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCircuitBreaker.class);

    private final CircuitBreakerPolicy policy;
    private final Clock clock;
    private final KillSwitch killSwitch;
    private final TimeRing events;
    private final long windowMillis;
    private final long latencyBudgetNanos;
    private final long cooldownMillis;
    private long openedAt = Long.MIN_VALUE;
    private int consecutiveFailures;

    /**
     * A closed breaker.
     *
     * @param policy     when to open and escalate
     * @param clock      time source for the window and cooldown
     * @param killSwitch the switch to trip after a failure streak, or null to never escalate
     */
    public ModelCircuitBreaker(CircuitBreakerPolicy policy, Clock clock, KillSwitch killSwitch) {
        this.policy = Checks.notNull(policy, "policy");
        this.clock = Checks.notNull(clock, "clock");
        this.killSwitch = killSwitch;
        this.events = new TimeRing(policy.maxFailures());
        this.windowMillis = policy.window().toMillis();
        this.latencyBudgetNanos = policy.latencyBudget().toNanos();
        this.cooldownMillis = policy.cooldown().toMillis();
    }

    /**
     * Records a prediction that succeeded in {@code latencyNanos}; a latency above the budget
     * counts towards opening the breaker but ends a failure streak.
     */
    public synchronized void recordSuccess(long latencyNanos) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latencyNanos must be non-negative but was " + latencyNanos);
        }
        consecutiveFailures = 0;
        if (latencyNanos > latencyBudgetNanos) {
            event("latency " + latencyNanos / 1_000 + " us over budget " + latencyBudgetNanos / 1_000 + " us");
        }
    }

    /** Records a failed prediction (exception, invalid output, timeout) with a short reason. */
    public void recordFailure(String reason) {
        Checks.notBlank(reason, "reason");
        boolean escalate;
        synchronized (this) {
            consecutiveFailures++;
            event(reason);
            int limit = policy.killSwitchAfterConsecutiveFailures();
            escalate = killSwitch != null && limit > 0 && consecutiveFailures == limit;
        }
        if (escalate) {
            killSwitch.trip(KillSwitchTrigger.MODEL_FAILURES, policy.killSwitchAfterConsecutiveFailures()
                    + " consecutive model failures, last: " + reason);
        }
    }

    private void event(String reason) {
        long now = clock.millis();
        events.record(now);
        if (!isOpenAt(now) && events.isFull(now, windowMillis + 1)) {
            openedAt = now;
            LOG.warn("model circuit breaker opened: {} failures or overruns within {}; last: {}",
                    policy.maxFailures(), policy.window(), reason);
        }
    }

    /** Whether the breaker is open (signals become HOLD). */
    public synchronized boolean isOpen() {
        return isOpenAt(clock.millis());
    }

    private boolean isOpenAt(long now) {
        if (openedAt == Long.MIN_VALUE) {
            return false;
        }
        if (now - openedAt >= cooldownMillis) {
            openedAt = Long.MIN_VALUE;
            events.clear();
            LOG.info("model circuit breaker closed after cooldown {}", policy.cooldown());
            return false;
        }
        return true;
    }

    /** Consecutive failures since the last success. */
    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** {@code signal} unchanged while closed; a HOLD signal for the same instrument and time while open. */
    public Signal filter(Signal signal) {
        Checks.notNull(signal, "signal");
        if (signal.direction() == Direction.HOLD || !isOpen()) {
            return signal;
        }
        return Signal.hold(signal.instrument(), signal.time(), signal.modelId(), signal.modelVersion());
    }

    /** Closes the breaker and forgets past failures (an operator action). */
    public synchronized void reset() {
        openedAt = Long.MIN_VALUE;
        events.clear();
        consecutiveFailures = 0;
    }
}

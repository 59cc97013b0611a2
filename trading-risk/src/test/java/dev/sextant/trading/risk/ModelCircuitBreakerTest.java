package dev.sextant.trading.risk;

import static dev.sextant.trading.risk.Fixtures.AAPL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.SimulatedClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ModelCircuitBreakerTest {
    private final SimulatedClock clock = Fixtures.clock();
    private final CircuitBreakerPolicy policy = new CircuitBreakerPolicy(3, Duration.ofSeconds(60),
            Duration.ofMillis(50), Duration.ofMinutes(5), 5);
    private final Signal buy = Fixtures.signal(AAPL, Direction.BUY, 0.1, 0.2, 0.7, 0.7);

    @Test
    void opensAfterNFailuresWithinTheWindowAndTurnsSignalsIntoHold() {
        ModelCircuitBreaker b = new ModelCircuitBreaker(policy, clock, null);
        b.recordFailure("NaN output");
        clock.advanceBy(10_000);
        b.recordFailure("timeout");
        assertSame(buy, b.filter(buy));
        clock.advanceBy(10_000);
        b.recordFailure("shape mismatch");
        assertTrue(b.isOpen());
        Signal held = b.filter(buy);
        assertEquals(Direction.HOLD, held.direction());
        assertEquals(buy.instrument(), held.instrument());
        assertEquals(buy.time(), held.time());
        assertEquals(buy.modelVersion(), held.modelVersion());
    }

    @Test
    void failuresSpreadWiderThanTheWindowDoNotOpenIt() {
        ModelCircuitBreaker b = new ModelCircuitBreaker(policy, clock, null);
        for (int i = 0; i < 10; i++) {
            b.recordFailure("flaky");
            clock.advanceBy(30_001);
        }
        assertFalse(b.isOpen());
    }

    @Test
    void latencyOverrunsCountTowardsOpeningButEndAFailureStreak() {
        ModelCircuitBreaker b = new ModelCircuitBreaker(policy, clock, null);
        b.recordFailure("error");
        assertEquals(1, b.consecutiveFailures());
        b.recordSuccess(80_000_000);
        assertEquals(0, b.consecutiveFailures());
        b.recordSuccess(10_000_000);
        assertFalse(b.isOpen());
        b.recordSuccess(51_000_000);
        assertTrue(b.isOpen());
    }

    @Test
    void closesAfterTheCooldownOrOnReset() {
        ModelCircuitBreaker b = new ModelCircuitBreaker(policy, clock, null);
        for (int i = 0; i < 3; i++) {
            b.recordFailure("e");
        }
        clock.advanceBy(Duration.ofMinutes(5).toMillis() - 1);
        assertTrue(b.isOpen());
        clock.advanceBy(1);
        assertFalse(b.isOpen());
        assertSame(buy, b.filter(buy));
        for (int i = 0; i < 3; i++) {
            b.recordFailure("e");
        }
        b.reset();
        assertFalse(b.isOpen());
    }

    @Test
    void aStreakOfFailuresTripsTheKillSwitchOnce() {
        KillSwitch k = new KillSwitch(clock);
        ModelCircuitBreaker b = new ModelCircuitBreaker(policy, clock, k);
        for (int i = 0; i < 4; i++) {
            b.recordFailure("e" + i);
        }
        assertFalse(k.isTripped());
        b.recordFailure("e4");
        assertEquals(KillSwitchTrigger.MODEL_FAILURES, k.currentTrip().orElseThrow().trigger());
        assertTrue(k.currentTrip().orElseThrow().detail().contains("e4"));
    }

    @Test
    void holdSignalsPassThroughUnchanged() {
        ModelCircuitBreaker b = new ModelCircuitBreaker(policy, clock, null);
        Signal hold = Signal.hold(AAPL, Fixtures.START, "m", "1");
        assertSame(hold, b.filter(hold));
    }

    @Test
    void rejectsInvalidPolicyAndInputs() {
        assertThrows(IllegalArgumentException.class,
                () -> new CircuitBreakerPolicy(0, Duration.ofSeconds(1), Duration.ofMillis(1), Duration.ofSeconds(1), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new CircuitBreakerPolicy(1, Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(1), 0));
        ModelCircuitBreaker b = new ModelCircuitBreaker(CircuitBreakerPolicy.DEFAULTS, clock, null);
        assertThrows(IllegalArgumentException.class, () -> b.recordSuccess(-1));
        assertThrows(IllegalArgumentException.class, () -> b.recordFailure(" "));
    }
}

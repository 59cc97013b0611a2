package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill functionality of MiFID II RTS 6 article 12: once tripped, the pre-trade checks reject
 * every order that would increase risk (risk-reducing orders still pass), and the registered
 * {@link KillSwitchListener}s are asked to cancel all working orders. It stays tripped until
 * {@link #rearm} is called explicitly; nothing re-arms it automatically.
 *
 * <p>Thread-safe and lock-free: trips and re-arms are atomic, the first of several concurrent
 * trips wins and is the only one that notifies listeners.
 */
public final class KillSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(KillSwitch.class);

    private final Clock clock;
    private final AtomicReference<KillSwitchTrip> current = new AtomicReference<>();
    private final CopyOnWriteArrayList<KillSwitchListener> listeners = new CopyOnWriteArrayList<>();

    /** An armed (not tripped) switch that time-stamps trips with {@code clock}. */
    public KillSwitch(Clock clock) {
        this.clock = Checks.notNull(clock, "clock");
    }

    /**
     * Trips the switch unless it is already tripped, and then notifies every listener.
     *
     * @param trigger what tripped it
     * @param detail  description of the condition, not blank
     * @return true if this call tripped it, false if it was already tripped
     */
    public boolean trip(KillSwitchTrigger trigger, String detail) {
        KillSwitchTrip trip = new KillSwitchTrip(trigger, detail, clock.now());
        if (!current.compareAndSet(null, trip)) {
            LOG.info("kill switch already tripped; ignoring further trigger {}: {}", trigger, detail);
            return false;
        }
        LOG.warn("KILL SWITCH TRIPPED by {}: {}; requesting cancel of all working orders", trigger, detail);
        for (KillSwitchListener l : listeners) {
            try {
                l.onTripped(trip);
            } catch (RuntimeException e) {
                LOG.error("kill switch listener {} failed on trip", l, e);
            }
        }
        return true;
    }

    /**
     * Re-arms the switch so that risk-increasing orders may pass again.
     *
     * @param operator who re-arms it (recorded in the log), not blank
     * @return true if it was tripped, false if it was already armed
     */
    public boolean rearm(String operator) {
        Checks.notBlank(operator, "operator");
        KillSwitchTrip cleared = current.getAndSet(null);
        if (cleared == null) {
            return false;
        }
        LOG.warn("kill switch re-armed by {} (was tripped by {} at {})", operator, cleared.trigger(), cleared.time());
        for (KillSwitchListener l : listeners) {
            try {
                l.onRearmed(cleared, operator);
            } catch (RuntimeException e) {
                LOG.error("kill switch listener {} failed on re-arm", l, e);
            }
        }
        return true;
    }

    /** Whether the switch is tripped. */
    public boolean isTripped() {
        return current.get() != null;
    }

    /** The current trip, empty when armed. */
    public Optional<KillSwitchTrip> currentTrip() {
        return Optional.ofNullable(current.get());
    }

    /** Registers {@code listener}; it is called for trips and re-arms after this call. */
    public void addListener(KillSwitchListener listener) {
        listeners.add(Checks.notNull(listener, "listener"));
    }

    /** Unregisters {@code listener}; returns whether it was registered. */
    public boolean removeListener(KillSwitchListener listener) {
        return listeners.remove(listener);
    }
}

package dev.sextant.trading.service.internal;

import dev.sextant.trading.core.Checks;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the work a server takes on: at most {@code slots} requests run at once, at most
 * {@code queue} wait for a slot, and none waits longer than {@code maxWait}. A request that
 * finds the line full, or waits too long, is refused at once (the caller answers 503), so the
 * waiting line never grows past {@code queue}. Thread-safe.
 */
public final class Admission {
    private final Semaphore slots;
    private final int queue;
    private final long maxWaitNanos;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger maxWaiting = new AtomicInteger();

    /**
     * @param slots   requests running at once, positive
     * @param queue   requests waiting at most, non-negative
     * @param maxWait longest wait
     */
    public Admission(int slots, int queue, Duration maxWait) {
        this.slots = new Semaphore(Checks.positive(slots, "slots"), true);
        this.queue = Checks.nonNegative(queue, "queue");
        this.maxWaitNanos = Checks.notNull(maxWait, "maxWait").toNanos();
    }

    /**
     * Takes a slot, waiting in line if there is room in it.
     *
     * @return whether a slot was taken; when true, {@link #release()} must follow
     */
    public boolean tryEnter() {
        if (slots.tryAcquire()) {
            return true;
        }
        int w = waiting.incrementAndGet();
        try {
            if (w > queue) {
                return false;
            }
            maxWaiting.accumulateAndGet(w, Math::max);
            return slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Gives a slot back. */
    public void release() {
        slots.release();
    }

    /** Requests waiting now. */
    public int waiting() {
        return waiting.get();
    }

    /** The most requests that ever waited at once (never above the queue bound). */
    public int maxWaiting() {
        return maxWaiting.get();
    }
}

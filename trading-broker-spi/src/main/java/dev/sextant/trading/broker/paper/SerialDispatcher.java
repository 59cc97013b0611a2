package dev.sextant.trading.broker.paper;

import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers callbacks one at a time, in the order they were queued, on whichever calling thread
 * drains first; callbacks queued by a callback (re-entrant calls) run after it returns.
 */
final class SerialDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(SerialDispatcher.class);

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    void enqueue(Runnable callback) {
        synchronized (queue) {
            queue.addLast(callback);
        }
    }

    /** Runs queued callbacks until the queue is empty, unless another thread is already doing so. */
    void drain() {
        synchronized (queue) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.error("listener failed; delivery continues", e);
            } catch (Error e) {
                synchronized (queue) {
                    draining = false;
                }
                throw e;
            }
        }
    }
}

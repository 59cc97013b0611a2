package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the dispatcher's queue and backoff. */
class NotificationDispatcherProperties {

    /**
     * Offers from the trading thread while delivery is stuck: the queue never holds more than its
     * bound, every offer returns (none waits for room), and offered = queued + dropped + in flight.
     */
    @Property(tries = 40)
    void theQueueNeverExceedsItsBoundAndOfferNeverBlocks(@ForAll @IntRange(min = 1, max = 16) int capacity,
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 6) Integer> kinds) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Notifier stuck = new Notifier() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public Delivery send(Notification n) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Delivery.Delivered();
            }
        };
        ExecutorService trading = Executors.newSingleThreadExecutor();
        try (NotificationDispatcher d = NotificationDispatcher.builder().capacity(capacity).notifier(stuck)
                .closeTimeout(Duration.ofMillis(50)).build()) {
            Future<long[]> offers = trading.submit(() -> {
                long accepted = 0;
                for (int k : kinds) {
                    if (d.offer(new Notification(NotificationKind.values()[k], Instant.EPOCH, "n", ""))) {
                        accepted++;
                    }
                    assertTrue(d.queued() <= capacity, "queued " + d.queued() + " > " + capacity);
                }
                return new long[] {accepted};
            });
            // A deadlock guard, not a timing check: 200 offers that never wait finish in far less.
            long accepted = offers.get(30, TimeUnit.SECONDS)[0];
            assertTrue(d.queued() <= capacity);
            assertEquals(kinds.size(), accepted + d.droppedQueueFull());
            if (accepted > 0) {
                // The first accepted one is (or is about to be) stuck in the notifier; the rest wait in the queue.
                assertTrue(entered.await(30, TimeUnit.SECONDS));
                assertEquals(accepted, d.queued() + 1);
            }
            assertEquals(0, d.delivered());
            release.countDown();
        } finally {
            trading.shutdownNow();
        }
    }

    /** Every backoff lies between half and all of the capped exponential, and never above the maximum. */
    @Property(tries = 500)
    void backoffStaysWithinItsJitterBand(@ForAll @IntRange(min = 1, max = 100) int attempt,
            @ForAll @IntRange(min = 1, max = 10_000) int initialMillis, @ForAll @IntRange(min = 0, max = 600_000) int extraMillis,
            @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double u) {
        Duration initial = Duration.ofMillis(initialMillis);
        Duration max = Duration.ofMillis(initialMillis + (long) extraMillis);
        Duration wait = NotificationDispatcher.backoff(attempt, initial, max, u);
        double base = Math.min(max.toNanos(), initial.toNanos() * Math.pow(2, attempt - 1));
        assertTrue(wait.toNanos() >= Math.floor(base / 2) - 1 && wait.toNanos() <= base, wait + " vs base " + base);
        assertTrue(wait.compareTo(max) <= 0);
    }
}

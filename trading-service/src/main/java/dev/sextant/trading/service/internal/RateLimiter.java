package dev.sextant.trading.service.internal;

import dev.sextant.trading.core.Checks;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (one per access token): {@code burst} requests at once, refilled at
 * {@code perSecond}. The keys are the tokens file's entries, so the map is bounded by the file.
 * Thread-safe.
 */
public final class RateLimiter {
    private final double perSecond;
    private final int burst;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<Integer, Bucket> buckets = new ConcurrentHashMap<>();

    private final class Bucket {
        private double tokens = burst;
        private long last = nanos.getAsLong();

        synchronized long take() {
            long now = nanos.getAsLong();
            tokens = Math.min(burst, tokens + (now - last) * perSecond / 1e9);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond * 1e9);
        }
    }

    /**
     * @param perSecond sustained rate, positive
     * @param burst     bucket size, positive
     * @param nanos     a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public RateLimiter(double perSecond, int burst, LongSupplier nanos) {
        this.perSecond = Checks.positive(perSecond, "perSecond");
        this.burst = Checks.positive(burst, "burst");
        this.nanos = Checks.notNull(nanos, "nanos");
    }

    /**
     * Takes one request from {@code key}'s bucket.
     *
     * @return 0 when allowed, otherwise how many nanoseconds until a request is allowed again
     */
    public long acquire(int key) {
        return buckets.computeIfAbsent(key, k -> new Bucket()).take();
    }
}

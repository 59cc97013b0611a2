package dev.sextant.trading.service;

import dev.sextant.trading.core.Checks;
import java.time.Duration;

/**
 * How much a service accepts. A request body over {@link #maxBodyBytes} is answered 413; a
 * signal request with more than {@link #maxBars} bars 400; a token over its rate (a token
 * bucket of {@link #burst} requests refilled at {@link #requestsPerSecond}) 429; a request that
 * finds {@link #maxConcurrentRequests} requests running and {@link #maxQueuedRequests} waiting,
 * or that waits longer than {@link #maxQueueWait}, 503. The waiting line is therefore bounded:
 * past capacity the service answers at once instead of queueing without end.
 *
 * @param maxBodyBytes          largest request body, bytes (default 1 MiB)
 * @param maxBars               most bars in one signal request (default 5,000)
 * @param requestsPerSecond     sustained requests per second per token (default 50)
 * @param burst                 requests a token may make at once (default 100)
 * @param maxConcurrentRequests requests handled at the same time (default 2 per processor, at least 4)
 * @param maxQueuedRequests     requests waiting for a slot (default 64)
 * @param maxQueueWait          longest wait for a slot (default 2 s)
 */
public record ServiceLimits(long maxBodyBytes, int maxBars, double requestsPerSecond, int burst,
        int maxConcurrentRequests, int maxQueuedRequests, Duration maxQueueWait) {

    /** The default {@link #maxBodyBytes}: 1 MiB, room for about 8,000 bars. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

    /** Validates the fields. */
    public ServiceLimits {
        Checks.positive(maxBodyBytes, "maxBodyBytes");
        Checks.positive(maxBars, "maxBars");
        Checks.positive(requestsPerSecond, "requestsPerSecond");
        Checks.positive(burst, "burst");
        Checks.positive(maxConcurrentRequests, "maxConcurrentRequests");
        Checks.nonNegative(maxQueuedRequests, "maxQueuedRequests");
        Checks.notNull(maxQueueWait, "maxQueueWait");
        if (maxQueueWait.isNegative()) {
            throw new IllegalArgumentException("maxQueueWait must not be negative but was " + maxQueueWait);
        }
    }

    /** The defaults listed above. */
    public static ServiceLimits defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link ServiceLimits}; starts from the defaults; not thread-safe. */
    public static final class Builder {
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int maxBars = 5_000;
        private double requestsPerSecond = 50;
        private int burst = 100;
        private int maxConcurrentRequests = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        private int maxQueuedRequests = 64;
        private Duration maxQueueWait = Duration.ofSeconds(2);

        private Builder() {
        }

        /** Largest request body in bytes. */
        public Builder maxBodyBytes(long value) {
            this.maxBodyBytes = value;
            return this;
        }

        /** Most bars in one signal request. */
        public Builder maxBars(int value) {
            this.maxBars = value;
            return this;
        }

        /** Sustained requests per second per token. */
        public Builder requestsPerSecond(double value) {
            this.requestsPerSecond = value;
            return this;
        }

        /** Requests a token may make at once. */
        public Builder burst(int value) {
            this.burst = value;
            return this;
        }

        /** Requests handled at the same time. */
        public Builder maxConcurrentRequests(int value) {
            this.maxConcurrentRequests = value;
            return this;
        }

        /** Requests waiting for a slot; 0 answers 503 whenever all slots are busy. */
        public Builder maxQueuedRequests(int value) {
            this.maxQueuedRequests = value;
            return this;
        }

        /** Longest wait for a slot. */
        public Builder maxQueueWait(Duration value) {
            this.maxQueueWait = value;
            return this;
        }

        /** Builds and validates. @throws IllegalArgumentException naming the bad setting */
        public ServiceLimits build() {
            return new ServiceLimits(maxBodyBytes, maxBars, requestsPerSecond, burst, maxConcurrentRequests,
                    maxQueuedRequests, maxQueueWait);
        }
    }
}

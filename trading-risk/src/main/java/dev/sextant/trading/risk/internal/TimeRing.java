package dev.sextant.trading.risk.internal;

/**
 * The times of the last {@code capacity} events, to answer "have {@code capacity} events already
 * happened within the last {@code window} milliseconds?" in O(1) without allocation. Used by the
 * order-rate and repeated-execution throttles and the model circuit breaker. Not thread-safe: the
 * owner synchronises.
 */
public final class TimeRing {
    private final long[] times;
    private int next;
    private int size;

    /**
     * A ring for at most {@code capacity} events.
     *
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public TimeRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive but was " + capacity);
        }
        this.times = new long[capacity];
    }

    /** The number of events the ring remembers. */
    public int capacity() {
        return times.length;
    }

    /**
     * Whether {@link #capacity()} events happened within {@code windowMillis} before {@code nowMillis}
     * (the oldest remembered event is less than {@code windowMillis} old), so one more would exceed
     * the limit.
     */
    public boolean isFull(long nowMillis, long windowMillis) {
        return size == times.length && nowMillis - times[next] < windowMillis;
    }

    /** The number of remembered events less than {@code windowMillis} old at {@code nowMillis}. */
    public int countWithin(long nowMillis, long windowMillis) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (nowMillis - times[i] < windowMillis) {
                count++;
            }
        }
        return count;
    }

    /** Records an event at {@code timeMillis}, forgetting the oldest one when full. */
    public void record(long timeMillis) {
        times[next] = timeMillis;
        next = next + 1 == times.length ? 0 : next + 1;
        if (size < times.length) {
            size++;
        }
    }

    /**
     * A ring of {@code capacity} holding the newest events of {@code other}, so that changing a
     * throttle intraday keeps its recent history.
     */
    public static TimeRing resized(TimeRing other, int capacity) {
        TimeRing ring = new TimeRing(capacity);
        int n = other.size;
        int oldest = (other.next - n + other.times.length) % other.times.length;
        for (int i = Math.max(0, n - capacity); i < n; i++) {
            ring.record(other.times[(oldest + i) % other.times.length]);
        }
        return ring;
    }

    /** Forgets every event. */
    public void clear() {
        next = 0;
        size = 0;
    }
}

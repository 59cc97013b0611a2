package dev.sextant.trading.notify;

import dev.sextant.trading.core.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers notifications to one or more {@link Notifier}s on its own thread, so that the thread
 * that raises them (a trading session's) never waits on a network.
 *
 * <p>{@link #offer} puts a notification in a bounded queue and returns at once: when the queue is
 * full the notification is dropped and counted ({@link #droppedQueueFull()}), never waited for.
 * The delivery thread sends each notification to every notifier in turn; a {@link Delivery.Retry}
 * is tried again after an exponential backoff with jitter (attempt {@code k} waits between half
 * and all of {@code min(maxBackoff, initialBackoff * 2^(k-1))}), or after exactly the wait the
 * service asked for (Telegram's {@code retry_after}, HTTP {@code Retry-After}). A notification a
 * notifier could not take (a {@link Delivery.Failed}, {@code maxAttempts} retries spent, or a
 * requested wait above {@code maxRetryAfter}) is logged and counted ({@link #droppedUndelivered()}).
 *
 * <p>Kinds not selected ({@link Builder#kinds}) are ignored by {@link #offer}. {@link #close()}
 * stops taking notifications, delivers what is queued for up to {@code closeTimeout}, then
 * counts the rest as dropped. Thread-safe.
 */
public final class NotificationDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    /** How often an idle delivery thread looks whether the dispatcher is closing. */
    private static final long POLL_MILLIS = 50;

    private final List<Notifier> notifiers;
    private final ArrayBlockingQueue<Notification> queue;
    private final Set<NotificationKind> kinds;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final Duration closeTimeout;
    private final SplittableRandom jitter;
    private final AtomicLong droppedQueueFull = new AtomicLong();
    private final AtomicLong droppedUndelivered = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Object idle = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private long reportedQueueFull;

    private NotificationDispatcher(Builder b) {
        if (b.notifiers.isEmpty()) {
            throw new IllegalArgumentException("a notification dispatcher needs at least one notifier");
        }
        this.notifiers = List.copyOf(b.notifiers);
        this.queue = new ArrayBlockingQueue<>(b.capacity);
        this.kinds = Set.copyOf(b.kinds);
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.maxRetryAfter = b.maxRetryAfter;
        this.closeTimeout = b.closeTimeout;
        this.jitter = new SplittableRandom(b.seed);
        this.thread = Thread.ofPlatform().daemon().name("sextant-notify").unstarted(this::deliverAll);
        thread.start();
    }

    /** A builder; at least one {@link Builder#notifier} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues {@code notification} for delivery without waiting. Safe to call from the trading thread.
     *
     * @return true if it was queued; false if its kind is not selected, the dispatcher is closed, or
     *         the queue is full (then it is counted in {@link #droppedQueueFull()})
     */
    public boolean offer(Notification notification) {
        Checks.notNull(notification, "notification");
        if (closed || !kinds.contains(notification.kind())) {
            return false;
        }
        pending.incrementAndGet();
        if (!queue.offer(notification)) {
            pending.decrementAndGet();
            droppedQueueFull.incrementAndGet();
            return false;
        }
        if (closed && queue.remove(notification)) {
            // Closed while queuing: the delivery thread may already have gone.
            finished();
            droppedQueueFull.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Whether notifications of {@code kind} are delivered (the others are ignored by {@link #offer}). */
    public boolean accepts(NotificationKind kind) {
        return kinds.contains(kind);
    }

    /** Notifications dropped because the queue was full (or the dispatcher closed before they went). */
    public long droppedQueueFull() {
        return droppedQueueFull.get();
    }

    /** Deliveries given up: one per notification and notifier that failed, ran out of attempts or asked for too long a wait. */
    public long droppedUndelivered() {
        return droppedUndelivered.get();
    }

    /** All drops: {@link #droppedQueueFull()} plus {@link #droppedUndelivered()}. */
    public long dropped() {
        return droppedQueueFull.get() + droppedUndelivered.get();
    }

    /** Deliveries made: one per notification and notifier that took it. */
    public long delivered() {
        return delivered.get();
    }

    /** Notifications waiting in the queue now; never more than {@link #capacity()}. */
    public int queued() {
        return queue.size();
    }

    /** The queue's bound. */
    public int capacity() {
        return queue.size() + queue.remainingCapacity();
    }

    /**
     * Waits until every notification queued so far has been delivered or given up, or until
     * {@code timeout} passes.
     *
     * @return true if nothing is left to deliver
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Checks.notNull(timeout, "timeout").toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        return true;
    }

    private void finished() {
        if (pending.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    private void deliverAll() {
        try {
            while (!closed || !queue.isEmpty()) {
                Notification n = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                reportQueueFull();
                if (n == null) {
                    continue;
                }
                try {
                    for (Notifier notifier : notifiers) {
                        deliver(n, notifier);
                    }
                } catch (InterruptedException e) {
                    // close() ran out of time while this one was being sent or retried; the queue is counted there.
                    droppedUndelivered.incrementAndGet();
                    LOG.warn("{} notification dropped: the dispatcher closed while delivering it", n.kind());
                    Thread.currentThread().interrupt();
                    return;
                } finally {
                    finished();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs drops from a full queue here, off the trading thread. */
    private void reportQueueFull() {
        long now = droppedQueueFull.get();
        if (now > reportedQueueFull) {
            LOG.warn("{} notification(s) dropped: the queue of {} was full", now - reportedQueueFull, capacity());
            reportedQueueFull = now;
        }
    }

    private void deliver(Notification n, Notifier notifier) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Delivery d;
            try {
                d = notifier.send(n);
            } catch (RuntimeException e) {
                d = new Delivery.Failed("the notifier threw " + e.getClass().getSimpleName());
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            switch (d) {
                case Delivery.Delivered ok -> {
                    delivered.incrementAndGet();
                    return;
                }
                case Delivery.Failed f -> {
                    giveUp(n, notifier, attempt, f.reason());
                    return;
                }
                case Delivery.Retry r -> {
                    if (attempt >= maxAttempts) {
                        giveUp(n, notifier, attempt, r.reason());
                        return;
                    }
                    Optional<Duration> asked = r.after();
                    if (asked.isPresent() && asked.get().compareTo(maxRetryAfter) > 0) {
                        giveUp(n, notifier, attempt, r.reason() + "; the service asked to wait " + asked.get().toSeconds()
                                + " s, more than the " + maxRetryAfter.toSeconds() + " s allowed");
                        return;
                    }
                    Duration wait = asked.isPresent() ? asked.get() : backoff(attempt, initialBackoff, maxBackoff, jitter.nextDouble());
                    LOG.info("{} notification to {} not delivered (attempt {} of {}): {}; retrying in {} ms", n.kind(),
                            notifier.name(), attempt, maxAttempts, r.reason(), wait.toMillis());
                    sleep(wait);
                }
            }
        }
    }

    /** Sleeps {@code wait}, waking early only when close() interrupts. */
    private static void sleep(Duration wait) throws InterruptedException {
        long nanos = wait.toNanos();
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    private void giveUp(Notification n, Notifier notifier, int attempts, String reason) {
        droppedUndelivered.incrementAndGet();
        LOG.warn("{} notification dropped: {} did not take it after {} attempt(s): {}", n.kind(), notifier.name(), attempts,
                reason);
    }

    /**
     * The wait before retry {@code attempt} (1 for the wait after the first attempt): between half
     * and all of {@code min(max, initial * 2^(attempt-1))}, placed by {@code u} in [0, 1).
     */
    static Duration backoff(int attempt, Duration initial, Duration max, double u) {
        int shift = Math.min(Math.max(attempt - 1, 0), 62);
        long initialNanos = initial.toNanos();
        long base = initialNanos > (max.toNanos() >> shift) ? max.toNanos() : initialNanos << shift;
        return Duration.ofNanos(base / 2 + (long) (base / 2 * u));
    }

    /**
     * Stops taking notifications, delivers what is queued for up to the close time-out, then counts
     * whatever is left (queued or being retried) as dropped and closes the notifiers.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            thread.join(closeTimeout.toMillis() + 1);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(closeTimeout.toMillis() + 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Notification> left = new ArrayList<>();
        queue.drainTo(left);
        long lost = left.size();
        if (lost > 0) {
            droppedQueueFull.addAndGet(lost);
            LOG.warn("{} notification(s) not delivered before the dispatcher closed", lost);
        }
        pending.set(0);
        synchronized (idle) {
            idle.notifyAll();
        }
        for (Notifier n : notifiers) {
            try {
                n.close();
            } catch (RuntimeException e) {
                LOG.warn("closing notifier {} failed", n.name(), e);
            }
        }
    }

    /** Settings of a {@link NotificationDispatcher}, with defaults for all but the notifiers. */
    public static final class Builder {
        /** Default queue bound. */
        public static final int DEFAULT_CAPACITY = 256;
        /** Default attempts per notification and notifier. */
        public static final int DEFAULT_MAX_ATTEMPTS = 5;

        private final List<Notifier> notifiers = new ArrayList<>();
        private int capacity = DEFAULT_CAPACITY;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private Duration maxRetryAfter = Duration.ofMinutes(5);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private Set<NotificationKind> kinds = EnumSet.allOf(NotificationKind.class);
        private long seed = System.nanoTime();

        private Builder() {
        }

        /** Adds a notifier; each notification goes to every notifier. The dispatcher closes them. */
        public Builder notifier(Notifier value) {
            notifiers.add(Checks.notNull(value, "notifier"));
            return this;
        }

        /** The queue's bound, at least 1 (default {@value #DEFAULT_CAPACITY}). */
        public Builder capacity(int value) {
            this.capacity = Checks.positive(value, "capacity");
            return this;
        }

        /** Attempts per notification and notifier, at least 1 (default {@value #DEFAULT_MAX_ATTEMPTS}). */
        public Builder maxAttempts(int value) {
            this.maxAttempts = Checks.positive(value, "maxAttempts");
            return this;
        }

        /** The first retry's backoff before jitter, positive (default 1 s); doubles per attempt. */
        public Builder initialBackoff(Duration value) {
            this.initialBackoff = positive(value, "initialBackoff");
            return this;
        }

        /** The longest backoff before jitter, positive (default 60 s). */
        public Builder maxBackoff(Duration value) {
            this.maxBackoff = positive(value, "maxBackoff");
            return this;
        }

        /** The longest wait a service may ask for; a longer one drops the notification (default 5 min). */
        public Builder maxRetryAfter(Duration value) {
            this.maxRetryAfter = positive(value, "maxRetryAfter");
            return this;
        }

        /** How long {@link NotificationDispatcher#close()} keeps delivering what is queued (default 10 s). */
        public Builder closeTimeout(Duration value) {
            this.closeTimeout = positive(value, "closeTimeout");
            return this;
        }

        /** The kinds delivered (default all); others are ignored. */
        public Builder kinds(Set<NotificationKind> value) {
            Checks.notNull(value, "kinds");
            this.kinds = value.isEmpty() ? EnumSet.noneOf(NotificationKind.class) : EnumSet.copyOf(value);
            return this;
        }

        /** Seed of the backoff jitter (default: the time), for reproducible tests. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Builds the dispatcher and starts its delivery thread. */
        public NotificationDispatcher build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be below initialBackoff ("
                        + initialBackoff + ")");
            }
            return new NotificationDispatcher(this);
        }

        private static Duration positive(Duration value, String name) {
            Checks.notNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive but was " + value);
            }
            return value;
        }
    }
}

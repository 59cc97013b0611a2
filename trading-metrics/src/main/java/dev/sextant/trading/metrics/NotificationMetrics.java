package dev.sextant.trading.metrics;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.notify.NotificationDispatcher;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * Micrometer meters of a {@link NotificationDispatcher} (trading-notify, an optional dependency of
 * this artifact: add it to use this binder).
 *
 * <table>
 *   <caption>Meters (Prometheus names in brackets)</caption>
 *   <tr><td>{@code sextant.notifications.delivered} [sextant_notifications_delivered_total]</td><td>counter: deliveries made (one per notification and notifier)</td></tr>
 *   <tr><td>{@code sextant.notifications.dropped} [sextant_notifications_dropped_total]</td><td>counter, tag {@code reason}: {@code queue_full} (the queue was full or the dispatcher closed) or {@code undelivered} (a notifier failed, ran out of attempts or was asked to wait too long)</td></tr>
 *   <tr><td>{@code sextant.notifications.queued}</td><td>gauge: notifications waiting</td></tr>
 * </table>
 * The meters read the dispatcher's counters; {@link #close()} removes them. Thread-safe.
 */
public final class NotificationMetrics implements MeterBinder, AutoCloseable {
    private final NotificationDispatcher dispatcher;
    private final List<Meter> meters = new ArrayList<>();
    private MeterRegistry registry;

    /** Meters of {@code dispatcher}. */
    public NotificationMetrics(NotificationDispatcher dispatcher) {
        this.dispatcher = Checks.notNull(dispatcher, "dispatcher");
    }

    @Override
    public synchronized void bindTo(MeterRegistry target) {
        Checks.notNull(target, "registry");
        if (registry != null) {
            throw new IllegalStateException("these notification metrics are already bound to a registry");
        }
        registry = target;
        meters.add(FunctionCounter.builder("sextant.notifications.delivered", dispatcher, NotificationDispatcher::delivered)
                .description("Notifications delivered, per notifier").register(target));
        meters.add(FunctionCounter.builder("sextant.notifications.dropped", dispatcher, NotificationDispatcher::droppedQueueFull)
                .description("Notifications dropped").tag("reason", "queue_full").register(target));
        meters.add(FunctionCounter.builder("sextant.notifications.dropped", dispatcher, NotificationDispatcher::droppedUndelivered)
                .description("Notifications dropped").tag("reason", "undelivered").register(target));
        meters.add(Gauge.builder("sextant.notifications.queued", dispatcher, NotificationDispatcher::queued)
                .description("Notifications waiting for delivery").register(target));
    }

    /** Removes this binder's meters from its registry. */
    @Override
    public synchronized void close() {
        if (registry != null) {
            meters.forEach(registry::remove);
            meters.clear();
            registry = null;
        }
    }
}

package dev.sextant.trading.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.notify.Delivery;
import dev.sextant.trading.notify.Notification;
import dev.sextant.trading.notify.NotificationDispatcher;
import dev.sextant.trading.notify.NotificationKind;
import dev.sextant.trading.notify.Notifier;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotificationMetricsTest {

    @Test
    void scrapeShowsDeliveredDroppedAndQueuedNotifications() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Notifier slow = new Notifier() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public Delivery send(Notification n) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return n.title().equals("bad") ? new Delivery.Failed("refused") : new Delivery.Delivered();
            }
        };
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (NotificationDispatcher d = NotificationDispatcher.builder().capacity(1).notifier(slow).build();
             NotificationMetrics metrics = new NotificationMetrics(d)) {
            metrics.bindTo(registry);
            d.offer(note("bad"));
            assertTrue(entered.await(20, TimeUnit.SECONDS));
            d.offer(note("ok"));
            d.offer(note("over"));
            String scrape = registry.scrape();
            assertEquals(1, MetricsRig.sample(scrape, "sextant_notifications_dropped_total{reason=\"queue_full\"}"), scrape);
            assertEquals(1, MetricsRig.sample(scrape, "sextant_notifications_queued "), scrape);
            release.countDown();
            assertTrue(d.flush(Duration.ofSeconds(20)));
            scrape = registry.scrape();
            assertEquals(1, MetricsRig.sample(scrape, "sextant_notifications_delivered_total"), scrape);
            assertEquals(1, MetricsRig.sample(scrape, "sextant_notifications_dropped_total{reason=\"undelivered\"}"), scrape);
            metrics.close();
            assertFalse(registry.scrape().contains("sextant_notifications"), registry.scrape());
        }
    }

    private static Notification note(String title) {
        return new Notification(NotificationKind.DAILY_SUMMARY, Instant.EPOCH, title, "");
    }
}

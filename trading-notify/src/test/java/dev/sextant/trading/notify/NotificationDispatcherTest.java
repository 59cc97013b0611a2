package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotificationDispatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    static Notification note(NotificationKind kind, String title) {
        return new Notification(kind, Instant.parse("2026-12-03T10:00:00Z"), title, "");
    }

    private static NotificationDispatcher.Builder fast() {
        return NotificationDispatcher.builder().initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(40))
                .seed(42);
    }

    private static TelegramNotifier telegram(FakeChatServer server) {
        return TelegramNotifier.create(server.base(), TelegramNotifierTest.TOKEN, "42", Duration.ofSeconds(5));
    }

    @Test
    void retriesAServerErrorThenDelivers() throws Exception {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(500, ""),
                FakeChatServer.Answer.status(502, ""));
             NotificationDispatcher d = fast().notifier(telegram(server)).build()) {
            assertTrue(d.offer(note(NotificationKind.KILL_SWITCH_TRIPPED, "tripped")));
            assertTrue(d.flush(WAIT));
            assertEquals(3, server.received().size());
            assertEquals(1, d.delivered());
            assertEquals(0, d.dropped());
        }
    }

    @Test
    void dropsAndCountsANotificationAfterItsLastAttempt() throws Exception {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(503, ""),
                FakeChatServer.Answer.status(503, ""), FakeChatServer.Answer.status(503, ""));
             NotificationDispatcher d = fast().maxAttempts(3).notifier(telegram(server)).build()) {
            d.offer(note(NotificationKind.KILL_SWITCH_TRIPPED, "first"));
            d.offer(note(NotificationKind.KILL_SWITCH_REARMED, "second"));
            assertTrue(d.flush(WAIT));
            assertEquals(4, server.received().size(), "3 attempts for the first, 1 for the second");
            assertEquals(1, d.droppedUndelivered());
            assertEquals(1, d.delivered());
        }
    }

    @Test
    void aPermanentFailureIsNotRetried() throws Exception {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(401,
                "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized\"}"));
             NotificationDispatcher d = fast().notifier(telegram(server)).build()) {
            d.offer(note(NotificationKind.DAILY_SUMMARY, "summary"));
            assertTrue(d.flush(WAIT));
            assertEquals(1, server.received().size());
            assertEquals(1, d.droppedUndelivered());
        }
    }

    @Test
    void waitsTheRetryAfterTelegramAsksForBeforeTheNextAttempt() throws Exception {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                        + "\"parameters\":{\"retry_after\":1}}"));
             NotificationDispatcher d = fast().notifier(telegram(server)).build()) {
            d.offer(note(NotificationKind.REJECTED_ORDERS, "rejections"));
            assertTrue(d.flush(WAIT));
            List<FakeChatServer.Received> got = server.received();
            assertEquals(2, got.size());
            long gap = got.get(1).nanoTime() - got.get(0).nanoTime();
            // The backoff alone would wait at most 40 ms; the server asked for a second.
            assertTrue(gap >= TimeUnit.MILLISECONDS.toNanos(1000), "waited only " + gap / 1_000_000 + " ms");
            assertEquals(1, d.delivered());
        }
    }

    @Test
    void dropsANotificationWhoseRequestedWaitIsTooLong() throws Exception {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(429,
                "{\"ok\":false,\"error_code\":429,\"parameters\":{\"retry_after\":3600}}"));
             NotificationDispatcher d = fast().maxRetryAfter(Duration.ofSeconds(30)).notifier(telegram(server)).build()) {
            d.offer(note(NotificationKind.REJECTED_ORDERS, "rejections"));
            assertTrue(d.flush(WAIT));
            assertEquals(1, server.received().size());
            assertEquals(1, d.droppedUndelivered());
        }
    }

    @Test
    void aFullQueueDropsAndCountsWithoutWaiting() throws Exception {
        BlockingNotifier blocked = new BlockingNotifier();
        try (NotificationDispatcher d = fast().capacity(3).notifier(blocked).build()) {
            assertTrue(d.offer(note(NotificationKind.DAILY_SUMMARY, "in flight")));
            assertTrue(blocked.entered.await(20, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                assertTrue(d.offer(note(NotificationKind.DAILY_SUMMARY, "queued " + i)));
            }
            for (int i = 0; i < 5; i++) {
                assertFalse(d.offer(note(NotificationKind.DAILY_SUMMARY, "over " + i)));
            }
            assertEquals(3, d.queued());
            assertEquals(5, d.droppedQueueFull());
            assertEquals(5, d.dropped());
            blocked.release.countDown();
            assertTrue(d.flush(WAIT));
            assertEquals(4, d.delivered());
        }
    }

    @Test
    void ignoresKindsThatAreNotSelected() throws Exception {
        try (FakeChatServer server = new FakeChatServer();
             NotificationDispatcher d = fast().kinds(Set.of(NotificationKind.KILL_SWITCH_TRIPPED))
                     .notifier(telegram(server)).build()) {
            assertFalse(d.offer(note(NotificationKind.DAILY_SUMMARY, "summary")));
            assertTrue(d.offer(note(NotificationKind.KILL_SWITCH_TRIPPED, "tripped")));
            assertTrue(d.flush(WAIT));
            assertEquals(1, server.received().size());
            assertEquals(0, d.dropped());
        }
    }

    @Test
    void sendsEachNotificationToEveryNotifier() throws Exception {
        try (FakeChatServer chat = new FakeChatServer(); FakeChatServer hook = new FakeChatServer();
             NotificationDispatcher d = fast().notifier(telegram(chat))
                     .notifier(WebhookNotifier.create(hook.base().resolve("/hook"), Duration.ofSeconds(5))).build()) {
            d.offer(note(NotificationKind.PROMOTION, "promoted"));
            assertTrue(d.flush(WAIT));
            assertEquals(1, chat.received().size());
            assertEquals(1, hook.received().size());
            assertEquals(2, d.delivered());
        }
    }

    @Test
    void closeDeliversWhatIsQueuedAndRefusesMore() throws Exception {
        try (FakeChatServer server = new FakeChatServer()) {
            NotificationDispatcher d = fast().notifier(telegram(server)).build();
            for (int i = 0; i < 5; i++) {
                d.offer(note(NotificationKind.DAILY_SUMMARY, "day " + i));
            }
            d.close();
            assertEquals(5, server.received().size());
            assertFalse(d.offer(note(NotificationKind.DAILY_SUMMARY, "late")));
        }
    }

    @Test
    void closeCountsWhatItCouldNotDeliverInTime() throws Exception {
        BlockingNotifier blocked = new BlockingNotifier();
        NotificationDispatcher d = fast().closeTimeout(Duration.ofMillis(100)).notifier(blocked).build();
        d.offer(note(NotificationKind.DAILY_SUMMARY, "in flight"));
        assertTrue(blocked.entered.await(20, TimeUnit.SECONDS));
        d.offer(note(NotificationKind.DAILY_SUMMARY, "queued"));
        d.close();
        assertEquals(2, d.dropped());
    }

    @Test
    void neverLogsTheBotToken() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(500, "boom"),
                FakeChatServer.Answer.status(429, "{\"ok\":false,\"description\":\"Too Many Requests\","
                        + "\"parameters\":{\"retry_after\":0}}"),
                FakeChatServer.Answer.status(401, "{\"ok\":false,\"description\":\"Unauthorized\"}"));
             NotificationDispatcher d = fast().notifier(telegram(server)).build()) {
            d.offer(note(NotificationKind.KILL_SWITCH_TRIPPED, "tripped"));
            assertTrue(d.flush(WAIT));
            // And a delivery that meets no server at all.
            server.close();
            d.offer(note(NotificationKind.KILL_SWITCH_REARMED, "re-armed"));
            assertTrue(d.flush(WAIT));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("telegram") && log.contains("Unauthorized") && log.contains("no response"), log);
        assertFalse(log.contains(TelegramNotifierTest.TOKEN), log);
        assertFalse(log.contains("secret-token"), log);
    }

    @Test
    void rejectsABuilderWithoutNotifiers() {
        assertThrows(IllegalArgumentException.class, () -> NotificationDispatcher.builder().build());
    }

    @Test
    void backoffDoublesUpToTheMaximumWithJitterInTheUpperHalf() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(60);
        assertEquals(Duration.ofMillis(500), NotificationDispatcher.backoff(1, initial, max, 0));
        assertEquals(Duration.ofMillis(1000), NotificationDispatcher.backoff(2, initial, max, 0));
        assertEquals(Duration.ofMillis(1500), NotificationDispatcher.backoff(2, initial, max, 0.5));
        assertEquals(Duration.ofSeconds(4), NotificationDispatcher.backoff(4, initial, max, 0));
        assertEquals(Duration.ofSeconds(30), NotificationDispatcher.backoff(40, initial, max, 0));
    }

    /** A notifier that blocks in its first send until released. */
    private static final class BlockingNotifier implements Notifier {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "blocking";
        }

        @Override
        public Delivery send(Notification notification) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Delivery.Delivered();
        }
    }
}

package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TelegramNotifierTest {
    static final String TOKEN = "123456:AAF-secret-token_xyz";
    private static final Notification TRIP = new Notification(NotificationKind.KILL_SWITCH_TRIPPED,
            Instant.parse("2026-12-03T10:00:00Z"), "Kill switch tripped: STALE_MARKET_DATA", "no bar for 3 minutes");

    private static TelegramNotifier notifier(URI base) {
        return TelegramNotifier.create(base, TOKEN, "-100123", Duration.ofSeconds(5));
    }

    @Test
    void postsChatIdAndTextToSendMessageUnderTheBotToken() throws IOException {
        try (FakeChatServer server = new FakeChatServer(); TelegramNotifier n = notifier(server.base())) {
            assertInstanceOf(Delivery.Delivered.class, n.send(TRIP));
            FakeChatServer.Received r = server.received().getFirst();
            assertEquals("/bot" + TOKEN + "/sendMessage", r.path());
            JsonNode body = JsonMapper.builder().build().readTree(r.body());
            assertEquals("-100123", body.get("chat_id").stringValue());
            assertEquals("[sextant] Kill switch tripped: STALE_MARKET_DATA\nno bar for 3 minutes", body.get("text").stringValue());
        }
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterTelegramAsksFor() throws IOException {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(429,
                "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                        + "\"parameters\":{\"retry_after\":7}}"));
             TelegramNotifier n = notifier(server.base())) {
            Delivery.Retry retry = assertInstanceOf(Delivery.Retry.class, n.send(TRIP));
            assertEquals(Optional.of(Duration.ofSeconds(7)), retry.after());
            assertTrue(retry.reason().contains("429") && retry.reason().contains("Too Many Requests"), retry.reason());
        }
    }

    @Test
    void aServerErrorIsRetriedWithTheHttpRetryAfterHeader() throws IOException {
        try (FakeChatServer server = new FakeChatServer().then(new FakeChatServer.Answer(503, Map.of("Retry-After", "2"), ""));
             TelegramNotifier n = notifier(server.base())) {
            Delivery.Retry retry = assertInstanceOf(Delivery.Retry.class, n.send(TRIP));
            assertEquals(Optional.of(Duration.ofSeconds(2)), retry.after());
        }
    }

    @Test
    void aWrongChatFailsWithTheApiDescriptionAndNoToken() throws IOException {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(400,
                "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}"));
             TelegramNotifier n = notifier(server.base())) {
            Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, n.send(TRIP));
            assertTrue(failed.reason().contains("chat not found"), failed.reason());
            assertFalse(failed.reason().contains(TOKEN), failed.reason());
        }
    }

    @Test
    void aRefusedConnectionIsRetriedAndItsReasonHasNoToken() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (TelegramNotifier n = notifier(URI.create("http://127.0.0.1:" + port))) {
            Delivery.Retry retry = assertInstanceOf(Delivery.Retry.class, n.send(TRIP));
            assertFalse(retry.reason().contains(TOKEN), retry.reason());
            assertFalse(n.toString().contains(TOKEN), n.toString());
        }
    }

    @Test
    void cutsTextsLongerThanTelegramsLimit() throws IOException {
        try (FakeChatServer server = new FakeChatServer(); TelegramNotifier n = notifier(server.base())) {
            n.send(new Notification(NotificationKind.DAILY_SUMMARY, Instant.EPOCH, "long", "x".repeat(10_000)));
            String text = JsonMapper.builder().build().readTree(server.received().getFirst().body()).get("text").stringValue();
            assertEquals(TelegramNotifier.MAX_TEXT_CHARS, text.length());
        }
    }

    @Test
    void rejectsATokenThatWouldChangeTheUrlWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelegramNotifier.create(URI.create("http://127.0.0.1:1"), "abc/def?x", "1", Duration.ofSeconds(1)));
        assertFalse(e.getMessage().contains("abc/def"), e.getMessage());
    }
}

package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.json.JsonMapper;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebhookNotifierTest {
    private static final String SECRET_PATH = "/services/T000/B000/s3cretWebhookPath";
    private static final Notification DRIFT = new Notification(NotificationKind.DRIFT_ALERT, Instant.EPOCH,
            "Drift on rsi_14", "PSI 0.31 > 0.25");

    @Test
    void postsASlackCompatibleTextBody() throws IOException {
        try (FakeChatServer server = new FakeChatServer();
             WebhookNotifier n = WebhookNotifier.create(server.base().resolve(SECRET_PATH), Duration.ofSeconds(5))) {
            assertInstanceOf(Delivery.Delivered.class, n.send(DRIFT));
            FakeChatServer.Received r = server.received().getFirst();
            assertEquals(SECRET_PATH, r.path());
            assertEquals("[sextant] Drift on rsi_14\nPSI 0.31 > 0.25",
                    JsonMapper.builder().build().readTree(r.body()).get("text").stringValue());
        }
    }

    @Test
    void a429HonoursRetryAfterAsAnHttpDate() throws IOException {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(120).atOffset(ZoneOffset.UTC));
        try (FakeChatServer server = new FakeChatServer().then(new FakeChatServer.Answer(429, Map.of("Retry-After", date), ""));
             WebhookNotifier n = WebhookNotifier.create(server.base().resolve(SECRET_PATH), Duration.ofSeconds(5))) {
            Delivery.Retry retry = assertInstanceOf(Delivery.Retry.class, n.send(DRIFT));
            Duration after = retry.after().orElseThrow();
            assertTrue(after.compareTo(Duration.ofSeconds(100)) > 0 && after.compareTo(Duration.ofSeconds(121)) <= 0,
                    after.toString());
        }
    }

    @Test
    void aClientErrorFailsAndTheReasonShowsOnlyTheHost() throws IOException {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(404, "no_service"));
             WebhookNotifier n = WebhookNotifier.create(server.base().resolve(SECRET_PATH), Duration.ofSeconds(5))) {
            Delivery.Failed failed = assertInstanceOf(Delivery.Failed.class, n.send(DRIFT));
            assertTrue(failed.reason().contains("404") && failed.reason().contains("no_service"), failed.reason());
            assertFalse(failed.reason().contains("s3cret"), failed.reason());
            assertFalse(n.toString().contains("s3cret"), n.toString());
        }
    }

    @Test
    void aServerErrorWithoutRetryAfterIsRetriedAfterTheBackoff() throws IOException {
        try (FakeChatServer server = new FakeChatServer().then(FakeChatServer.Answer.status(502, ""));
             WebhookNotifier n = WebhookNotifier.create(server.base().resolve(SECRET_PATH), Duration.ofSeconds(5))) {
            assertEquals(Optional.empty(), assertInstanceOf(Delivery.Retry.class, n.send(DRIFT)).after());
        }
    }

    @Test
    void rejectsAUrlThatIsNotHttp() {
        assertThrows(IllegalArgumentException.class,
                () -> WebhookNotifier.create(URI.create("ftp://example.invalid/x"), Duration.ofSeconds(1)));
    }
}

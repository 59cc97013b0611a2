package dev.sextant.trading.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotifySettingsTest {
    private static final String TOKEN = "999:very-secret";
    private static final UnaryOperator<String> ENV = Map.of("TG_TOKEN", TOKEN, "HOOK", "https://hooks.example.test/T/B/x")::get;

    @TempDir
    Path dir;

    private static NotifySettings parse(String json) {
        return NotifySettings.parse(json, "notify.json", ENV);
    }

    private static String error(String json) {
        return assertThrows(InvalidNotifySettingsException.class, () -> parse(json)).getMessage();
    }

    @Test
    void readsEveryFieldFromAFile() throws Exception {
        Path file = dir.resolve("notify.json");
        Files.writeString(file, """
                {"telegram": {"token_env": "TG_TOKEN", "chat_id": -100123, "base_url": "http://127.0.0.1:9"},
                 "webhook": {"url_env": "HOOK"},
                 "events": ["kill_switch_tripped", "daily_summary"],
                 "rejected_orders": {"count": 3, "window_minutes": 15},
                 "summary_zone": "Europe/London", "queue_capacity": 8, "max_attempts": 2, "timeout_seconds": 3}
                """);
        NotifySettings s = NotifySettings.read(file, ENV);
        assertEquals(List.of("telegram", "webhook"), s.notifierNames());
        assertEquals(EnumSet.of(NotificationKind.KILL_SWITCH_TRIPPED, NotificationKind.DAILY_SUMMARY), s.events());
        assertEquals(new RejectionRate(3, Duration.ofMinutes(15)), s.rejectedOrders());
        assertEquals(ZoneId.of("Europe/London"), s.summaryZone());
        assertFalse(s.toString().contains(TOKEN), s.toString());
        assertFalse(s.toString().contains("hooks.example.test"), s.toString());
        try (NotificationDispatcher d = s.openDispatcher()) {
            assertEquals(8, d.capacity());
            assertTrue(d.accepts(NotificationKind.DAILY_SUMMARY));
            assertFalse(d.accepts(NotificationKind.DRIFT_ALERT));
        }
    }

    @Test
    void defaultsToEveryEventAndTheRealTelegramAddress() {
        NotifySettings s = parse("{\"telegram\": {\"token_env\": \"TG_TOKEN\", \"chat_id\": \"@desk_alerts\"}}");
        assertEquals(EnumSet.allOf(NotificationKind.class), s.events());
        assertEquals(RejectionRate.DEFAULT, s.rejectedOrders());
        assertEquals(List.of("telegram"), s.notifierNames());
    }

    @Test
    void anUnsetTokenVariableIsNamedButNoValueIsShown() {
        String m = error("{\"telegram\": {\"token_env\": \"MISSING_TOKEN\", \"chat_id\": 1}}");
        assertEquals("notify.json: telegram.token_env: environment variable MISSING_TOKEN is not set", m);
    }

    @Test
    void aBadWebhookUrlFromTheEnvironmentIsNotEchoed() {
        UnaryOperator<String> env = Map.of("HOOK", "not a url secret")::get;
        String m = assertThrows(InvalidNotifySettingsException.class,
                () -> NotifySettings.parse("{\"webhook\": {\"url_env\": \"HOOK\"}}", "n.json", env)).getMessage();
        assertEquals("n.json: webhook.url_env: must be an http or https URL with a host", m);
    }

    @Test
    void rejectsEachBadFieldNamingIt() {
        assertEquals("notify.json: names no notifier: give \"telegram\" or \"webhook\" (or both)", error("{}"));
        assertTrue(error("{\"webhook\": {\"url\": \"https://h.test/x\"}, \"evnts\": []}")
                .startsWith("notify.json: evnts: is not a known field"));
        assertTrue(error("{\"webhook\": {\"url\": \"https://h.test/x\"}, \"events\": [\"kill_switch\"]}")
                .startsWith("notify.json: events[0]: must be one of kill_switch_tripped,"));
        assertEquals("notify.json: webhook: needs exactly one of \"url\" and \"url_env\"",
                error("{\"webhook\": {\"url\": \"https://h.test/x\", \"url_env\": \"HOOK\"}}"));
        assertEquals("notify.json: webhook.url: must be an http or https URL with a host but was file:///etc/passwd",
                error("{\"webhook\": {\"url\": \"file:///etc/passwd\"}}"));
        assertTrue(error("{\"telegram\": {\"token_env\": \"TG_TOKEN\", \"chat_id\": \"me\"}}")
                .startsWith("notify.json: telegram.chat_id: must be a chat id"));
        assertEquals("notify.json: queue_capacity: must be a positive integer but was 0",
                error("{\"webhook\": {\"url\": \"https://h.test/x\"}, \"queue_capacity\": 0}"));
        assertEquals("notify.json: rejected_orders.window_minutes: must be a positive integer but was 1.5",
                error("{\"webhook\": {\"url\": \"https://h.test/x\"}, \"rejected_orders\": {\"window_minutes\": 1.5}}"));
        assertTrue(error("{\"webhook\": {\"url\": \"https://h.test/x\"}, \"summary_zone\": \"Mars/Olympus\"}")
                .startsWith("notify.json: summary_zone: must be a time zone id"));
        assertTrue(error("{\"webhook\": {\"url\": \"https://h.test/x\"}, \"webhook\": {\"url\": \"https://h.test/y\"}}")
                .startsWith("notify.json: has a duplicate key"));
        assertTrue(error("{\"webhook\": ").startsWith("notify.json: is not valid JSON at line 1"));
        assertEquals("notify.json: must be a JSON object", error("[1]"));
        assertTrue(error("{\"telegram\": 5}").startsWith("notify.json: telegram: must be an object but was 5"));
    }

    @Test
    void everyErrorIsOneLine() {
        for (String bad : Set.of("{\"webhook\": {\"url\": \"https://h.test/x\"}, \"events\": [\"a\\nb\"]}", "{\n\"x\": 1\n}")) {
            assertFalse(error(bad).contains("\n"), error(bad));
        }
    }
}

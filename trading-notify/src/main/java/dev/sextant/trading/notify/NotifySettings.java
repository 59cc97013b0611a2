package dev.sextant.trading.notify;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.core.io.IoErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notification settings read from a JSON file, for {@code sextant paper --notify FILE} and for
 * Java users who keep their settings in a file. Secrets are not in the file: it names the
 * environment variables that hold them.
 *
 * <pre>{@code
 * {
 *   "telegram": {"token_env": "SEXTANT_TELEGRAM_TOKEN", "chat_id": "-1001234567890",
 *                "base_url": "https://api.telegram.org"},
 *   "webhook": {"url_env": "SEXTANT_WEBHOOK_URL"},
 *   "events": ["kill_switch_tripped", "kill_switch_rearmed", "drift_alert", "promotion", "rollback",
 *              "rejected_orders", "daily_summary"],
 *   "rejected_orders": {"count": 5, "window_minutes": 60},
 *   "summary_zone": "UTC",
 *   "queue_capacity": 256,
 *   "max_attempts": 5,
 *   "timeout_seconds": 10
 * }
 * }</pre>
 * At least one of {@code telegram} and {@code webhook} is required; {@code base_url} defaults to
 * {@link TelegramNotifier#DEFAULT_BASE_URL}; {@code webhook} takes {@code url_env} or, for a URL
 * that is not secret, {@code url}; {@code events} defaults to every kind; the other fields default
 * to the values shown. Unknown fields, wrong types, duplicate keys and unset variables are errors
 * ({@link InvalidNotifySettingsException}). {@link #toString()} shows no secret. Immutable and thread-safe.
 */
public final class NotifySettings {
    /** Largest settings file read, in bytes. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Optional<URI> telegramBaseUrl;
    private final String telegramToken;
    private final String telegramChatId;
    private final Optional<URI> webhookUrl;
    private final Set<NotificationKind> events;
    private final RejectionRate rejectedOrders;
    private final ZoneId summaryZone;
    private final int queueCapacity;
    private final int maxAttempts;
    private final Duration timeout;

    private NotifySettings(Reader r, JsonNode root) {
        r.allowOnly(root, "", Set.of("telegram", "webhook", "events", "rejected_orders", "summary_zone", "queue_capacity",
                "max_attempts", "timeout_seconds"));
        JsonNode telegram = r.object(root, "telegram");
        JsonNode webhook = r.object(root, "webhook");
        if (telegram == null && webhook == null) {
            throw r.error("", "names no notifier: give \"telegram\" or \"webhook\" (or both)");
        }
        if (telegram != null) {
            r.allowOnly(telegram, "telegram", Set.of("token_env", "chat_id", "base_url"));
            telegramToken = r.secret(telegram, "telegram", "token_env");
            telegramChatId = r.chatId(telegram);
            telegramBaseUrl = Optional.of(telegram.has("base_url") ? r.url(r.text(telegram, "telegram", "base_url"),
                    "telegram.base_url", true) : TelegramNotifier.DEFAULT_BASE_URL);
        } else {
            telegramToken = "";
            telegramChatId = "";
            telegramBaseUrl = Optional.empty();
        }
        if (webhook != null) {
            r.allowOnly(webhook, "webhook", Set.of("url", "url_env"));
            boolean literal = webhook.has("url");
            if (literal == webhook.has("url_env")) {
                throw r.error("webhook", "needs exactly one of \"url\" and \"url_env\"");
            }
            webhookUrl = Optional.of(literal ? r.url(r.text(webhook, "webhook", "url"), "webhook.url", true)
                    : r.url(r.secret(webhook, "webhook", "url_env"), "webhook.url_env", false));
        } else {
            webhookUrl = Optional.empty();
        }
        events = r.events(root);
        JsonNode rejected = r.object(root, "rejected_orders");
        if (rejected != null) {
            r.allowOnly(rejected, "rejected_orders", Set.of("count", "window_minutes"));
            rejectedOrders = new RejectionRate(r.positiveInt(rejected, "rejected_orders", "count", RejectionRate.DEFAULT.count()),
                    Duration.ofMinutes(r.positiveInt(rejected, "rejected_orders", "window_minutes",
                            (int) RejectionRate.DEFAULT.window().toMinutes())));
        } else {
            rejectedOrders = RejectionRate.DEFAULT;
        }
        summaryZone = root.has("summary_zone") ? r.zone(r.text(root, "", "summary_zone")) : ZoneId.of("UTC");
        queueCapacity = r.positiveInt(root, "", "queue_capacity", NotificationDispatcher.Builder.DEFAULT_CAPACITY);
        maxAttempts = r.positiveInt(root, "", "max_attempts", NotificationDispatcher.Builder.DEFAULT_MAX_ATTEMPTS);
        timeout = Duration.ofSeconds(r.positiveInt(root, "", "timeout_seconds", 10));
    }

    /**
     * Reads settings from {@code file}, resolving the environment variables it names with {@code env}
     * (pass {@code System::getenv}).
     *
     * @throws InvalidNotifySettingsException if the file is not valid settings (naming file and field)
     * @throws UncheckedIOException           if the file cannot be read
     */
    public static NotifySettings read(Path file, UnaryOperator<String> env) {
        Checks.notNull(file, "file");
        Checks.notNull(env, "env");
        String source = file.toString();
        String json;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidNotifySettingsException(source, "", "is larger than " + MAX_FILE_BYTES + " bytes", null);
            }
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoErrors.reason(e), e);
        }
        return parse(json, source, env);
    }

    /**
     * Reads settings from the JSON text {@code json}; {@code source} names it in errors.
     *
     * @throws InvalidNotifySettingsException if the text is not valid settings
     */
    public static NotifySettings parse(String json, String source, UnaryOperator<String> env) {
        Checks.notNull(json, "json");
        Reader r = new Reader(Checks.notNull(source, "source"), Checks.notNull(env, "env"));
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            String message = String.valueOf(e.getOriginalMessage());
            throw r.error("", (message.startsWith("Duplicate") ? "has a duplicate key" : "is not valid JSON") + where + ": "
                    + ErrorText.value(message));
        }
        if (root == null || !root.isObject()) {
            throw r.error("", "must be a JSON object");
        }
        return new NotifySettings(r, root);
    }

    /** The kinds to send. */
    public Set<NotificationKind> events() {
        return events;
    }

    /** When rejected orders make an alert. */
    public RejectionRate rejectedOrders() {
        return rejectedOrders;
    }

    /** The zone whose midnight ends a day for the daily summary. */
    public ZoneId summaryZone() {
        return summaryZone;
    }

    /** The names of the configured notifiers ({@code telegram}, {@code webhook}), for messages. */
    public List<String> notifierNames() {
        List<String> names = new ArrayList<>();
        telegramBaseUrl.ifPresent(u -> names.add("telegram"));
        webhookUrl.ifPresent(u -> names.add("webhook"));
        return List.copyOf(names);
    }

    /** A started dispatcher to the configured notifiers, with these settings' queue, attempts and events. */
    public NotificationDispatcher openDispatcher() {
        NotificationDispatcher.Builder b = NotificationDispatcher.builder().capacity(queueCapacity).maxAttempts(maxAttempts)
                .kinds(events);
        telegramBaseUrl.ifPresent(u -> b.notifier(TelegramNotifier.create(u, telegramToken, telegramChatId, timeout)));
        webhookUrl.ifPresent(u -> b.notifier(WebhookNotifier.create(u, timeout)));
        return b.build();
    }

    /** A session observer sending this file's session notifications to {@code dispatcher}. */
    public SessionNotifications observer(NotificationDispatcher dispatcher) {
        return new SessionNotifications(dispatcher, rejectedOrders, summaryZone);
    }

    /** The notifiers and events, never a token or webhook URL. */
    @Override
    public String toString() {
        return "NotifySettings[notifiers " + notifierNames() + ", events " + events + "]";
    }

    /** Field readers that name the file and field in every error. */
    private record Reader(String source, UnaryOperator<String> env) {

        InvalidNotifySettingsException error(String field, String message) {
            return new InvalidNotifySettingsException(source, field, message, null);
        }

        static String path(String parent, String name) {
            return parent.isEmpty() ? name : parent + "." + name;
        }

        void allowOnly(JsonNode node, String path, Set<String> names) {
            for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
                String name = it.next();
                if (!names.contains(name)) {
                    throw error(path(path, name), "is not a known field (known: " + String.join(", ", names.stream().sorted()
                            .toList()) + ")");
                }
            }
        }

        JsonNode object(JsonNode parent, String name) {
            JsonNode n = parent.get(name);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isObject()) {
                throw error(name, "must be an object but was " + ErrorText.value(n.toString()));
            }
            return n;
        }

        String text(JsonNode parent, String path, String name) {
            JsonNode n = parent.get(name);
            if (n == null || !n.isString() || n.stringValue().isBlank()) {
                throw error(path(path, name), "must be a non-blank string but was " + (n == null ? "absent"
                        : ErrorText.value(n.toString())));
            }
            return n.stringValue();
        }

        /** The value of the environment variable named by {@code parent.name}; never echoed. */
        String secret(JsonNode parent, String path, String name) {
            String variable = text(parent, path, name);
            String value = env.apply(variable);
            if (value == null || value.isBlank()) {
                throw error(path(path, name), "environment variable " + ErrorText.value(variable) + " is not set");
            }
            return value.strip();
        }

        String chatId(JsonNode telegram) {
            JsonNode n = telegram.get("chat_id");
            if (n != null && n.isIntegralNumber()) {
                return n.asString();
            }
            if (n != null && n.isString() && !n.stringValue().isBlank() && n.stringValue().strip().equals(n.stringValue())) {
                String v = n.stringValue();
                if (v.matches("-?[0-9]+") || v.matches("@[A-Za-z0-9_]{1,64}")) {
                    return v;
                }
            }
            throw error("telegram.chat_id", "must be a chat id (an integer, negative for groups) or @channelname but was "
                    + (n == null ? "absent" : ErrorText.value(n.toString())));
        }

        /** An http(s) URL with a host; {@code show} says whether the value may appear in the message. */
        URI url(String value, String field, boolean show) {
            String shown = show ? " but was " + ErrorText.value(value) : "";
            try {
                URI u = new URI(value);
                String scheme = u.getScheme();
                if (scheme != null && (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                    return u;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw error(field, "must be an http or https URL with a host" + shown);
        }

        Set<NotificationKind> events(JsonNode root) {
            JsonNode n = root.get("events");
            if (n == null) {
                return EnumSet.allOf(NotificationKind.class);
            }
            if (!n.isArray()) {
                throw error("events", "must be an array of event names but was " + ErrorText.value(n.toString()));
            }
            Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
            for (int i = 0; i < n.size(); i++) {
                JsonNode e = n.get(i);
                Optional<NotificationKind> k = e.isString() ? NotificationKind.fromConfigName(e.stringValue()) : Optional.empty();
                if (k.isEmpty()) {
                    List<String> known = new ArrayList<>();
                    for (NotificationKind kind : NotificationKind.values()) {
                        known.add(kind.configName());
                    }
                    throw error("events[" + i + "]", "must be one of " + String.join(", ", known) + " but was "
                            + ErrorText.value(e.toString()));
                }
                kinds.add(k.get());
            }
            return kinds;
        }

        int positiveInt(JsonNode parent, String path, String name, int fallback) {
            JsonNode n = parent.get(name);
            if (n == null) {
                return fallback;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1) {
                throw error(path(path, name), "must be a positive integer but was " + ErrorText.value(n.toString()));
            }
            return n.asInt();
        }

        ZoneId zone(String id) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                throw error("summary_zone", "must be a time zone id such as UTC or Europe/London but was "
                        + ErrorText.value(id));
            }
        }
    }
}

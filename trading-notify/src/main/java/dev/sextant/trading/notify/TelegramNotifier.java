package dev.sextant.trading.notify;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.notify.internal.JsonPost;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends notifications to a Telegram chat through the Bot API's {@code sendMessage}
 * ({@code POST {baseUrl}/bot{token}/sendMessage} with {@code {"chat_id": ..., "text": ...}}).
 * A 429 answer is retried after its {@code parameters.retry_after} seconds (or the HTTP
 * {@code Retry-After} header); 5xx and I/O errors are retried; other errors (a wrong token, an
 * unknown chat) fail. Texts longer than {@value #MAX_TEXT_CHARS} characters, Telegram's limit, are
 * cut. The token never appears in a reason, a log line or {@link #toString()}. Thread-safe.
 */
public final class TelegramNotifier implements Notifier {
    /** The Bot API's address; tests point {@code baseUrl} at a local fake server instead. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.telegram.org");
    /** Telegram's limit on a message's length, in characters. */
    public static final int MAX_TEXT_CHARS = 4096;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final URI endpoint;
    private final String token;
    private final String chatId;
    private final JsonPost http;

    private TelegramNotifier(URI baseUrl, String token, String chatId, Duration timeout) {
        Checks.notNull(baseUrl, "baseUrl");
        this.token = Checks.notBlank(token, "token");
        this.chatId = Checks.notBlank(chatId, "chatId");
        if (token.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '?' || c == '#' || c == '%' || c > '~')) {
            // Never echo the value: it is a secret.
            throw new IllegalArgumentException("token must be a Telegram bot token (no spaces, '/', '?', '#' or '%')");
        }
        String base = baseUrl.toString();
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException("baseUrl must be an http or https URL but was '" + ErrorText.value(base) + "'");
        }
        this.endpoint = URI.create((base.endsWith("/") ? base : base + "/") + "bot" + token + "/sendMessage");
        this.http = new JsonPost(timeout);
    }

    /**
     * A notifier for one chat.
     *
     * @param baseUrl the Bot API's address, normally {@link #DEFAULT_BASE_URL}
     * @param token   the bot's token (from BotFather); a secret, kept out of every message
     * @param chatId  the chat's id (a number, negative for groups) or {@code @channelname}
     * @param timeout how long one attempt may take, connect included; positive
     * @throws IllegalArgumentException if an argument is blank, not an http(s) URL, or the timeout not positive
     */
    public static TelegramNotifier create(URI baseUrl, String token, String chatId, Duration timeout) {
        return new TelegramNotifier(baseUrl, token, chatId, timeout);
    }

    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public Delivery send(Notification notification) {
        String text = notification.text();
        if (text.length() > MAX_TEXT_CHARS) {
            text = text.substring(0, MAX_TEXT_CHARS - 3) + "...";
        }
        ObjectNode body = MAPPER.createObjectNode();
        body.put("chat_id", chatId);
        body.put("text", text);
        body.put("disable_web_page_preview", true);
        return switch (http.post(endpoint, MAPPER.writeValueAsString(body), token)) {
            case JsonPost.Outcome.NoResponse n -> new Delivery.Retry("Telegram Bot API: " + n.reason(), Optional.empty());
            case JsonPost.Outcome.Response r -> {
                Optional<Duration> after = retryAfter(r.body()).or(() -> JsonPost.retryAfter(r.headers(), Instant.now()));
                String reason = JsonPost.redact("Telegram Bot API answered HTTP " + r.status() + description(r.body()), token);
                yield JsonPost.classify(r.status(), after, reason);
            }
        };
    }

    /** {@code parameters.retry_after} of a Bot API error answer, in seconds. */
    private static Optional<Duration> retryAfter(String body) {
        JsonNode parameters = parse(body).path("parameters").path("retry_after");
        return parameters.isIntegralNumber() && parameters.asLong() >= 0
                ? Optional.of(Duration.ofSeconds(parameters.asLong())) : Optional.empty();
    }

    /** ": " and the Bot API's {@code description} when the answer has one. */
    private static String description(String body) {
        JsonNode d = parse(body).path("description");
        return d.isString() ? ": " + ErrorText.value(d.stringValue()) : "";
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.missingNode() : node;
        } catch (JacksonException e) {
            return MAPPER.missingNode();
        }
    }

    @Override
    public void close() {
        http.close();
    }

    /** Names the chat, never the token. */
    @Override
    public String toString() {
        return "TelegramNotifier[chat " + chatId + "]";
    }
}

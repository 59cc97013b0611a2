package dev.sextant.trading.notify;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.notify.internal.JsonPost;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts notifications to a generic JSON webhook as {@code {"text": ...}}, the body Slack's
 * incoming webhooks (and Mattermost's, Discord's {@code /slack} endpoints, Microsoft Teams'
 * workflows) accept. 429 and 5xx answers are retried after the HTTP {@code Retry-After} header
 * when present; I/O errors are retried; other statuses fail. A webhook URL is a secret (whoever
 * has it can post): only its scheme and host appear in reasons, logs and {@link #toString()}.
 * Thread-safe.
 */
public final class WebhookNotifier implements Notifier {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final URI url;
    private final String shown;
    private final JsonPost http;

    private WebhookNotifier(URI url, Duration timeout) {
        this.url = Checks.notNull(url, "url");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an http or https URL with a host");
        }
        this.shown = scheme + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
        this.http = new JsonPost(timeout);
    }

    /**
     * A notifier posting to {@code url}.
     *
     * @param url     the webhook's address (http or https); a secret, kept out of every message
     * @param timeout how long one attempt may take, connect included; positive
     * @throws IllegalArgumentException if the URL is not http(s) with a host, or the timeout is not positive
     */
    public static WebhookNotifier create(URI url, Duration timeout) {
        return new WebhookNotifier(url, timeout);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Delivery send(Notification notification) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("text", notification.text());
        String secret = url.toString();
        return switch (http.post(url, MAPPER.writeValueAsString(body), secret)) {
            case JsonPost.Outcome.NoResponse n -> new Delivery.Retry("webhook " + shown + ": " + n.reason(), Optional.empty());
            case JsonPost.Outcome.Response r -> {
                String answer = r.body().isBlank() ? "" : ": " + ErrorText.value(r.body().strip());
                String reason = JsonPost.redact("webhook " + shown + " answered HTTP " + r.status() + answer, secret);
                String path = url.getRawPath();
                if (path != null && path.length() > 1) {
                    reason = JsonPost.redact(reason, path);
                }
                yield JsonPost.classify(r.status(), JsonPost.retryAfter(r.headers(), Instant.now()), reason);
            }
        };
    }

    @Override
    public void close() {
        http.close();
    }

    /** Names the scheme and host, never the path (the secret part). */
    @Override
    public String toString() {
        return "WebhookNotifier[" + shown + "]";
    }
}

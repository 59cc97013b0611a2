package dev.sextant.trading.notify.internal;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ErrorText;
import dev.sextant.trading.notify.Delivery;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One JSON POST with the JDK's HTTP client, its outcome classified for retrying: 2xx delivered;
 * 408, 429 and 5xx and I/O errors retried (with the server's {@code Retry-After} when it sent one);
 * other statuses failed. Response bodies are read up to {@value #MAX_BODY_BYTES} bytes. Every reason
 * has the secret (a token, a webhook URL) replaced by {@code ***}. Thread-safe.
 */
public final class JsonPost implements AutoCloseable {
    /** Most bytes of a response body read (error descriptions are short; a hostile server cannot fill memory). */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    /** A client whose connects and requests each time out after {@code timeout}. */
    public JsonPost(Duration timeout) {
        this.timeout = Checks.notNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** What a POST came to before classification: a response, or an I/O error's reason. */
    public sealed interface Outcome {
        /** The server answered. */
        record Response(int status, HttpHeaders headers, String body) implements Outcome {
        }

        /** No answer: connection refused, reset, timed out; the reason is already redacted. */
        record NoResponse(String reason) implements Outcome {
        }
    }

    /**
     * Posts {@code json} to {@code uri}.
     *
     * @param secret text to keep out of every reason (the token or URL inside {@code uri}); may be empty
     */
    public Outcome post(URI uri, String json, String secret) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            }
            return new Outcome.Response(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            String what = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome.NoResponse(redact("no response: " + what, secret));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.NoResponse("interrupted");
        }
    }

    /**
     * The delivery an HTTP status implies: 2xx delivered; 408, 429 and 5xx retried after
     * {@code retryAfter}; anything else failed with {@code reason}.
     */
    public static Delivery classify(int status, Optional<Duration> retryAfter, String reason) {
        if (status >= 200 && status < 300) {
            return new Delivery.Delivered();
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new Delivery.Retry(reason, retryAfter);
        }
        return new Delivery.Failed(reason);
    }

    /**
     * The HTTP {@code Retry-After} header: delay seconds or an HTTP date (RFC 9110 section 10.2.3),
     * measured from {@code now}; empty when absent or unreadable.
     */
    public static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        String v = value.get();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code text} on one bounded line with every occurrence of {@code secret} replaced by {@code ***}. */
    public static String redact(String text, String secret) {
        String clean = secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
        return ErrorText.line(clean);
    }

    @Override
    public void close() {
        client.close();
    }
}

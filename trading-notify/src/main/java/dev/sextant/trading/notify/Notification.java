package dev.sextant.trading.notify;

import dev.sextant.trading.core.Checks;
import java.time.Instant;

/**
 * One message for a person: what it is about, when it happened and what to say. Drift monitors,
 * the model registry and trading sessions each make notifications of their own kinds and hand
 * them to a {@link NotificationDispatcher}. Immutable and thread-safe.
 *
 * @param kind  what the notification is about
 * @param time  when the event happened (the session clock's time in a session, so a replay dates
 *              its messages in market time)
 * @param title a short headline, one line, not blank
 * @param body  the details, may be empty or span lines
 */
public record Notification(NotificationKind kind, Instant time, String title, String body) {

    /** Validates every field; a title must be a single line. */
    public Notification {
        Checks.notNull(kind, "kind");
        Checks.notNull(time, "time");
        Checks.notBlank(title, "title");
        Checks.notNull(body, "body");
        if (title.indexOf('\n') >= 0 || title.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("title must be one line but was '" + title + "'");
        }
    }

    /** The message as sent: {@code [sextant] TITLE}, then the body on the following lines when it has one. */
    public String text() {
        return body.isEmpty() ? "[sextant] " + title : "[sextant] " + title + "\n" + body;
    }
}

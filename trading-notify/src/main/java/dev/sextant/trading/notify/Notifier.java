package dev.sextant.trading.notify;

/**
 * Sends a {@link Notification} to one place: a chat, a channel, a pager. Adapters: {@link
 * TelegramNotifier}, {@link WebhookNotifier}; write your own for another service.
 *
 * <p>A notifier is called only from a {@link NotificationDispatcher}'s delivery thread, never from
 * the trading thread, so {@link #send} may block for as long as its own time-out. It makes one
 * attempt: the dispatcher retries. It reports network errors as a {@link Delivery.Retry} rather than
 * throwing, and keeps secrets (tokens, webhook paths) out of every reason and log line.
 */
public interface Notifier extends AutoCloseable {

    /** A short name for logs and metrics, e.g. {@code telegram}; no secrets. */
    String name();

    /**
     * Makes one attempt to send {@code notification}.
     *
     * @return what the attempt came to; never null
     */
    Delivery send(Notification notification);

    /** Releases the notifier's resources (its HTTP client). The default does nothing. */
    @Override
    default void close() {
    }
}

/**
 * Notifications of a live trading session on a phone or in a chat: a {@link
 * dev.sextant.trading.notify.Notifier} SPI with adapters for the Telegram Bot API and a
 * Slack-compatible JSON webhook, a {@link dev.sextant.trading.notify.NotificationDispatcher} that
 * delivers off the trading thread (bounded queue, retries with backoff, dropped messages counted),
 * and a {@link dev.sextant.trading.notify.SessionNotifications} observer that turns a session's
 * journal into notifications. Delivery uses the JDK's {@code java.net.http} client only.
 */
module dev.sextant.trading.notify {
    requires transitive dev.sextant.trading.live;
    requires java.net.http;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.sextant.trading.notify;
}

/**
 * Notifications of a live session on a phone or in a chat: the notifier SPI with Telegram and
 * webhook adapters, a dispatcher that delivers off the trading thread with a bounded queue and
 * retries, and an observer that turns a session's journal into notifications.
 */
package dev.sextant.trading.notify;

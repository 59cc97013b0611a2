package dev.sextant.trading.broker;

/** A market-data subscription; closing it stops delivery. Thread-safe. */
public interface Subscription extends AutoCloseable {

    /** Whether data is still delivered to this subscription. */
    boolean isActive();

    /** Stops delivery; idempotent. Data already being delivered may still arrive once. */
    @Override
    void close();
}

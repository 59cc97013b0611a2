package dev.sextant.trading.live;

/**
 * Watches a {@link TradingSession} for monitoring (metrics, alerts). Called on the session's
 * thread under its lock: implementations must return quickly and must not call back into the
 * session. Exceptions are logged and ignored.
 */
public interface SessionObserver {

    /** The parts of a decision whose time is measured. */
    enum Stage {
        /** The signal source: features and model. */
        SIGNAL,
        /** Sizing and the pre-trade checks (the pipeline's time outside the signal source and the broker). */
        RISK,
        /** Handing an order or cancel to the venue connector, write-ahead journaling excluded. */
        BROKER,
        /** One journal append (a commit when it is durable or completes a group). */
        JOURNAL,
        /** A whole bar: from receiving it to journaling the decision. */
        DECISION
    }

    /** A record was appended to the journal (records re-created during recovery are not reported). */
    default void onRecord(JournalRecord record) {
    }

    /** {@code stage} took {@code nanos} nanoseconds. */
    default void onLatency(Stage stage, long nanos) {
    }

    /**
     * A drift monitor raised an alert (feature or prediction drift, degraded performance), called
     * after {@link #onRecord} of its {@link JournalEvent.DriftAlert} (alerts re-created during
     * recovery are not reported); see {@link TradingSession.Builder#driftListener()}.
     */
    default void onDriftAlert(dev.sextant.trading.models.drift.DriftAlert alert) {
    }
}

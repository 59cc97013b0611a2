package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;
import java.time.Instant;

/**
 * One appended event with its place in the hash chain.
 *
 * <p>The record's canonical bytes are its JSON form with keys sorted and no white space:
 * {@code {"event":{...},"receivedAt":"...","seq":N,"time":"...","type":"..."}}, timestamps in UTC
 * with exactly six fraction digits (microseconds). {@code hash} is the lower-case hex SHA-256 of
 * the previous record's hash (32 raw bytes; 32 zero bytes before the first record) followed by
 * these canonical bytes.
 *
 * @param seq        sequence number, 1 for the first record, no gaps
 * @param time       the session clock's time (the simulated clock in a replay), microsecond precision
 * @param receivedAt the wall-clock time the session received or produced the event, microsecond precision
 * @param event      the event
 * @param hash       the chained SHA-256, 64 lower-case hex digits
 */
public record JournalRecord(long seq, Instant time, Instant receivedAt, JournalEvent event, String hash) {

    /** Validates every field. */
    public JournalRecord {
        Checks.positive(seq, "seq");
        Checks.notNull(time, "time");
        Checks.notNull(receivedAt, "receivedAt");
        Checks.notNull(event, "event");
        Checks.notBlank(hash, "hash");
    }
}

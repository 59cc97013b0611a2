package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;

/**
 * A last record that a crash left incomplete, found and moved to quarantine when the journal
 * was opened. Records before it are intact.
 *
 * @param seq    the sequence number of the torn record
 * @param reason what was wrong with it
 */
public record TornRecord(long seq, String reason) {
    /** Validates every field. */
    public TornRecord {
        Checks.positive(seq, "seq");
        Checks.notBlank(reason, "reason");
    }
}

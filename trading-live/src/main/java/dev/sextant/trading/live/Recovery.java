package dev.sextant.trading.live;

import java.util.List;
import java.util.Optional;

/**
 * What {@link TradingSession#recover()} found and did.
 *
 * @param replayedRecords        journal records re-created by re-executing the journaled inputs
 * @param appendedRecords        records the crashed run had produced but not committed, re-created and appended
 * @param resumedAfterSeq        the journal's last sequence number before this start (0 when fresh)
 * @param nextInputIndex         the input index the session continues from (0 when fresh)
 * @param tornRecord             a torn last record repaired when the journal was opened
 * @param reconciliation         differences between the rebuilt state and the venue, as journaled
 */
public record Recovery(long replayedRecords, long appendedRecords, long resumedAfterSeq, long nextInputIndex,
        Optional<TornRecord> tornRecord, List<JournalEvent.ReconciliationDifference> reconciliation) {

    /** Copies the list. */
    public Recovery {
        reconciliation = List.copyOf(reconciliation);
    }

    /** Whether the journal was empty (a fresh session). */
    public boolean fresh() {
        return resumedAfterSeq == 0;
    }
}

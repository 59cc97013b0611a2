package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import java.time.InstantSource;

/**
 * Where a {@link ModelRegistry} journals its stage changes. The registry records every change
 * in its own history table in any case; an audit adds it to a hash-chained {@link Journal}.
 */
@FunctionalInterface
public interface RegistryAudit {

    /**
     * Records a stage change before the registry commits it (write-ahead).
     *
     * @throws dev.sextant.trading.live.JournalException if it cannot be recorded; the registry then leaves the stage as it was
     */
    void record(JournalEvent.ModelStageChanged change);

    /** No journal: the registry's history table only. */
    static RegistryAudit none() {
        return change -> {
        };
    }

    /** Appends each change durably to {@code journal}, timed by {@code clock}. The caller closes the journal. */
    static RegistryAudit journal(Journal journal, InstantSource clock) {
        Checks.notNull(journal, "journal");
        Checks.notNull(clock, "clock");
        return change -> journal.appendDurably(change, clock.instant());
    }
}

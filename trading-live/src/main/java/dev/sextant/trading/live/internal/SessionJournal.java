package dev.sextant.trading.live.internal;

import dev.sextant.trading.core.Clock;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalException;
import dev.sextant.trading.live.JournalRecord;
import java.util.List;

/**
 * Where a session writes its events. During recovery the session re-executes the journal's
 * inputs, and every event it produces is compared with the next journaled one instead of being
 * appended; once the journaled records are used up (the crash point), it appends from there on.
 * That is how a torn-off tail (events the crashed run produced but never committed) is
 * re-created exactly once. Not thread-safe: the session calls it under its lock.
 */
public final class SessionJournal {
    private final Journal journal;
    private final Clock clock;
    private final List<JournalRecord> replay;
    private int cursor;
    private long appendedDuringRecovery;
    private long matched;
    private boolean recovering;

    /**
     * @param journal the journal
     * @param clock   the session clock (record times)
     * @param replay  the records to re-create, in order (empty for a fresh journal)
     */
    public SessionJournal(Journal journal, Clock clock, List<JournalRecord> replay) {
        this.journal = journal;
        this.clock = clock;
        this.replay = List.copyOf(replay);
        this.recovering = true;
    }

    /**
     * Whether {@code event} is session bookkeeping that re-execution does not re-create: a stage
     * change is, unless the session itself made it (actor {@link JournalEvent.ModelStageChanged#SESSION}).
     */
    static boolean isBookkeeping(JournalEvent event) {
        return event instanceof JournalEvent.SessionStarted || event instanceof JournalEvent.SessionStopped
                || event instanceof JournalEvent.ReconciliationDifference || event instanceof JournalEvent.TradeConsumed
                || event instanceof JournalEvent.ModelStageChanged m && !m.actor().equals(JournalEvent.ModelStageChanged.SESSION);
    }

    /** The next journaled record to re-create, skipping bookkeeping; null when none is left. */
    public JournalRecord peek() {
        while (cursor < replay.size() && isBookkeeping(replay.get(cursor).event())) {
            cursor++;
        }
        return cursor < replay.size() ? replay.get(cursor) : null;
    }

    /**
     * Records {@code event}: compared with the next journaled record while re-creating, appended
     * otherwise ({@code durable}: committed before this returns).
     *
     * @return the appended record, or null when it was compared with the journal instead
     * @throws JournalException if re-execution produced something other than what the journal holds
     */
    public JournalRecord emit(JournalEvent event, boolean durable) {
        if (recovering) {
            JournalRecord expected = peek();
            if (expected != null) {
                if (!expected.event().equals(event)) {
                    throw new JournalException("journal " + journal.location() + ": recovery diverged at seq "
                            + expected.seq() + ": the journal holds " + expected.event() + " but re-execution produced "
                            + event + " (were the bundle, the limits, the venue settings or the input changed?)");
                }
                cursor++;
                matched++;
                return null;
            }
            appendedDuringRecovery++;
        }
        return durable ? journal.appendDurably(event, clock.now()) : journal.append(event, clock.now());
    }

    /**
     * The journaled records not yet re-created, bookkeeping included, oldest first (an
     * unmodifiable view; empty once recovery has used them up or ended).
     */
    public List<JournalRecord> remaining() {
        return recovering ? replay.subList(cursor, replay.size()) : List.of();
    }

    /** Journaled records re-created (compared) so far. */
    public long matched() {
        return matched;
    }

    /** Ends re-creation: from now on every event is appended. */
    public void endRecovery() {
        recovering = false;
    }

    /** Whether the session is re-creating journaled records. */
    public boolean recovering() {
        return recovering;
    }

    /** Events appended during recovery because the crashed run had not committed them. */
    public long appendedDuringRecovery() {
        return appendedDuringRecovery;
    }

    /** Commits buffered records. */
    public void flush() {
        journal.flush();
    }
}

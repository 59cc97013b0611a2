package dev.sextant.trading.live;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import java.time.Instant;

/**
 * A part of a {@link TradingSession} that sees every bar after the session has decided on it:
 * shadow challengers, scheduled retraining, a rollback policy
 * ({@link dev.sextant.trading.live.registry}). Called on the session's thread under its lock,
 * also while recovery re-executes the journal, so everything a component journals must follow
 * from the bars alone: recovery compares it with the journaled events, and a difference is a
 * {@link JournalException}. A component must return quickly; slow work (training) goes to its own
 * threads, and nothing it does there may journal through the context.
 */
public interface SessionComponent {

    /**
     * The session decided on {@code bar} of {@code instrument}.
     *
     * @param context the session's journal and clock, valid during this call only
     */
    void onBar(Instrument instrument, TimeFrame frame, Bar bar, Context context);

    /** What a component may use during {@link #onBar}. */
    interface Context {

        /**
         * Journals {@code event} in the session's journal ({@code durable}: committed before this
         * returns); during recovery it is compared with the journaled event instead.
         *
         * @throws JournalException if the journal fails or recovery diverges
         */
        void journal(JournalEvent event, boolean durable);

        /** Whether the session is re-executing its journal (side effects outside the journal must be skipped). */
        boolean recovering();

        /** The session clock's time. */
        Instant now();

        /**
         * While recovering, the next journaled event that re-execution will compare with (what the
         * crashed run did next), so that a component whose input is outside the journal's bars (a
         * registry) can repeat what it journaled; empty when not recovering or past the journal's end.
         */
        default java.util.Optional<JournalEvent> nextJournaled() {
            return java.util.Optional.empty();
        }
    }
}

package dev.sextant.trading.live.registry;

import dev.sextant.trading.core.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * One stage change in a registry's history: who or what moved which version, and why.
 *
 * @param seq     position in the registry's history, 1, 2, ...
 * @param version the version moved
 * @param from    its stage before; empty for a registration
 * @param to      its stage after
 * @param move    the kind of change
 * @param actor   who or what made it (an operator, {@code retraining}, {@code rollback-policy})
 * @param reason  why; may be empty
 * @param at      when (wall clock)
 */
public record StageChange(long seq, long version, Optional<Stage> from, Stage to, Move move, String actor, String reason,
        Instant at) {

    /** Validates every field. */
    public StageChange {
        Checks.positive(seq, "seq");
        Checks.positive(version, "version");
        Checks.notNull(from, "from");
        Checks.notNull(to, "to");
        Checks.notNull(move, "move");
        Checks.notBlank(actor, "actor");
        Checks.notNull(reason, "reason");
        Checks.notNull(at, "at");
    }
}

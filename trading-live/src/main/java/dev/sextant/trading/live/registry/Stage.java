package dev.sextant.trading.live.registry;

/**
 * Where a model version is in its life: registered ({@link #CANDIDATE}), running in shadow
 * ({@link #CHALLENGER}), trading ({@link #CHAMPION}), or out of use ({@link #RETIRED}). The legal
 * moves between stages are in one table, {@link StageTable}.
 */
public enum Stage {
    /** Registered, not yet running anywhere. */
    CANDIDATE,
    /** Runs in shadow next to the champion: its signals are journaled, never traded. */
    CHALLENGER,
    /** Trades. A registry has at most one champion. */
    CHAMPION,
    /** Out of use; a former champion may be restored by a rollback. */
    RETIRED
}

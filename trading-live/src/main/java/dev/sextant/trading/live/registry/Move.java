package dev.sextant.trading.live.registry;

/** The kinds of stage change a {@link ModelRegistry} makes; {@link StageTable} says which are legal from which stage. */
public enum Move {
    /** Registration: a new version enters as a candidate. */
    REGISTER,
    /** Promotion to the next stage asked for (challenger or champion). */
    PROMOTE,
    /** Taken out of use by an operator. */
    RETIRE,
    /** The champion, replaced by the promotion of another version. */
    DISPLACE,
    /** The champion, demoted by a rollback. */
    ROLL_BACK,
    /** The previous champion, restored by a rollback. */
    RESTORE
}

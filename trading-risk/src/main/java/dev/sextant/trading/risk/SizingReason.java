package dev.sextant.trading.risk;

/** Why the sizer proposed the quantity it did. */
public enum SizingReason {
    /** Sized by the method, within every limit. */
    SIZED,
    /** Sized, then reduced to the headroom the risk limits leave. */
    CAPPED_BY_LIMITS,
    /** The signal is HOLD. */
    HOLD_SIGNAL,
    /** The method gave a zero fraction (low confidence, no Kelly edge, unknown volatility). */
    METHOD_GAVE_ZERO,
    /** The position (with working orders) is already at or beyond the target. */
    AT_TARGET,
    /** The expected edge after costs is below the minimum. */
    EDGE_BELOW_MINIMUM,
    /** The risk limits leave no room on this side. */
    NO_HEADROOM,
    /** The quantity rounds to less than one lot. */
    BELOW_LOT_SIZE
}

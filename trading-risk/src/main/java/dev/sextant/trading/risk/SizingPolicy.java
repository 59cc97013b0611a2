package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;

/**
 * How signals are sized.
 *
 * @param method      the sizing rule
 * @param minEdgeBps  the smallest expected edge after round-trip costs, in basis points of
 *                    notional, for which a signal is traded; non-negative; default 20
 * @param allowShort  whether a SELL signal may open or extend a short (true) or only reduce a
 *                    long (false)
 */
public record SizingPolicy(SizingMethod method, double minEdgeBps, boolean allowShort) {

    /** The default minimum edge after costs: 20 basis points. */
    public static final double DEFAULT_MIN_EDGE_BPS = 20;

    /** Validates the fields. */
    public SizingPolicy {
        Checks.notNull(method, "method");
        Checks.nonNegative(minEdgeBps, "minEdgeBps");
    }

    /** {@code method} with the default minimum edge, shorts allowed. */
    public static SizingPolicy of(SizingMethod method) {
        return new SizingPolicy(method, DEFAULT_MIN_EDGE_BPS, true);
    }
}

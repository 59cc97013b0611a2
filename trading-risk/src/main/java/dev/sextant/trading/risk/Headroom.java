package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Side;

/**
 * How much more an instrument may trade right now: the largest buy and sell quantities the
 * built-in checks would approve without resizing (the order-stream checks, which depend on the
 * order itself, are left out), with the position they start from. {@link PositionSizer} caps its
 * proposals by these figures.
 *
 * @param instrument      the instrument
 * @param equity          current equity
 * @param position        filled position, signed
 * @param pendingBuy      working buy quantity
 * @param pendingSell     working sell quantity
 * @param maxBuyQuantity  largest approvable buy, in base units (0 if none, {@code +Infinity} if unlimited)
 * @param maxSellQuantity largest approvable sell, in base units
 */
public record Headroom(Instrument instrument, double equity, double position, double pendingBuy, double pendingSell,
        double maxBuyQuantity, double maxSellQuantity) {

    /** Validates the fields. */
    public Headroom {
        Checks.notNull(instrument, "instrument");
        Checks.finite(equity, "equity");
        Checks.finite(position, "position");
        Checks.nonNegative(pendingBuy, "pendingBuy");
        Checks.nonNegative(pendingSell, "pendingSell");
        if (!(maxBuyQuantity >= 0)) {
            throw new IllegalArgumentException("maxBuyQuantity must be non-negative but was " + maxBuyQuantity);
        }
        if (!(maxSellQuantity >= 0)) {
            throw new IllegalArgumentException("maxSellQuantity must be non-negative but was " + maxSellQuantity);
        }
    }

    /** The position expected once every working order fills: position + pendingBuy - pendingSell. */
    public double projectedPosition() {
        return position + pendingBuy - pendingSell;
    }

    /** The largest approvable quantity on {@code side}. */
    public double maxQuantity(Side side) {
        return side == Side.BUY ? maxBuyQuantity : maxSellQuantity;
    }
}

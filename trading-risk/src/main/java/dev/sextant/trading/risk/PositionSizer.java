package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TradeCost;

/**
 * Turns a calibrated signal into an order quantity.
 *
 * <ol>
 *   <li>HOLD trades nothing. BUY aims at a long position of {@code fraction * equity / price}
 *       and SELL at the matching short (or at flat when shorts are not allowed), with the
 *       fraction from the {@link SizingMethod}.</li>
 *   <li>The order is the difference between that target and the projected position (filled plus
 *       working orders), in the signal's direction only: a BUY never sells.</li>
 *   <li>It is capped at the {@link Headroom} the risk limits leave and rounded down to the
 *       instrument's lot size, so the proposal passes the size checks as they stand.</li>
 *   <li>The expected edge, {@code P(direction) * W - P(opposite) * L} minus the round-trip cost
 *       fraction from the {@link CostModel} (spread, commission, square-root impact at the
 *       proposed quantity), must reach {@link SizingPolicy#minEdgeBps()}.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe.
 */
public final class PositionSizer {
    private final SizingPolicy policy;
    private final CostModel costs;

    /**
     * A sizer.
     *
     * @param policy the sizing rule, minimum edge and short policy
     * @param costs  the cost model for the edge after costs
     */
    public PositionSizer(SizingPolicy policy, CostModel costs) {
        this.policy = Checks.notNull(policy, "policy");
        this.costs = Checks.notNull(costs, "costs");
    }

    /** The policy. */
    public SizingPolicy policy() {
        return policy;
    }

    /**
     * Sizes {@code signal}.
     *
     * @param signal   the calibrated signal
     * @param inputs   price, payoff and volatility estimates for the instrument
     * @param headroom the risk engine's {@link RiskEngine#headroom} for the instrument
     * @throws IllegalArgumentException if the headroom is for another instrument
     */
    public SizingResult size(Signal signal, SizingInputs inputs, Headroom headroom) {
        Checks.notNull(signal, "signal");
        Checks.notNull(inputs, "inputs");
        Checks.notNull(headroom, "headroom");
        Instrument instrument = signal.instrument();
        if (!headroom.instrument().equals(instrument)) {
            throw new IllegalArgumentException("headroom is for " + headroom.instrument().id() + " but the signal is for "
                    + instrument.id());
        }
        if (signal.direction() == Direction.HOLD) {
            return new SizingResult(instrument, 0, headroom.projectedPosition(), 0, Double.NaN, SizingReason.HOLD_SIGNAL);
        }
        int sign = signal.direction().sign();
        double fraction = policy.method().targetFraction(signal, inputs);
        double projected = headroom.projectedPosition();
        if (!(fraction > 0)) {
            return new SizingResult(instrument, 0, projected, 0, Double.NaN, SizingReason.METHOD_GAVE_ZERO);
        }
        double equity = Math.max(0, headroom.equity());
        double target = sign > 0 || policy.allowShort() ? sign * fraction * equity / inputs.price() : 0;
        double wanted = sign > 0 ? target - projected : projected - target;
        if (wanted <= 0) {
            return new SizingResult(instrument, 0, target, fraction, Double.NaN, SizingReason.AT_TARGET);
        }
        double allowed = headroom.maxQuantity(sign > 0 ? Side.BUY : Side.SELL);
        boolean capped = allowed < wanted;
        if (allowed <= 0) {
            return new SizingResult(instrument, 0, target, fraction, Double.NaN, SizingReason.NO_HEADROOM);
        }
        double quantity = instrument.roundQuantity(Math.min(wanted, allowed));
        if (quantity <= 0) {
            return new SizingResult(instrument, 0, target, fraction, Double.NaN, SizingReason.BELOW_LOT_SIZE);
        }
        double edgeBps = edgeBps(signal, inputs, quantity);
        if (edgeBps < policy.minEdgeBps()) {
            return new SizingResult(instrument, 0, target, fraction, edgeBps, SizingReason.EDGE_BELOW_MINIMUM);
        }
        return new SizingResult(instrument, sign * quantity, target, fraction, edgeBps,
                capped ? SizingReason.CAPPED_BY_LIMITS : SizingReason.SIZED);
    }

    /**
     * The expected edge of trading {@code quantity} on {@code signal}, after round-trip costs,
     * in basis points of notional.
     */
    public double edgeBps(Signal signal, SizingInputs inputs, double quantity) {
        Checks.positive(quantity, "quantity");
        double pWin = signal.probabilities().of(signal.direction());
        double pLose = signal.probabilities().of(signal.direction() == Direction.BUY ? Direction.SELL : Direction.BUY);
        double gross = pWin * inputs.expectedWin() - pLose * inputs.expectedLoss();
        double vol = Double.isNaN(inputs.dailyVolatility()) ? 0 : inputs.dailyVolatility();
        TradeCost one = costs.cost(quantity, inputs.price(), vol, inputs.averageDailyVolume());
        double roundTrip = 2 * one.total() / (quantity * inputs.price());
        return (gross - roundTrip) * 10_000;
    }
}

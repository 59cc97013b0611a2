package dev.sextant.trading.core;

/**
 * Transaction costs of a trade: spread, commission and square-root market impact.
 *
 * <ul>
 *   <li>spread = quantity * price * {@code spreadBps} / 2 / 10,000 (half the quoted spread,
 *       paid on each crossing);</li>
 *   <li>commission = max({@code minCommission}, notional * {@code commissionBps} / 10,000 +
 *       quantity * {@code commissionPerUnit});</li>
 *   <li>impact = {@code impactCoefficient} * {@code volatility} * sqrt(quantity / {@code
 *       dailyVolume}) * notional (the square-root law; zero when the volume is unknown or the
 *       coefficient is 0).</li>
 * </ul>
 * The same model serves sizing (expected cost before trading), the paper broker (spread and
 * impact move the fill price, commission is charged as the fee) and backtests.
 *
 * @param spreadBps         full quoted spread in basis points of price, non-negative
 * @param commissionBps     commission in basis points of notional, non-negative
 * @param commissionPerUnit commission per unit traded, non-negative
 * @param minCommission     minimum commission per trade, non-negative
 * @param impactCoefficient square-root impact coefficient (typically 0.1 to 1), non-negative
 */
public record CostModel(
        double spreadBps, double commissionBps, double commissionPerUnit, double minCommission,
        double impactCoefficient) {

    /** No costs at all; useful only to measure what costs take away. */
    public static final CostModel ZERO = new CostModel(0, 0, 0, 0, 0);

    /** Validates every parameter. */
    public CostModel {
        Checks.nonNegative(spreadBps, "spreadBps");
        Checks.nonNegative(commissionBps, "commissionBps");
        Checks.nonNegative(commissionPerUnit, "commissionPerUnit");
        Checks.nonNegative(minCommission, "minCommission");
        Checks.nonNegative(impactCoefficient, "impactCoefficient");
    }

    /** Spread and commission in basis points, no per-unit fee, minimum or impact. */
    public static CostModel ofBps(double spreadBps, double commissionBps) {
        return new CostModel(spreadBps, commissionBps, 0, 0, 0);
    }

    /**
     * The cost of trading {@code quantity} at {@code price}.
     *
     * @param quantity    units traded, non-negative
     * @param price       reference price, positive
     * @param volatility  daily volatility of returns as a fraction (e.g. 0.02), or 0 if unknown
     * @param dailyVolume typical daily volume in units, or 0 if unknown (no impact then)
     */
    public TradeCost cost(double quantity, double price, double volatility, double dailyVolume) {
        Checks.nonNegative(quantity, "quantity");
        Checks.positive(price, "price");
        Checks.nonNegative(volatility, "volatility");
        Checks.nonNegative(dailyVolume, "dailyVolume");
        if (quantity == 0) {
            return new TradeCost(0, 0, 0);
        }
        double notional = quantity * price;
        double spread = notional * spreadBps / 2 / 10_000;
        double commission = Math.max(minCommission, notional * commissionBps / 10_000 + quantity * commissionPerUnit);
        double impact = dailyVolume > 0 && impactCoefficient > 0
                ? impactCoefficient * volatility * Math.sqrt(quantity / dailyVolume) * notional
                : 0;
        return new TradeCost(spread, commission, impact);
    }

    /** Cost as a fraction of notional for a round trip (in and out) without impact. */
    public double roundTripFraction(double quantity, double price) {
        TradeCost c = cost(quantity, price, 0, 0);
        return 2 * c.total() / (quantity * price);
    }
}

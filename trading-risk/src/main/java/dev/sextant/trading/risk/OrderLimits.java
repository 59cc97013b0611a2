package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import java.util.Map;

/**
 * Limits on single orders and on the order stream (the market-access controls of SEC 15c3-5 and
 * MiFID II RTS 6 article 15). They apply to every order, risk-reducing ones included.
 *
 * @param priceCollarFraction          how far a limit price may be from the last price on the
 *                                     aggressive side, as a fraction of it; in (0, 1]; default 0.05
 * @param maxOrderQuantity             largest order quantity in base units for instruments without
 *                                     an entry below; positive, {@code +Infinity} for none (default)
 * @param maxOrderQuantityByInstrument per-instrument maximum order quantity, keyed by instrument
 *                                     id ({@code SYMBOL@VENUE}) or symbol; values positive
 * @param maxOrderValue                largest order value in quote currency; positive,
 *                                     {@code +Infinity} for none (default)
 * @param maxOrderValueFraction        largest order value as a fraction of equity; positive,
 *                                     {@code +Infinity} for none; default 0.10
 * @param maxOrdersPerWindow           most orders approved in any rate window; positive; default 50
 * @param orderRateWindowMillis        rate window in milliseconds; positive; default 1,000
 * @param maxRepeatedOrders            most orders on one instrument and side in the repeat window;
 *                                     positive; default 10
 * @param repeatedOrderWindowMillis    repeat window in milliseconds; positive; default 60,000
 * @param duplicateWindowMillis        an order identical to the previous one on the instrument
 *                                     (side, quantity, type, prices) within this many milliseconds
 *                                     is a duplicate; 0 checks only client order ids; default 1,000
 * @param maxMarkAgeMillis             oldest acceptable mark price for a risk-increasing order, in
 *                                     milliseconds; positive; default 300,000
 */
public record OrderLimits(
        double priceCollarFraction, double maxOrderQuantity, Map<String, Double> maxOrderQuantityByInstrument,
        double maxOrderValue, double maxOrderValueFraction, int maxOrdersPerWindow, long orderRateWindowMillis,
        int maxRepeatedOrders, long repeatedOrderWindowMillis, long duplicateWindowMillis, long maxMarkAgeMillis) {

    /** The defaults listed above. */
    public static final OrderLimits DEFAULTS = new OrderLimits(0.05, Double.POSITIVE_INFINITY, Map.of(),
            Double.POSITIVE_INFINITY, 0.10, 50, 1_000, 10, 60_000, 1_000, 300_000);

    /** Validates every field and copies the map. */
    public OrderLimits {
        Limit.fraction(priceCollarFraction, "priceCollarFraction");
        Limit.positiveOrUnlimited(maxOrderQuantity, "maxOrderQuantity");
        maxOrderQuantityByInstrument = Map.copyOf(Checks.notNull(maxOrderQuantityByInstrument,
                "maxOrderQuantityByInstrument"));
        maxOrderQuantityByInstrument.forEach((k, v) -> Limit.positiveOrUnlimited(v, "maxOrderQuantityByInstrument[" + k + "]"));
        Limit.positiveOrUnlimited(maxOrderValue, "maxOrderValue");
        Limit.positiveOrUnlimited(maxOrderValueFraction, "maxOrderValueFraction");
        Checks.positive(maxOrdersPerWindow, "maxOrdersPerWindow");
        Checks.positive(orderRateWindowMillis, "orderRateWindowMillis");
        Checks.positive(maxRepeatedOrders, "maxRepeatedOrders");
        Checks.positive(repeatedOrderWindowMillis, "repeatedOrderWindowMillis");
        Limit.nonNegative(duplicateWindowMillis, "duplicateWindowMillis");
        Checks.positive(maxMarkAgeMillis, "maxMarkAgeMillis");
    }
}

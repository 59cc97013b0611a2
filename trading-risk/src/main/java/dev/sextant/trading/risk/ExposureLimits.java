package dev.sextant.trading.risk;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Checks;
import java.util.Map;

/**
 * Limits on positions and exposure, as fractions of current equity unless stated otherwise.
 * Exposure is measured at mark prices and counts working orders as if they filled (the worst
 * case on each side), so an order counts from the moment it is approved.
 *
 * @param maxPositionFraction    largest position in one instrument; positive; default 0.05
 * @param maxGrossExposure       largest gross exposure in quote currency; positive,
 *                               {@code +Infinity} for none (default)
 * @param maxLeverage            largest gross exposure divided by equity; positive; default 1.0
 * @param maxNetExposureFraction largest absolute net exposure; positive; default 1.0
 * @param maxConcurrentPositions most instruments with a position or working order; positive;
 *                               default 10
 * @param sectors                sector of each instrument, keyed by instrument id
 *                               ({@code SYMBOL@VENUE}) or symbol; instruments not listed have no
 *                               sector
 * @param maxSectorFraction      largest gross exposure per sector name; values positive
 * @param maxAssetClassFraction  largest gross exposure per asset class; values positive
 */
public record ExposureLimits(
        double maxPositionFraction, double maxGrossExposure, double maxLeverage, double maxNetExposureFraction,
        int maxConcurrentPositions, Map<String, String> sectors, Map<String, Double> maxSectorFraction,
        Map<AssetClass, Double> maxAssetClassFraction) {

    /** The defaults listed above. */
    public static final ExposureLimits DEFAULTS = new ExposureLimits(0.05, Double.POSITIVE_INFINITY, 1.0, 1.0, 10,
            Map.of(), Map.of(), Map.of());

    /** Validates every field and copies the maps. */
    public ExposureLimits {
        Limit.positiveOrUnlimited(maxPositionFraction, "maxPositionFraction");
        Limit.positiveOrUnlimited(maxGrossExposure, "maxGrossExposure");
        Limit.positiveOrUnlimited(maxLeverage, "maxLeverage");
        Limit.positiveOrUnlimited(maxNetExposureFraction, "maxNetExposureFraction");
        Checks.positive(maxConcurrentPositions, "maxConcurrentPositions");
        sectors = Map.copyOf(Checks.notNull(sectors, "sectors"));
        sectors.forEach((k, v) -> Checks.notBlank(v, "sectors[" + k + "]"));
        maxSectorFraction = Map.copyOf(Checks.notNull(maxSectorFraction, "maxSectorFraction"));
        maxSectorFraction.forEach((k, v) -> Limit.positiveOrUnlimited(v, "maxSectorFraction[" + k + "]"));
        maxAssetClassFraction = Map.copyOf(Checks.notNull(maxAssetClassFraction, "maxAssetClassFraction"));
        maxAssetClassFraction.forEach((k, v) -> Limit.positiveOrUnlimited(v, "maxAssetClassFraction[" + k + "]"));
    }
}

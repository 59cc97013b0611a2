package dev.sextant.trading.risk;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import java.time.Instant;
import java.util.Map;

/**
 * A consistent view of the risk state at one moment, taken under the engine's lock. Money in
 * quote currency; exposures at mark prices.
 *
 * @param time                  engine clock time of the snapshot
 * @param cash                  cash after fills and fees
 * @param equity                cash plus positions at mark
 * @param highWaterMark         highest equity seen
 * @param drawdown              (high-water mark - equity) / high-water mark, 0 when at the mark
 * @param startOfDayEquity      equity when the current session started
 * @param dailyPnl              equity - start-of-day equity
 * @param grossExposure         sum of |position value| of filled positions
 * @param netExposure           sum of signed position values of filled positions
 * @param leverage              gross exposure / equity (NaN if equity is not positive)
 * @param worstCaseGross        gross exposure counting working orders as filled: what the limits see
 * @param valueAtRisk           one-day VaR the VaR check sees (sum over instruments, working orders
 *                              included), quote currency
 * @param openPositions         instruments with a non-flat position
 * @param workingOrders         approved orders not yet filled or closed
 * @param exposureByInstrument  signed position value per instrument with a position
 * @param exposureBySector      gross position value per configured sector
 * @param exposureByAssetClass  gross position value per asset class with a position
 * @param killSwitchTripped     whether the kill switch is tripped
 */
public record RiskSnapshot(
        Instant time, double cash, double equity, double highWaterMark, double drawdown, double startOfDayEquity,
        double dailyPnl, double grossExposure, double netExposure, double leverage, double worstCaseGross,
        double valueAtRisk, int openPositions, int workingOrders, Map<Instrument, Double> exposureByInstrument,
        Map<String, Double> exposureBySector, Map<AssetClass, Double> exposureByAssetClass, boolean killSwitchTripped) {

    /** Validates the non-numeric fields and copies the maps. */
    public RiskSnapshot {
        Checks.notNull(time, "time");
        exposureByInstrument = Map.copyOf(Checks.notNull(exposureByInstrument, "exposureByInstrument"));
        exposureBySector = Map.copyOf(Checks.notNull(exposureBySector, "exposureBySector"));
        exposureByAssetClass = Map.copyOf(Checks.notNull(exposureByAssetClass, "exposureByAssetClass"));
    }
}

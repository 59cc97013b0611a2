package dev.sextant.trading.service;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import java.time.Instant;
import java.util.OptionalDouble;

/**
 * The answer to a signal request: the body of {@code POST /api/v1/signal}.
 *
 * @param symbol         the symbol asked about
 * @param direction      SELL, HOLD or BUY: the most probable class
 * @param confidence     the model's confidence in [0, 1] (its own output, else the probability of
 *                       the direction)
 * @param probabilities  calibrated SELL/HOLD/BUY probabilities
 * @param suggestedSize  signed quantity the position sizer proposes to trade from a flat position
 *                       (positive buy, negative sell, 0 nothing), after the risk limits'
 *                       headroom and lot rounding
 * @param maxRisk        the stop distance the sizer priced and the loss it implies
 * @param timestamp      the signal's time: the close of the last bar
 * @param modelVersion   the bundle id and version that produced the signal, {@code id@version}
 */
public record SignalResponse(String symbol, Direction direction, double confidence, ClassProbabilities probabilities,
        double suggestedSize, MaxRisk maxRisk, Instant timestamp, String modelVersion) {

    /** Validates the fields. */
    public SignalResponse {
        Checks.notBlank(symbol, "symbol");
        Checks.notNull(direction, "direction");
        Checks.inRange(confidence, 0, 1, "confidence");
        Checks.notNull(probabilities, "probabilities");
        Checks.finite(suggestedSize, "suggestedSize");
        Checks.notNull(maxRisk, "maxRisk");
        Checks.notNull(timestamp, "timestamp");
        Checks.notBlank(modelVersion, "modelVersion");
    }

    /**
     * What a losing trade on the suggestion costs when it is stopped out. The stop distance is the
     * expected loss per unit the sizer priced the trade with, the larger of the pipeline's
     * minimum expected move and the standard deviation of the last one-bar log returns, as a
     * price distance from the last close.
     *
     * @param stopFraction  the stop distance as a fraction of the last close
     * @param stopDistance  the stop distance in price units
     * @param stopPrice     the stop price: last close minus the distance for a buy, plus it for a
     *                      sell; empty when nothing is suggested
     * @param loss          |suggested size| x stop distance, quote currency (0 when nothing is suggested)
     */
    public record MaxRisk(double stopFraction, double stopDistance, OptionalDouble stopPrice, double loss) {
        /** Validates the fields. */
        public MaxRisk {
            Checks.positive(stopFraction, "stopFraction");
            Checks.positive(stopDistance, "stopDistance");
            Checks.notNull(stopPrice, "stopPrice");
            Checks.nonNegative(loss, "loss");
        }
    }
}

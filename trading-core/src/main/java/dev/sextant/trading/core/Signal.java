package dev.sextant.trading.core;

import java.time.Instant;

/**
 * A calibrated trading signal for one instrument at one time, traceable to the model that
 * produced it.
 *
 * @param instrument    the instrument the signal is for
 * @param time          the close time of the last bar the signal saw
 * @param direction     the traded direction
 * @param probabilities calibrated class probabilities, SELL/HOLD/BUY
 * @param confidence    confidence in [0, 1] (by default the probability of {@code direction},
 *                      or a model's own confidence head)
 * @param modelId       id of the model or bundle, not blank
 * @param modelVersion  version of the model or bundle, not blank
 */
public record Signal(
        Instrument instrument, Instant time, Direction direction, ClassProbabilities probabilities,
        double confidence, String modelId, String modelVersion) {

    /** Validates every field. */
    public Signal {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(time, "time");
        Checks.notNull(direction, "direction");
        Checks.notNull(probabilities, "probabilities");
        Checks.inRange(confidence, 0, 1, "confidence");
        Checks.notBlank(modelId, "modelId");
        Checks.notBlank(modelVersion, "modelVersion");
    }

    /** A HOLD signal with all probability on HOLD, for a model that could not produce one. */
    public static Signal hold(Instrument instrument, Instant time, String modelId, String modelVersion) {
        return new Signal(instrument, time, Direction.HOLD, new ClassProbabilities(0, 1, 0), 1.0,
                modelId, modelVersion);
    }
}

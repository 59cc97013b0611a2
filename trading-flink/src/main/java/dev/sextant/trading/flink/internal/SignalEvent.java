package dev.sextant.trading.flink.internal;

import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.flink.InstrumentBar;
import java.time.Instant;

/**
 * What the signal stage hands the account stage for one bar: the bar and the signal source's
 * answer in a flat, serialisable form from which the exact {@link SignalResult} is rebuilt.
 *
 * @param bar          the bar
 * @param outcome      the answer's case
 * @param direction    the signal's direction ({@code HOLD} when there is no signal)
 * @param sell         probability of SELL (0 without a signal)
 * @param hold         probability of HOLD
 * @param buy          probability of BUY
 * @param confidence   the signal's confidence
 * @param modelId      the signal's model id ("" without a signal)
 * @param modelVersion the signal's model version ("" without a signal)
 * @param distance     for {@link Outcome#OUT_OF_DISTRIBUTION}, the feature vector's distance to the
 *                     training data, else 0
 * @param threshold    for {@link Outcome#OUT_OF_DISTRIBUTION}, the calibrated threshold, else 0
 * @param error        the failure's text for {@link Outcome#FAILED}, else ""
 */
public record SignalEvent(InstrumentBar bar, Outcome outcome, Direction direction, double sell, double hold, double buy,
        double confidence, String modelId, String modelVersion, double distance, double threshold, String error) {

    /** The cases of a signal source's answer that the job carries. */
    public enum Outcome {
        /** {@link SignalResult.WarmingUp}. */
        WARMING_UP,
        /** {@link SignalResult.NoPrediction}. */
        NO_PREDICTION,
        /** {@link SignalResult.Ready}. */
        READY,
        /** {@link SignalResult.OutOfDistribution}: the signal is the suppressed one. */
        OUT_OF_DISTRIBUTION,
        /** The source threw; the account stage's pipeline records a model failure. */
        FAILED
    }

    /** The event for {@code result} on {@code bar}. */
    public static SignalEvent of(InstrumentBar bar, SignalResult result) {
        return switch (result) {
            case SignalResult.WarmingUp w -> none(bar, Outcome.WARMING_UP, "");
            case SignalResult.NoPrediction n -> none(bar, Outcome.NO_PREDICTION, "");
            case SignalResult.Ready r -> signal(bar, Outcome.READY, r.signal(), 0, 0);
            case SignalResult.OutOfDistribution o -> signal(bar, Outcome.OUT_OF_DISTRIBUTION, o.suppressed(),
                    o.distance(), o.threshold());
        };
    }

    private static SignalEvent signal(InstrumentBar bar, Outcome outcome, Signal s, double distance, double threshold) {
        ClassProbabilities p = s.probabilities();
        return new SignalEvent(bar, outcome, s.direction(), p.sell(), p.hold(), p.buy(), s.confidence(), s.modelId(),
                s.modelVersion(), distance, threshold, "");
    }

    /** The event for a signal source that threw {@code error} on {@code bar}. */
    public static SignalEvent failed(InstrumentBar bar, RuntimeException error) {
        return none(bar, Outcome.FAILED, error.toString());
    }

    private static SignalEvent none(InstrumentBar bar, Outcome outcome, String error) {
        return new SignalEvent(bar, outcome, Direction.HOLD, 0, 0, 0, 0, "", "", 0, 0, error);
    }

    /**
     * The signal source's answer, as it was.
     *
     * @throws IllegalStateException for {@link Outcome#FAILED}, with the original failure's text
     */
    public SignalResult result() {
        return switch (outcome) {
            case WARMING_UP -> SignalResult.warmingUp();
            case NO_PREDICTION -> SignalResult.noPrediction();
            case READY -> SignalResult.of(signal());
            case OUT_OF_DISTRIBUTION -> new SignalResult.OutOfDistribution(signal(), distance, threshold);
            case FAILED -> throw new IllegalStateException(error);
        };
    }

    private Signal signal() {
        return new Signal(bar.instrument(), Instant.ofEpochMilli(bar.closeTime()), direction,
                new ClassProbabilities(sell, hold, buy), confidence, modelId, modelVersion);
    }
}

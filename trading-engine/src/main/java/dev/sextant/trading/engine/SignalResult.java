package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Signal;

/**
 * What a {@link SignalSource} has to say about one closed bar: a signal, or why there is none.
 * Failures are not results: a source throws, and the pipeline reports
 * {@link Decision.ModelFailed}.
 */
public sealed interface SignalResult permits SignalResult.Ready, SignalResult.WarmingUp, SignalResult.NoPrediction,
        SignalResult.OutOfDistribution {

    /** A signal for {@code signal}. */
    static SignalResult of(Signal signal) {
        return new Ready(signal);
    }

    /** The source is still warming up (features or the model's input window not yet defined). */
    static SignalResult warmingUp() {
        return WarmingUp.INSTANCE;
    }

    /** The source has no prediction for this bar (e.g. precomputed predictions do not cover it). */
    static SignalResult noPrediction() {
        return NoPrediction.INSTANCE;
    }

    /**
     * A signal.
     *
     * @param signal the signal, stamped at the bar's close time
     */
    record Ready(Signal signal) implements SignalResult {
        /** Validates. */
        public Ready {
            Checks.notNull(signal, "signal");
        }
    }

    /**
     * A signal that must not be traded because the bar's feature vector is out of distribution;
     * the pipeline reports {@link Decision.OutOfDistribution}.
     *
     * @param suppressed the model's signal, stamped at the bar's close time
     * @param distance   the feature vector's distance to the training data, finite
     * @param threshold  the calibrated threshold, finite and below {@code distance}
     */
    record OutOfDistribution(Signal suppressed, double distance, double threshold) implements SignalResult {
        /** Validates. */
        public OutOfDistribution {
            Checks.notNull(suppressed, "suppressed");
            Checks.finite(distance, "distance");
            Checks.finite(threshold, "threshold");
            if (!(distance > threshold)) {
                throw new IllegalArgumentException("out of distribution needs a distance above the threshold but got "
                        + distance + " <= " + threshold);
            }
        }
    }

    /** Warming up: the features or the model's input window are not yet defined. */
    record WarmingUp() implements SignalResult {
        static final WarmingUp INSTANCE = new WarmingUp();
    }

    /** No prediction for this bar, although the source is not warming up. */
    record NoPrediction() implements SignalResult {
        static final NoPrediction INSTANCE = new NoPrediction();
    }
}

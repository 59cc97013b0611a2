package dev.sextant.trading.engine;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import java.io.DataInput;
import java.io.DataOutput;
import java.time.Instant;
import java.util.Arrays;

/**
 * Signals computed earlier, looked up by bar open time: the out-of-sample predictions of a
 * walk-forward, replayed through the same pipeline that trades live. Bars without a prediction
 * give {@link SignalResult#noPrediction()}. Signals are stamped at the bar's close. Lookups are
 * O(log n) and allocate only the result. It keeps no per-instrument state, so its
 * {@linkplain RestorableSignalSource state} is empty. Not thread-safe.
 */
public final class PrecomputedSignals implements RestorableSignalSource {
    private final long[] times;
    private final double[] probabilities;
    private final String modelId;
    private final String modelVersion;

    /**
     * @param times         strictly increasing bar open times (epoch ms)
     * @param probabilities {@code 3 * times.length} SELL/HOLD/BUY probabilities
     * @param modelId       id stamped on signals
     * @param modelVersion  version stamped on signals
     */
    public PrecomputedSignals(long[] times, double[] probabilities, String modelId, String modelVersion) {
        this.times = times.clone();
        this.probabilities = probabilities.clone();
        if (probabilities.length != 3 * times.length) {
            throw new IllegalArgumentException("need 3 probabilities per time but got " + probabilities.length
                    + " for " + times.length + " times");
        }
        for (int i = 1; i < times.length; i++) {
            if (times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("times must strictly increase at index " + i);
            }
        }
        this.modelId = Checks.notBlank(modelId, "modelId");
        this.modelVersion = Checks.notBlank(modelVersion, "modelVersion");
    }

    /** The calibrated out-of-sample predictions of a walk-forward. */
    public static PrecomputedSignals of(OutOfSamplePredictions p, String modelId) {
        return new PrecomputedSignals(p.time(), p.calibrated(), modelId, "walk-forward");
    }

    /** {@inheritDoc} Always {@code "precomputed"}: there is no per-instrument state. */
    @Override
    public String stateKey() {
        return "precomputed";
    }

    /** Writes nothing: lookups keep no per-instrument state. */
    @Override
    public void writeState(Instrument instrument, DataOutput out) {
        Checks.notNull(instrument, "instrument");
    }

    /** Reads nothing: lookups keep no per-instrument state. */
    @Override
    public void readState(Instrument instrument, DataInput in) {
        Checks.notNull(instrument, "instrument");
    }

    /** Nothing to forget. */
    @Override
    public void forget(Instrument instrument) {
        Checks.notNull(instrument, "instrument");
    }

    @Override
    public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
        int i = Arrays.binarySearch(times, bar.time());
        if (i < 0) {
            return SignalResult.noPrediction();
        }
        ClassProbabilities p = ClassProbabilities.of(probabilities, 3 * i);
        Direction d = p.argmax();
        return SignalResult.of(new Signal(instrument, Instant.ofEpochMilli(bar.time() + timeFrame.millis()), d, p, p.of(d),
                modelId, modelVersion));
    }
}

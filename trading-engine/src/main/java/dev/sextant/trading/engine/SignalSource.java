package dev.sextant.trading.engine;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import java.util.Optional;

/**
 * Where the pipeline's signals come from: a live model ({@link ModelSignalSource}) or signals
 * computed earlier ({@link PrecomputedSignals}). The pipeline calls it once per closed bar, in
 * time order per instrument, on one thread.
 */
public interface SignalSource {

    /**
     * The signal at the close of {@code bar}.
     *
     * <p>A {@link SignalResult.Ready} signal must be for {@code instrument} and stamped at the
     * bar's close time, {@code bar.time() + timeFrame.millis()}; the pipeline reports a signal
     * for another instrument or time as a {@link Decision.ModelFailed}.
     *
     * @param instrument the instrument of the bar
     * @param timeFrame  the bar's time frame (the bar closes at {@code bar.time() + timeFrame.millis()})
     * @param bar        the closed bar; {@link Bar#time()} is its open time
     * @return a signal, or why there is none; never null
     * @throws RuntimeException when the model fails; the pipeline counts it towards the model
     *                          circuit breaker, trades nothing on that bar and reports
     *                          {@link Decision.ModelFailed}
     */
    SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar);

    /**
     * The model input behind the last {@link SignalResult.Ready signal} this source gave for
     * {@code instrument}: the feature vector, or the window of vectors oldest first, exactly as
     * the model read it, so that an audit record can name what the model saw (a live session
     * journals its SHA-256). Empty when the source does not expose its input (the default) or
     * has given no signal for the instrument yet. Called on the pipeline's thread after
     * {@link #onBar}; returns a copy.
     *
     * @param instrument the instrument
     * @return a copy of the model's last input for {@code instrument}, or empty
     */
    default Optional<float[]> lastModelInput(Instrument instrument) {
        return Optional.empty();
    }
}

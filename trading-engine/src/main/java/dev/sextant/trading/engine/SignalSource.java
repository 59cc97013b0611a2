package dev.sextant.trading.engine;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;

/**
 * Where the pipeline's signals come from: a live model ({@link ModelSignalSource}) or signals
 * computed earlier ({@link PrecomputedSignals}). The pipeline calls it once per closed bar, in
 * time order per instrument, on one thread.
 */
public interface SignalSource {

    /**
     * The signal at the close of {@code bar}.
     *
     * @return the signal, or {@code null} while the source is warming up (features undefined)
     * @throws RuntimeException when the model fails; the pipeline counts it towards the model
     *                          circuit breaker and trades nothing on that bar
     */
    Signal onBar(Instrument instrument, Bar bar);
}

package dev.sextant.trading.flink.internal;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;

/**
 * The account stage's signal source: hands the pipeline the answer the instrument stage computed
 * for the bar being decided ({@link #next}). Not thread-safe.
 */
final class HandoffSignals implements SignalSource {
    private SignalEvent next;

    /** The answer for the next {@link #onBar} call. */
    void next(SignalEvent event) {
        this.next = event;
    }

    @Override
    public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
        SignalEvent e = next;
        next = null;
        if (e == null || !e.bar().instrument().equals(instrument) || e.bar().bar().time() != bar.time()) {
            throw new IllegalStateException("no signal handed over for the bar of " + instrument.id() + " at " + bar.time());
        }
        return e.result();
    }
}

package dev.sextant.trading.engine;

import dev.sextant.trading.core.Instrument;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A {@link SignalSource} whose per-instrument state (streaming features, the window of a sequence
 * model) can be saved and restored exactly, so that {@link TradingPipeline#snapshot} can capture
 * an instrument and a keyed stream processor (Flink) can keep it in managed state. Restored into a
 * source with an equal {@link #stateKey()}, the instrument's next signals are bit for bit those
 * the saved source would have given. Same threading as {@link SignalSource}.
 */
public interface RestorableSignalSource extends SignalSource {

    /**
     * What a state must have been saved with to be restored here, e.g. the feature spec's hash
     * and the model's window length; the model itself is not part of it, so a new champion of the
     * same spec and window continues from a state saved with the previous one.
     */
    String stateKey();

    /**
     * Writes {@code instrument}'s exact state (nothing of other instruments).
     *
     * @param instrument the instrument
     * @param out        where to write
     * @throws IllegalStateException if the source keeps state that has no restorable form
     * @throws IOException           from {@code out}
     */
    void writeState(Instrument instrument, DataOutput out) throws IOException;

    /**
     * Replaces {@code instrument}'s state with one written by {@link #writeState} of a source
     * with the same {@link #stateKey()}.
     *
     * @param instrument the instrument
     * @param in         where to read
     * @throws dev.sextant.trading.core.io.StateFormatException if the state is impossible; the
     *                                                          instrument then starts cold
     * @throws IllegalStateException                             if the source keeps state that has
     *                                                           no restorable form
     * @throws IOException                                       from {@code in}
     */
    void readState(Instrument instrument, DataInput in) throws IOException;

    /** Forgets {@code instrument}'s state: its next bar starts a new warm-up. */
    void forget(Instrument instrument);
}

package dev.sextant.trading.engine;

import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFrame;
import java.util.Arrays;

/**
 * The exact per-instrument state of a {@link TradingPipeline}, from
 * {@link TradingPipeline#snapshot(dev.sextant.trading.core.Instrument)}: the sizing estimates (ATR
 * and rolling volatility of log returns) and the signal source's state for the instrument
 * (streaming features, a sequence model's window and, with a drift guard, its drift monitoring).
 * Restored with {@link TradingPipeline#restore} into a pipeline of the same configuration, the
 * instrument's next decisions are those the snapshotted pipeline would have made, given the same
 * account state (risk, positions and orders are account-level and not part of it).
 *
 * <p>The state is its bytes ({@link #toBytes()}, {@link #fromBytes}): a
 * {@link StateFrame} envelope of kind {@value #KIND} keyed by the instrument and the pipeline's
 * configuration, format version {@value #VERSION}, with a CRC-32; a few kilobytes for a
 * {@code standard-24} model (plus {@code 4 * length * features} bytes for a sequence model's
 * window). Store the bytes as they are (e.g. Flink {@code ValueState<byte[]>}).
 *
 * <p>Immutable and thread-safe; equal when the bytes are equal.
 */
public final class InstrumentState {
    /** The kind written in the envelope. */
    public static final String KIND = "instrument state";

    /** The newest format version this code writes and reads. */
    public static final int VERSION = 1;

    private final byte[] bytes;
    private final String key;

    private InstrumentState(byte[] bytes, String key) {
        this.bytes = bytes;
        this.key = key;
    }

    /** Wraps freshly sealed bytes (no copy); for {@link TradingPipeline#snapshot}. */
    static InstrumentState sealed(byte[] bytes, String key) {
        return new InstrumentState(bytes, key);
    }

    /**
     * A state from bytes written by {@link #toBytes()}; the envelope and checksum are verified
     * here, the instrument and configuration when restoring.
     *
     * @param bytes the state's bytes (copied)
     * @return the state
     * @throws StateFormatException if the bytes are truncated, corrupted, of another kind or of a
     *                              newer format version
     */
    public static InstrumentState fromBytes(byte[] bytes) {
        StateFrame frame = StateFrame.open(bytes, KIND, VERSION);
        return new InstrumentState(bytes.clone(), frame.key());
    }

    /** The state's bytes, a copy. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int size() {
        return bytes.length;
    }

    /**
     * What the state was saved for: the instrument and the pipeline's configuration, e.g.
     * {@code "instrument BTC/USD@BITSTAMP, frame 1m, atr 14, volatility 60, signals spec 3f2a..., window 1"}.
     */
    public String key() {
        return key;
    }

    /** The payload, checked; for {@link TradingPipeline#restore}. */
    StateFrame frame() {
        return StateFrame.open(bytes, KIND, VERSION);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InstrumentState s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "InstrumentState[" + key + ", " + bytes.length + " bytes]";
    }
}

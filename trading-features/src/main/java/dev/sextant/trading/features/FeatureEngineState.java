package dev.sextant.trading.features;

import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFrame;
import java.util.Arrays;

/**
 * The exact streaming state of a {@link FeatureEngine}, from {@link FeatureEngine#snapshot()}:
 * every indicator's running sums, rings and counters, the coarser time frames' bars under
 * construction and latest vectors, and the last bar time. Restored with
 * {@link FeatureEngine#restore} into an engine of the same spec, the engine continues bit for bit
 * as the one snapshotted would have.
 *
 * <p>The state is its bytes ({@link #toBytes()}, {@link #fromBytes}): a {@link StateFrame}
 * envelope of kind {@value #KIND} keyed by the spec's {@link FeatureSpec#hash() hash}, format
 * version {@value #VERSION}, with a CRC-32 of the payload; about 8 bytes per rolling-window slot
 * and per running value (a few kilobytes for {@code extended-35}). Store them as they are (e.g.
 * in Flink's {@code ValueState<byte[]>}); never Java serialization.
 *
 * <p>Immutable and thread-safe; equal when the bytes are equal.
 */
public final class FeatureEngineState {
    /** The kind written in the envelope. */
    public static final String KIND = "feature engine state";

    /** The newest format version this code writes and reads. */
    public static final int VERSION = 1;

    private final byte[] bytes;
    private final String specHash;

    private FeatureEngineState(byte[] bytes, String specHash) {
        this.bytes = bytes;
        this.specHash = specHash;
    }

    /** Wraps freshly sealed bytes (no copy); for {@link FeatureEngine#snapshot()}. */
    static FeatureEngineState sealed(byte[] bytes, String specHash) {
        return new FeatureEngineState(bytes, specHash);
    }

    /**
     * A state from bytes written by {@link #toBytes()}; the envelope and checksum are verified
     * here, the spec when restoring.
     *
     * @param bytes the state's bytes (copied)
     * @return the state
     * @throws StateFormatException if the bytes are truncated, corrupted, of another kind or of a
     *                              newer format version
     */
    public static FeatureEngineState fromBytes(byte[] bytes) {
        StateFrame frame = StateFrame.open(bytes, KIND, VERSION);
        return new FeatureEngineState(bytes.clone(), frame.key());
    }

    /** The state's bytes, a copy. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The number of bytes. */
    public int size() {
        return bytes.length;
    }

    /** The {@link FeatureSpec#hash()} of the engine the state was taken from. */
    public String specHash() {
        return specHash;
    }

    /** The payload, checked; for {@link FeatureEngine#restore}. */
    StateFrame frame() {
        return StateFrame.open(bytes, KIND, VERSION);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureEngineState s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "FeatureEngineState[spec " + specHash.substring(0, Math.min(12, specHash.length()))
                + "..., " + bytes.length + " bytes]";
    }
}

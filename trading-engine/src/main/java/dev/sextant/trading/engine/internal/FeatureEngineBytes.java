package dev.sextant.trading.engine.internal;

import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.engine.InstrumentState;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureEngineState;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A feature engine's exact state inside a signal source's instrument state: its
 * {@link FeatureEngineState} bytes, length first, as every restorable source of this module writes
 * them. Stateless.
 */
public final class FeatureEngineBytes {
    /** The most bytes an engine state may claim (64 MiB): a larger length is corrupt, not allocated. */
    private static final int MAX_BYTES = 1 << 26;

    private FeatureEngineBytes() {
    }

    /** Writes {@code engine}'s state: its length, then its bytes. */
    public static void write(FeatureEngine engine, DataOutput out) throws IOException {
        byte[] bytes = engine.snapshot().toBytes();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * Reads a state written by {@link #write} into {@code engine}.
     *
     * @param instrument the instrument's id, for the error
     * @throws StateFormatException CORRUPT if the length is negative or above 64 MiB, or as
     *                              {@link FeatureEngineState#fromBytes} and {@link FeatureEngine#restore}
     * @throws IOException          from {@code in}
     */
    public static void read(FeatureEngine engine, DataInput in, String instrument) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new StateFormatException(InstrumentState.KIND, StateFormatException.Problem.CORRUPT,
                    "feature engine state of " + length + " bytes for " + instrument);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        engine.restore(FeatureEngineState.fromBytes(bytes));
    }
}

package dev.sextant.trading.features;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.StateFormatException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A ring buffer of the last {@code length} feature vectors of width {@code features}, for models
 * that take a window of bars ({@code [batch, 60, 24]} inputs). Vectors are stored as
 * {@code float}; {@link #copyTo(float[])} writes them row-major, oldest first.
 *
 * <p>O(features) per push, allocation-free. Not thread-safe: one window per instrument.
 */
public final class SequenceWindow {
    /** The default window length, 60 vectors. */
    public static final int DEFAULT_LENGTH = 60;

    private final int length;
    private final int features;
    private final float[] ring;
    private int next;
    private long count;

    /**
     * Creates an instance with the given parameters.
     *
     * @param length   the number of vectors kept, at least 1
     * @param features the width of each vector, at least 1
     */
    public SequenceWindow(int length, int features) {
        this.length = Checks.positive(length, "length");
        this.features = Checks.positive(features, "features");
        this.ring = new float[Math.multiplyExact(length, features)];
    }

    /** A window of the default length, 60. */
    public static SequenceWindow of(int features) {
        return new SequenceWindow(DEFAULT_LENGTH, features);
    }

    /** The number of vectors kept. */
    public int length() {
        return length;
    }

    /** The width of each vector. */
    public int features() {
        return features;
    }

    /** How many vectors are currently held, at most {@link #length()}. */
    public int filled() {
        return (int) Math.min(count, length);
    }

    /**
     * Appends a vector (converted to float), dropping the oldest if full.
     *
     * @param vector exactly {@link #features()} finite values
     * @return whether the window is full after this push
     * @throws IllegalArgumentException if the vector has the wrong length or a non-finite value;
     *                                  the window is then unchanged
     */
    public boolean push(double[] vector) {
        Checks.notNull(vector, "vector");
        if (vector.length != features) {
            throw new IllegalArgumentException("vector must hold " + features + " values but held " + vector.length);
        }
        for (int j = 0; j < features; j++) {
            if (!Double.isFinite(vector[j])) {
                throw new IllegalArgumentException("vector value " + j + " must be finite but was " + vector[j]);
            }
        }
        int base = next * features;
        for (int j = 0; j < features; j++) {
            ring[base + j] = (float) vector[j];
        }
        next = next + 1 == length ? 0 : next + 1;
        count++;
        return isFull();
    }

    /** Whether {@link #length()} vectors have been pushed since creation or {@link #clear()}. */
    public boolean isFull() {
        return count >= length;
    }

    /**
     * Copies the window into {@code dst} (or a new array when {@code dst} is null), row-major,
     * oldest vector first: {@code dst[r * features + j]}.
     *
     * @return {@code dst}, or the new array
     * @throws IllegalStateException    if the window is not full
     * @throws IllegalArgumentException if {@code dst} is shorter than {@code length * features}
     */
    public float[] copyTo(float[] dst) {
        if (!isFull()) {
            throw new IllegalStateException("window holds " + filled() + " of " + length + " vectors");
        }
        float[] out = dst == null ? new float[ring.length] : dst;
        if (out.length < ring.length) {
            throw new IllegalArgumentException("dst must hold at least " + ring.length + " floats but held " + out.length);
        }
        // next is the oldest slot once full.
        int head = next * features;
        System.arraycopy(ring, head, out, 0, ring.length - head);
        System.arraycopy(ring, 0, out, ring.length - head, head);
        return out;
    }

    /**
     * Writes the exact state (shape, position, count and the ring of vectors as floats) so that
     * {@link #readState} into a window of the same shape continues as this one would.
     *
     * @param out where to write
     * @throws IOException from {@code out}
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(length);
        out.writeInt(features);
        out.writeInt(next);
        out.writeLong(count);
        for (float v : ring) {
            out.writeFloat(v);
        }
    }

    /**
     * Replaces this window's state with one written by {@link #writeState}.
     *
     * @param in where to read
     * @throws StateFormatException if the state is of another shape or holds an impossible
     *                              position or count; the window is then cleared
     * @throws IOException          from {@code in} (an {@link java.io.EOFException} when it ends early)
     */
    public void readState(DataInput in) throws IOException {
        int l = in.readInt();
        int f = in.readInt();
        if (l != length || f != features) {
            clear();
            throw new StateFormatException("sequence window state", StateFormatException.Problem.FOREIGN, "saved for "
                    + l + " vectors of " + f + " features but this window holds " + length + " of " + features);
        }
        int n = in.readInt();
        long c = in.readLong();
        if (n < 0 || n >= length || c < 0) {
            clear();
            throw new StateFormatException("sequence window state", StateFormatException.Problem.CORRUPT,
                    "position " + n + " or count " + c + " impossible for a window of " + length);
        }
        next = n;
        count = c;
        for (int i = 0; i < ring.length; i++) {
            ring[i] = in.readFloat();
        }
    }

    /** Forgets all vectors. */
    public void clear() {
        next = 0;
        count = 0;
    }
}

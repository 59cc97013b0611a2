package dev.sextant.trading.core.stats;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The trailing sample standard deviation (divisor {@code window - 1}) of the last {@code window}
 * one-bar log returns {@code ln(c[j] / c[j-1])}, per bar and without look-ahead: the volatility
 * estimate of the labelers (in batch) and of the pipeline's sizing inputs (streaming).
 *
 * <p>A thin layer over {@link RollingMoments} fed with the log returns, which gives the numerics
 * (Welford's rolling update, an exact two-pass recomputation every {@code window} returns, exactly
 * 0 for a window of equal returns) and allocates nothing per update. The batch {@link #of} feeds
 * the same streaming object, so the streaming value after bar i is bit for bit the batch value at
 * bar i.
 *
 * <p>An instance is not thread-safe; the static {@link #of} is.
 */
public final class RollingVolatility {
    private final RollingMoments returns;
    private double lastClose = Double.NaN;

    /**
     * A streaming estimate over {@code window} returns.
     *
     * @param window returns in the estimate, at least 2
     * @throws IllegalArgumentException if {@code window} is below 2
     */
    public RollingVolatility(int window) {
        this.returns = new RollingMoments(Checks.inRange(window, 2, Integer.MAX_VALUE, "window"));
    }

    /** The number of returns in the estimate. */
    public int window() {
        return returns.window();
    }

    /**
     * Adds the close of the next bar; from the second close on, one more log return enters the
     * window (and the oldest leaves it once the window is full).
     *
     * @param close the close, finite and positive
     * @throws IllegalArgumentException if {@code close} is not finite and positive
     */
    public void update(double close) {
        if (!(close > 0) || !Double.isFinite(close)) {
            throw new IllegalArgumentException("close must be finite and positive but was " + close);
        }
        if (!Double.isNaN(lastClose)) {
            returns.add(Math.log(close / lastClose));
        }
        lastClose = close;
    }

    /** Whether {@code window} returns have been seen, so that {@link #value()} is defined. */
    public boolean isStable() {
        return returns.isFull();
    }

    /** The sample standard deviation of the last {@code window} returns; NaN before there are that many. */
    public double value() {
        return returns.isFull() ? returns.sampleStdDev() : Double.NaN;
    }

    /**
     * Writes the exact streaming state (the last close and the returns' {@link RollingMoments})
     * so that {@link #readState} into an instance of the same window continues bit for bit.
     *
     * @param out where to write
     * @throws IOException from {@code out}
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeDouble(lastClose);
        returns.writeState(out);
    }

    /**
     * Replaces this instance's state with one written by {@link #writeState}.
     *
     * @param in where to read
     * @throws dev.sextant.trading.core.io.StateFormatException if the state is of another window
     *                                                          or impossible; this instance is
     *                                                          then reset
     * @throws IOException from {@code in} (an {@link java.io.EOFException} when it ends early)
     */
    public void readState(DataInput in) throws IOException {
        lastClose = in.readDouble();
        try {
            returns.readState(in);
        } catch (RuntimeException | IOException e) {
            lastClose = Double.NaN;
            throw e;
        }
    }

    /** Forgets every close seen, as if newly created. */
    public void reset() {
        returns.reset();
        lastClose = Double.NaN;
    }

    /**
     * The estimate at every bar of {@code close}: element i is the sample standard deviation of
     * the {@code window} returns ending at bar i (returns {@code j} in {@code [i - window + 1, i]}),
     * NaN for {@code i < window}. Uses only closes up to bar i; equal, bit for bit, to what an
     * instance fed the same closes reports after bar i.
     *
     * @param close  closes, oldest first; finite and positive (not checked here)
     * @param window returns in the estimate, at least 2
     * @return a new array as long as {@code close}
     * @throws IllegalArgumentException if {@code window} is below 2
     */
    public static double[] of(double[] close, int window) {
        Checks.notNull(close, "close");
        RollingVolatility estimate = new RollingVolatility(window);
        double[] vol = new double[close.length];
        for (int i = 0; i < close.length; i++) {
            if (i > 0) {
                estimate.returns.add(Math.log(close[i] / close[i - 1]));
            }
            vol[i] = estimate.value();
        }
        return vol;
    }
}

package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import java.util.List;

/**
 * A technical indicator with one or more outputs, computed either streaming (one bar at a time)
 * or in batch over a whole series, with exactly the same values.
 *
 * <p><b>Streaming.</b> {@link #update(long, double, double, double, double, double)} takes the
 * next bar in time order; it is O(1) per bar (amortised O(1) for rolling extremes; a few
 * indicators documented as O(period)) and allocates nothing. {@link #value(int)} then returns the
 * output for that bar, or {@code NaN} while the output is still warming up.
 *
 * <p><b>Warm-up.</b> {@link #warmUp(int)} is the number of bars seen before an output is first
 * defined: the output is {@code NaN} for the first {@code warmUp(k)} bars and defined from then
 * on, never {@code 0} as a placeholder. Conventions follow TA-Lib (see {@code docs/features.md}).
 *
 * <p><b>Batch.</b> {@link #compute(BarColumns, double[][])} fills {@code out[k][i]} with output
 * {@code k} at bar {@code i}; it uses no streaming state and gives the values that streaming the
 * same bars from a fresh (or {@link #reset()}) indicator gives.
 *
 * <p>Implementations are not thread-safe: use one instance per instrument and thread. Batch
 * computation does not touch the streaming state, so it may run on a separate instance freely.
 */
public interface Indicator {

    /** A short label such as {@code "sma_10"}; distinct parameter values give distinct names. */
    String name();

    /** The column name of each output, in output order, e.g. {@code [macd, macd_signal, macd_hist]}. */
    List<String> outputNames();

    /** The number of outputs (at least 1). */
    int outputs();

    /**
     * The number of bars before output {@code output} is first defined.
     *
     * @throws IndexOutOfBoundsException if {@code output} is not in {@code [0, outputs())}
     */
    int warmUp(int output);

    /** The largest warm-up over all outputs: after that many bars every output is defined. */
    default int warmUp() {
        int w = 0;
        for (int k = 0; k < outputs(); k++) {
            w = Math.max(w, warmUp(k));
        }
        return w;
    }

    /**
     * Feeds the next bar. Bars must come in time order; the values are assumed valid (as a
     * {@link Bar} or {@link BarSeries} guarantees). O(1), allocation-free.
     *
     * @param time   bar open time, epoch milliseconds UTC (used by session-anchored indicators)
     * @param open   open price
     * @param high   high price
     * @param low    low price
     * @param close  close price
     * @param volume volume, non-negative
     */
    void update(long time, double open, double high, double low, double close, double volume);

    /** Feeds {@code bar}; see {@link #update(long, double, double, double, double, double)}. */
    default void update(Bar bar) {
        update(bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }

    /**
     * The current value of output {@code output}, or {@code NaN} while it is warming up.
     *
     * @throws IndexOutOfBoundsException if {@code output} is not in {@code [0, outputs())}
     */
    double value(int output);

    /** The current value of the first output, or {@code NaN} while it is warming up. */
    default double value() {
        return value(0);
    }

    /** Whether every output is defined for the last bar fed. */
    boolean isReady();

    /** The number of bars fed since creation or the last {@link #reset()}. */
    long barCount();

    /** Forgets all bars, as if newly created. */
    void reset();

    /**
     * Batch computation over columns: {@code out[k][i]} receives output {@code k} at bar
     * {@code i} for {@code i < bars.size()}, {@code NaN} during warm-up.
     *
     * @param bars the input columns
     * @param out  {@link #outputs()} arrays, each at least {@code bars.size()} long
     * @throws IllegalArgumentException if {@code out} has the wrong shape
     */
    void compute(BarColumns bars, double[][] out);

    /**
     * Batch computation over a series; returns {@code [outputs()][series.size()]} values.
     *
     * @see #compute(BarColumns, double[][])
     */
    default double[][] compute(BarSeries series) {
        BarColumns bars = BarColumns.of(series);
        double[][] out = new double[outputs()][bars.size()];
        compute(bars, out);
        return out;
    }
}

package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.io.StateFormatException;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The last {@code window} values of one quantity counted in the bins of its
 * {@link ReferenceHistogram}, with the population stability index and the Kolmogorov-Smirnov
 * distance against the reference. Shares below {@value #FLOOR} count as {@value #FLOOR} in the
 * index (an empty bin would make it infinite). The Kolmogorov-Smirnov distance is taken at the
 * grid's cut points: with B bins it resolves differences of about 1/B.
 *
 * <p>Allocates nothing per value: the logarithm of every possible window share is tabulated once,
 * and the index is kept as a sum of per-bin terms of which a new value changes two (the bin it
 * enters and the bin the oldest value leaves); the sum is recomputed from the terms once per
 * window so that rounding cannot accumulate. Its exact state can be saved ({@link #writeState})
 * and restored ({@link #readState}). Not thread-safe.
 */
final class RollingHistogram {

    /** Smallest share used in the stability index. */
    static final double FLOOR = 1e-4;
    /** The kind named in state errors. */
    static final String KIND = "rolling histogram state";
    /**
     * How far the running index may lie from the sum of its terms: it is re-summed once per
     * window, and in between at most 1,000,000 updates (the largest window) each add two terms of
     * at most about 20 with a relative rounding of 2^-53, about 1e-8 in all.
     */
    static final double PSI_DRIFT = 1e-6;
    /** Grids up to this many bins store a window slot's bin in one byte, larger ones in four. */
    private static final int BYTE_BINS = 256;

    private final double[] edges;
    private final double[] expected;
    private final double[] logExpected;
    private final double[] cumulativeExpected;
    private final double[] share;
    private final double[] logShare;
    private final int[] counts;
    private final int[] ring;
    private final double[] terms;
    private double psi;
    private int next;
    private int filled;

    RollingHistogram(ReferenceHistogram reference, int window) {
        this.edges = reference.edges();
        double[] p = reference.proportions();
        int bins = p.length;
        this.expected = new double[bins];
        this.logExpected = new double[bins];
        this.cumulativeExpected = new double[bins];
        double cumulative = 0;
        for (int k = 0; k < bins; k++) {
            expected[k] = Math.max(p[k], FLOOR);
            logExpected[k] = Math.log(expected[k]);
            cumulative += p[k];
            cumulativeExpected[k] = cumulative;
        }
        this.share = new double[window + 1];
        this.logShare = new double[window + 1];
        for (int c = 0; c <= window; c++) {
            share[c] = Math.max((double) c / window, FLOOR);
            logShare[c] = Math.log(share[c]);
        }
        this.counts = new int[bins];
        this.ring = new int[window];
        this.terms = new double[bins];
        clear();
    }

    private double term(int bin, int count) {
        return (share[count] - expected[bin]) * (logShare[count] - logExpected[bin]);
    }

    private void update(int bin) {
        double t = term(bin, counts[bin]);
        psi += t - terms[bin];
        terms[bin] = t;
    }

    /** Adds a value, dropping the oldest once the window is full. */
    void add(double x) {
        int bin = ReferenceHistogram.bin(edges, x);
        if (filled == ring.length) {
            int old = ring[next];
            counts[old]--;
            update(old);
        } else {
            filled++;
        }
        ring[next] = bin;
        counts[bin]++;
        update(bin);
        if (++next == ring.length) {
            next = 0;
            double sum = 0;
            for (double t : terms) {
                sum += t;
            }
            psi = sum;
        }
    }

    /**
     * Writes the exact state: the number of values held, the next slot, the running index, and the
     * bin of every value held, oldest slot first (one byte per value for grids of up to
     * {@value #BYTE_BINS} bins). The grid and the window are not written: {@link #readState} must be
     * given a histogram of the same grid and window (its caller checks that).
     *
     * @param out where to write
     * @throws IOException from {@code out}
     */
    void writeState(DataOutput out) throws IOException {
        out.writeInt(filled);
        out.writeInt(next);
        out.writeDouble(psi);
        boolean bytes = counts.length <= BYTE_BINS;
        for (int i = 0; i < filled; i++) {
            if (bytes) {
                out.writeByte(ring[i]);
            } else {
                out.writeInt(ring[i]);
            }
        }
    }

    /**
     * Replaces the state with one written by {@link #writeState} of a histogram of the same grid
     * and window.
     *
     * @param in where to read
     * @throws StateFormatException if the count, slot, a bin or the index is impossible for this
     *                              grid and window ({@code CORRUPT}); the histogram is then empty
     * @throws IOException          from {@code in} (an {@link java.io.EOFException} when it ends
     *                              early; the histogram is then empty)
     */
    void readState(DataInput in) throws IOException {
        clear();
        int window = ring.length;
        int f = in.readInt();
        int n = in.readInt();
        if (f < 0 || f > window || (f < window ? n != f : n < 0 || n >= window)) {
            throw new StateFormatException(KIND, StateFormatException.Problem.CORRUPT, "holds " + f
                    + " values with next slot " + n + ", impossible for a window of " + window);
        }
        double saved = in.readDouble();
        boolean bytes = counts.length <= BYTE_BINS;
        try {
            for (int i = 0; i < f; i++) {
                int bin = bytes ? in.readUnsignedByte() : in.readInt();
                if (bin < 0 || bin >= counts.length) {
                    throw new StateFormatException(KIND, StateFormatException.Problem.CORRUPT, "slot " + i + " holds bin "
                            + bin + " but the grid has " + counts.length + " bins");
                }
                ring[i] = bin;
                counts[bin]++;
            }
            double sum = 0;
            for (int k = 0; k < counts.length; k++) {
                terms[k] = term(k, counts[k]);
                sum += terms[k];
            }
            if (!(Math.abs(saved - sum) <= PSI_DRIFT)) {
                throw new StateFormatException(KIND, StateFormatException.Problem.CORRUPT, "the stability index " + saved
                        + " is not that of the bins held (" + sum + ")");
            }
        } catch (IOException | RuntimeException e) {
            clear();
            throw e;
        }
        filled = f;
        next = n;
        psi = saved;
    }

    /** Forgets every value: the histogram is empty, as when created. */
    void clear() {
        Arrays.fill(counts, 0);
        filled = 0;
        next = 0;
        psi = 0;
        for (int k = 0; k < terms.length; k++) {
            terms[k] = term(k, 0);
            psi += terms[k];
        }
    }

    /** Values held: {@code window} once full. */
    int filled() {
        return filled;
    }

    /** The slot the next value goes to. */
    int next() {
        return next;
    }

    /** Whether the window holds {@code window} values (the statistics are defined). */
    boolean isFull() {
        return filled == ring.length;
    }

    /** The population stability index {@code Σ (a - e) ln(a / e)} of the window against the reference. */
    double psi() {
        return psi;
    }

    /** The largest difference of the window's and the reference's cumulative shares at the cut points. */
    double ks() {
        // A multiplication, not a division per bin: this runs for every feature on every bar.
        double perValue = 1.0 / ring.length;
        int cumulative = 0;
        double max = 0;
        for (int k = 0; k < counts.length - 1; k++) {
            cumulative += counts[k];
            double d = Math.abs(cumulative * perValue - cumulativeExpected[k]);
            if (d > max) {
                max = d;
            }
        }
        return max;
    }
}

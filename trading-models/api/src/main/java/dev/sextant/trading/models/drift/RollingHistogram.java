package dev.sextant.trading.models.drift;

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
 * window so that rounding cannot accumulate. Not thread-safe.
 */
final class RollingHistogram {

    /** Smallest share used in the stability index. */
    static final double FLOOR = 1e-4;

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
        for (int k = 0; k < bins; k++) {
            terms[k] = term(k, 0);
            psi += terms[k];
        }
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

package dev.sextant.trading.models.drift;

/**
 * The last {@code window} values of one quantity counted in the bins of its
 * {@link ReferenceHistogram}, with the population stability index and the Kolmogorov-Smirnov
 * distance against the reference. Shares below {@value #FLOOR} count as {@value #FLOOR} in the
 * index (an empty bin would make it infinite). The Kolmogorov-Smirnov distance is taken at the
 * grid's cut points: with B bins it resolves differences of about 1/B.
 *
 * <p>Allocates nothing per value: the logarithm of every possible window share is tabulated once.
 * Not thread-safe.
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
    }

    /** Adds a value, dropping the oldest once the window is full. */
    void add(double x) {
        int bin = ReferenceHistogram.bin(edges, x);
        if (filled == ring.length) {
            counts[ring[next]]--;
        } else {
            filled++;
        }
        ring[next] = bin;
        counts[bin]++;
        next = next + 1 == ring.length ? 0 : next + 1;
    }

    /** Whether the window holds {@code window} values (the statistics are defined). */
    boolean isFull() {
        return filled == ring.length;
    }

    /** The population stability index {@code Σ (a - e) ln(a / e)} of the window against the reference. */
    double psi() {
        double sum = 0;
        for (int k = 0; k < counts.length; k++) {
            int c = counts[k];
            sum += (share[c] - expected[k]) * (logShare[c] - logExpected[k]);
        }
        return sum;
    }

    /** The largest difference of the window's and the reference's cumulative shares at the cut points. */
    double ks() {
        double window = ring.length;
        double cumulative = 0;
        double max = 0;
        for (int k = 0; k < counts.length - 1; k++) {
            cumulative += counts[k];
            double d = Math.abs(cumulative / window - cumulativeExpected[k]);
            if (d > max) {
                max = d;
            }
        }
        return max;
    }
}

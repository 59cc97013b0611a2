package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;
import java.util.Arrays;

/**
 * The reference distribution of one quantity (a feature, or the model's prediction) as a fixed
 * quantile grid: the cut points at the reference data's quantiles {@code 1/B, 2/B, ..., (B-1)/B}
 * (ties merged) and the exact share of reference values in each bin. Bin {@code k} holds the
 * values {@code x} with {@code edges[k-1] <= x < edges[k]}; the first bin everything below
 * {@code edges[0]}, the last everything from the last edge up. Deterministic: the same data
 * always gives the same grid.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name        what is described (a feature name, or {@value #PREDICTION})
 * @param count       number of reference values, at least 1
 * @param edges       the interior cut points, finite and strictly increasing (may be empty when
 *                    every value is equal)
 * @param proportions share of reference values per bin, {@code edges.length + 1} values in
 *                    [0, 1] summing to 1 within 1e-6
 */
public record ReferenceHistogram(String name, long count, double[] edges, double[] proportions) {

    /** The name of the prediction histogram: {@code P(BUY) - P(SELL)} per bar. */
    public static final String PREDICTION = "prediction";

    /** Validates and copies. */
    public ReferenceHistogram {
        Checks.notBlank(name, "name");
        Checks.positive(count, "count");
        Checks.notNull(edges, "edges");
        Checks.notNull(proportions, "proportions");
        for (int k = 0; k < edges.length; k++) {
            Checks.finite(edges[k], "edges[" + k + "]");
            if (k > 0 && !(edges[k] > edges[k - 1])) {
                throw new IllegalArgumentException("edges must be strictly increasing but edges[" + k + "] = " + edges[k]
                        + " follows " + edges[k - 1]);
            }
        }
        if (proportions.length != edges.length + 1) {
            throw new IllegalArgumentException("proportions must have one value per bin (" + (edges.length + 1)
                    + ") but had " + proportions.length);
        }
        double sum = 0;
        for (int k = 0; k < proportions.length; k++) {
            sum += Checks.inRange(proportions[k], 0, 1, "proportions[" + k + "]");
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("proportions must sum to 1 but summed to " + sum);
        }
        edges = edges.clone();
        proportions = proportions.clone();
    }

    /**
     * The grid of {@code values} with {@code bins} bins (fewer when values tie).
     *
     * @param name   what is described
     * @param values at least one finite value (not modified)
     * @param bins   at least 2
     * @throws IllegalArgumentException if a value is not finite (naming its index) or an argument is out of range
     */
    public static ReferenceHistogram of(String name, double[] values, int bins) {
        Checks.notNull(values, "values");
        Checks.positive(values.length, "number of values");
        Checks.inRange(bins, 2, 10_000, "bins");
        double[] sorted = values.clone();
        for (int i = 0; i < sorted.length; i++) {
            Checks.finite(sorted[i], name + " value " + i);
        }
        Arrays.sort(sorted);
        int n = sorted.length;
        double[] cuts = new double[bins - 1];
        int m = 0;
        for (int k = 1; k < bins; k++) {
            double q = sorted[(int) Math.min(n - 1, (long) k * n / bins)];
            // A cut at the minimum would leave the first bin empty; equal cuts are one cut.
            if (q > sorted[0] && (m == 0 || q > cuts[m - 1])) {
                cuts[m++] = q;
            }
        }
        double[] edges = Arrays.copyOf(cuts, m);
        long[] counts = new long[m + 1];
        for (double v : sorted) {
            counts[bin(edges, v)]++;
        }
        double[] proportions = new double[m + 1];
        for (int k = 0; k <= m; k++) {
            proportions[k] = (double) counts[k] / n;
        }
        return new ReferenceHistogram(name, n, edges, proportions);
    }

    /** Number of bins, {@code edges().length + 1}. */
    public int bins() {
        return edges.length + 1;
    }

    /** Grids up to this many edges find a bin by counting, longer ones by binary search. */
    static final int LINEAR_EDGES = 32;

    /** The bin of {@code x}: the number of edges at or below it. Allocates nothing. */
    public int binOf(double x) {
        return bin(edges, x);
    }

    static int bin(double[] edges, double x) {
        if (edges.length <= LINEAR_EDGES) {
            // Counting is branch-free: the monitor looks up 25 bins per bar, and a binary search's five
            // data-dependent branches mispredict about half the time on drifting inputs.
            int count = 0;
            for (double e : edges) {
                count += e <= x ? 1 : 0;
            }
            return count;
        }
        return binarySearch(edges, x);
    }

    /** The bin by binary search: the first edge above {@code x}; the same answer as counting. */
    static int binarySearch(double[] edges, double x) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The interior cut points (a copy). */
    @Override
    public double[] edges() {
        return edges.clone();
    }

    /** The share of reference values per bin (a copy). */
    @Override
    public double[] proportions() {
        return proportions.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceHistogram h && h.name.equals(name) && h.count == count
                && Arrays.equals(h.edges, edges) && Arrays.equals(h.proportions, proportions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(edges)) + Arrays.hashCode(proportions);
    }

    @Override
    public String toString() {
        return "ReferenceHistogram[" + name + ", " + count + " values, " + bins() + " bins]";
    }
}

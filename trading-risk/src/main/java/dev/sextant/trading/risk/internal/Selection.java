package dev.sextant.trading.risk.internal;

/**
 * In-place selection of order statistics on a {@code double[]} range (quickselect with a
 * median-of-three pivot), used by historical and Monte Carlo VaR so that a quantile costs
 * O(n) and no allocation. Stateless and thread-safe; the array is reordered.
 */
public final class Selection {
    private Selection() {
    }

    /**
     * Reorders {@code a[0..n)} so that {@code a[k]} holds the value that would be at index
     * {@code k} after sorting, every element before it is not greater and every element after
     * it is not smaller; returns {@code a[k]}.
     *
     * @param a the values, NaN-free
     * @param n number of values to consider, at least 1
     * @param k zero-based rank, in [0, n)
     */
    public static double select(double[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < a[lo]) {
                swap(a, lo, mid);
            }
            if (a[hi] < a[lo]) {
                swap(a, lo, hi);
            }
            if (a[hi] < a[mid]) {
                swap(a, mid, hi);
            }
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    /** The sum of {@code a[0..count)}; after {@link #select} with {@code k = count - 1} these are the smallest values. */
    public static double sum(double[] a, int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += a[i];
        }
        return s;
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

package dev.sextant.trading.models.validation;

import dev.sextant.trading.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits time-ordered rows into folds for validation and for out-of-fold predictions, purging
 * training rows whose labels overlap the test block and embargoing rows next to it
 * (López de Prado, Advances in Financial Machine Learning, ch. 7).
 *
 * <p>The rows {@code [0, n)} are cut into {@code folds + 1} consecutive blocks of equal size (the
 * first takes the remainder); blocks 1..folds are the test blocks, in time order.
 *
 * <ul>
 *   <li>{@link Scheme#WALK_FORWARD}: the training rows of a fold precede its test block (all of
 *       them, or the last {@code maxTrainRows} for a rolling window). The last {@code embargo}
 *       rows before the test block are dropped as a gap, guarding against serial correlation
 *       between the last training rows and the first test rows (for example overlapping rolling
 *       feature windows).</li>
 *   <li>{@link Scheme#PURGED_K_FOLD}: training rows lie on both sides of the test block; the
 *       {@code embargo} rows right after the test block are dropped, because their features were
 *       computed from test-period prices. The first block is a test block too, so every row gets
 *       an out-of-fold prediction.</li>
 * </ul>
 *
 * <p>Purge, in both schemes: a training row {@code i} whose label interval
 * {@code [i, labelEnd[i]]} intersects the test block is dropped (its label was resolved by test
 * prices). For a fixed horizon h, {@code labelEnd[i] = i + h}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scheme       walk-forward or purged k-fold
 * @param folds        number of test blocks, positive
 * @param embargo      rows dropped next to each test block as described above, non-negative
 * @param maxTrainRows for walk-forward, keep at most this many of the latest training rows
 *                     (rolling window); 0 for an expanding window. Must be 0 for purged k-fold.
 */
public record WalkForwardSplitter(Scheme scheme, int folds, int embargo, int maxTrainRows) {

    /** How training rows are placed relative to the test block. */
    public enum Scheme {
        /** Train only on rows before the test block. */
        WALK_FORWARD,
        /** Train on rows on both sides of the test block. */
        PURGED_K_FOLD
    }

    /** Validates. */
    public WalkForwardSplitter {
        Checks.notNull(scheme, "scheme");
        Checks.positive(folds, "folds");
        Checks.nonNegative(embargo, "embargo");
        Checks.nonNegative(maxTrainRows, "maxTrainRows");
        if (scheme == Scheme.PURGED_K_FOLD && maxTrainRows != 0) {
            throw new IllegalArgumentException("maxTrainRows applies to WALK_FORWARD only but was " + maxTrainRows);
        }
    }

    /** An expanding-window walk-forward splitter. */
    public static WalkForwardSplitter walkForward(int folds, int embargo) {
        return new WalkForwardSplitter(Scheme.WALK_FORWARD, folds, embargo, 0);
    }

    /** A purged k-fold splitter with an embargo after each test block. */
    public static WalkForwardSplitter purgedKFold(int folds, int embargo) {
        return new WalkForwardSplitter(Scheme.PURGED_K_FOLD, folds, embargo, 0);
    }

    /**
     * Splits {@code rows} rows whose labels all end {@code horizon} rows later.
     *
     * @see #split(int[])
     */
    public List<WalkForwardSplit> split(int rows, int horizon) {
        Checks.nonNegative(horizon, "horizon");
        int[] ends = new int[Checks.positive(rows, "rows")];
        for (int i = 0; i < rows; i++) {
            ends[i] = i + horizon;
        }
        return split(ends);
    }

    /**
     * Splits rows whose label of row i ends at row {@code labelEnd[i]} (which may lie past the
     * last row).
     *
     * @param labelEnd one end index per row, each at least its own index
     * @return the folds in time order of their test blocks; a fold whose training set is emptied
     *         by purge and embargo is still returned, with no training rows, so callers see it
     * @throws IllegalArgumentException if there are fewer rows than {@code folds + 1}, or a label
     *                                  ends before its row
     */
    public List<WalkForwardSplit> split(int[] labelEnd) {
        Checks.notNull(labelEnd, "labelEnd");
        int n = labelEnd.length;
        int blocks = scheme == Scheme.WALK_FORWARD ? folds + 1 : folds;
        if (n < blocks) {
            throw new IllegalArgumentException("need at least " + blocks + " rows for " + folds + " folds but got " + n);
        }
        for (int i = 0; i < n; i++) {
            if (labelEnd[i] < i) {
                throw new IllegalArgumentException("label of row " + i + " ends at " + labelEnd[i] + ", before its row");
            }
        }
        int size = n / blocks;
        int first = n - size * (blocks - 1);
        List<WalkForwardSplit> splits = new ArrayList<>(folds);
        for (int f = 0; f < folds; f++) {
            int testStart;
            int testEnd;
            if (scheme == Scheme.WALK_FORWARD) {
                testStart = first + f * size;
                testEnd = testStart + size;
            } else {
                testStart = f == 0 ? 0 : first + (f - 1) * size;
                testEnd = f == 0 ? first : testStart + size;
            }
            splits.add(new WalkForwardSplit(f, trainRows(labelEnd, testStart, testEnd), testStart, testEnd));
        }
        return List.copyOf(splits);
    }

    private int[] trainRows(int[] labelEnd, int testStart, int testEnd) {
        int n = labelEnd.length;
        int[] rows = new int[n];
        int count = 0;
        int from = 0;
        if (scheme == Scheme.WALK_FORWARD && maxTrainRows > 0) {
            from = Math.max(0, testStart - embargo - maxTrainRows);
        }
        int beforeLimit = scheme == Scheme.WALK_FORWARD ? testStart - embargo : testStart;
        for (int i = from; i < beforeLimit; i++) {
            if (labelEnd[i] < testStart) {
                rows[count++] = i;
            }
        }
        if (scheme == Scheme.PURGED_K_FOLD) {
            // Rows after the test block start after it, so their labels cannot overlap it; only the embargo applies.
            for (int i = testEnd + embargo; i < n; i++) {
                rows[count++] = i;
            }
        }
        return java.util.Arrays.copyOf(rows, count);
    }
}

package dev.sextant.trading.models.validation;

import dev.sextant.trading.core.Checks;
import java.util.Arrays;

/**
 * One fold of a time-series split: the training rows and a contiguous block of test rows.
 * Immutable and thread-safe.
 *
 * @param fold      fold number from 0, in time order of the test blocks
 * @param train     training row indices, strictly increasing, none inside the test block
 * @param testStart first test row (inclusive)
 * @param testEnd   end of the test block (exclusive), greater than {@code testStart}
 */
public record WalkForwardSplit(int fold, int[] train, int testStart, int testEnd) {

    /** Validates and copies. */
    public WalkForwardSplit {
        Checks.nonNegative(fold, "fold");
        Checks.nonNegative(testStart, "testStart");
        if (testEnd <= testStart) {
            throw new IllegalArgumentException("testEnd must be greater than testStart but was " + testEnd
                    + " <= " + testStart);
        }
        train = Checks.notNull(train, "train").clone();
        for (int k = 0; k < train.length; k++) {
            if (k > 0 && train[k] <= train[k - 1]) {
                throw new IllegalArgumentException("train indices must be strictly increasing at position " + k);
            }
            if (train[k] >= testStart && train[k] < testEnd) {
                throw new IllegalArgumentException("train row " + train[k] + " lies inside the test block ["
                        + testStart + ", " + testEnd + ")");
            }
        }
    }

    /** A copy of the training row indices. */
    @Override
    public int[] train() {
        return train.clone();
    }

    /** Number of training rows. */
    public int trainSize() {
        return train.length;
    }

    /** Number of test rows. */
    public int testSize() {
        return testEnd - testStart;
    }

    /** The test row indices {@code testStart .. testEnd - 1}. */
    public int[] test() {
        int[] t = new int[testEnd - testStart];
        Arrays.setAll(t, k -> testStart + k);
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalkForwardSplit s && fold == s.fold && testStart == s.testStart
                && testEnd == s.testEnd && Arrays.equals(train, s.train);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(train) * 31 + testStart;
    }

    @Override
    public String toString() {
        return "WalkForwardSplit[fold=" + fold + ", train=" + train.length + " rows"
                + (train.length > 0 ? " [" + train[0] + ".." + train[train.length - 1] + "]" : "")
                + ", test=[" + testStart + ", " + testEnd + ")]";
    }
}

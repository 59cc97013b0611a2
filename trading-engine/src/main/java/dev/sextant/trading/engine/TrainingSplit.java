package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;

/**
 * How the {@link BundleTrainer} used the labelled rows, as bar indices into the series, each part
 * half-open and in time order: fit rows (the base models and the meta-learner's out-of-fold
 * folds), calibration rows, then test rows (empty when no test part was asked for). Rows between
 * two parts were purged because their labels reach into the next part.
 *
 * @param fitStart         first fit row
 * @param fitEnd           end of the fit rows, exclusive
 * @param calibrationStart first calibration row, not before {@code fitEnd}
 * @param calibrationEnd   end of the calibration rows, exclusive
 * @param testStart        first test row, not before {@code calibrationEnd}
 * @param testEnd          end of the test rows, exclusive; equal to {@code testStart} for none
 */
public record TrainingSplit(int fitStart, int fitEnd, int calibrationStart, int calibrationEnd, int testStart,
        int testEnd) {

    /** Validates the order. */
    public TrainingSplit {
        Checks.nonNegative(fitStart, "fitStart");
        if (fitEnd <= fitStart || calibrationStart < fitEnd || calibrationEnd <= calibrationStart
                || testStart < calibrationEnd || testEnd < testStart) {
            throw new IllegalArgumentException("training parts must be non-empty (the test part may be empty) and in time order "
                    + "but were fit [" + fitStart + ", " + fitEnd + "), calibration [" + calibrationStart + ", "
                    + calibrationEnd + "), test [" + testStart + ", " + testEnd + ")");
        }
    }

    /** Number of fit rows. */
    public int fitRows() {
        return fitEnd - fitStart;
    }

    /** Number of calibration rows. */
    public int calibrationRows() {
        return calibrationEnd - calibrationStart;
    }

    /** Number of test rows, 0 when there is no test part. */
    public int testRows() {
        return testEnd - testStart;
    }
}

package dev.sextant.trading.models.calibration;

import dev.sextant.trading.core.Checks;

/**
 * The keys of the rows a calibrator was fitted on, as a closed window {@code [firstKey, lastKey]}.
 * Keys are bar times in epoch milliseconds or row indices, as in
 * {@link dev.sextant.trading.models.validation.LabelledPredictions}.
 *
 * @param firstKey the first key, at most {@code lastKey}
 * @param lastKey  the last key
 * @param rows     how many rows the fit used, positive
 */
public record FitWindow(long firstKey, long lastKey, int rows) {

    /** Validates. */
    public FitWindow {
        if (lastKey < firstKey) {
            throw new IllegalArgumentException("lastKey must be at least firstKey but was " + lastKey + " < " + firstKey);
        }
        Checks.positive(rows, "rows");
    }

    /** Whether {@code key} lies inside the window. */
    public boolean contains(long key) {
        return key >= firstKey && key <= lastKey;
    }
}

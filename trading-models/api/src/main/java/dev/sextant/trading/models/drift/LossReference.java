package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;

/**
 * The validation loss a bundle recorded: the per-bar log loss of its calibrated predictions on
 * held-out rows, against which live losses are compared.
 *
 * @param mean mean per-bar log loss (natural log), finite and non-negative
 * @param sd   standard deviation of the per-bar log loss, finite and non-negative
 * @param rows number of held-out rows, at least 1
 */
public record LossReference(double mean, double sd, long rows) {

    /** Validates. */
    public LossReference {
        Checks.nonNegative(Checks.finite(mean, "mean"), "mean");
        Checks.nonNegative(Checks.finite(sd, "sd"), "sd");
        Checks.positive(rows, "rows");
    }
}

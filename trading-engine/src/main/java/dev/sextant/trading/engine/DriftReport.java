package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DriftReplay} found over a series of bars.
 *
 * @param bars          bars replayed
 * @param predictions   bars the model predicted on (after the feature warm-up)
 * @param gated         predictions held as out of distribution
 * @param oodThreshold  the bundle's gating threshold
 * @param alerts        every alert in time order
 * @param labels        the bundle's label definition, when its manifest records one (without it
 *                      no realised loss is known and performance drift is not monitored)
 * @param losses        realised per-bar log losses fed to the Page-Hinkley test
 * @param meanLoss      their mean; NaN when there are none
 */
public record DriftReport(long bars, long predictions, long gated, double oodThreshold, List<DriftAlert> alerts,
        Optional<FixedHorizonLabeler> labels, long losses, double meanLoss) {

    /** Validates and copies. */
    public DriftReport {
        count(bars, Long.MAX_VALUE, "bars");
        count(predictions, bars, "predictions");
        count(gated, predictions, "gated");
        Checks.finite(oodThreshold, "oodThreshold");
        alerts = List.copyOf(Checks.notNull(alerts, "alerts"));
        Checks.notNull(labels, "labels");
        count(losses, predictions, "losses");
    }

    private static void count(long value, long max, String name) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be from 0 to " + max + " but was " + value);
        }
    }

    /** The share of predictions held as out of distribution; 0 without predictions. */
    public double gatedShare() {
        return predictions == 0 ? 0 : (double) gated / predictions;
    }
}

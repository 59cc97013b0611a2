package dev.sextant.trading.flink;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.drift.Detector;
import dev.sextant.trading.models.drift.DriftAlert;
import java.time.Instant;

/**
 * One drift alert as the job emits it on {@link FlinkTradingJob#DRIFT_ALERTS}: the instrument, the
 * close of the bar on whose processing the alert was raised, and the alert's fields in a flat,
 * serialisable form; {@link #alert()} rebuilds the exact {@link DriftAlert}. Immutable and thread-safe.
 *
 * @param instrument    the instrument id
 * @param time          the close of the bar (epoch milliseconds), which is also the alert's time
 * @param kind          {@link Kind} of the alert
 * @param feature       the feature name for {@link Kind#FEATURE}, else ""
 * @param detector      the statistic ({@link Detector#PSI}, {@link Detector#KS} or {@link Detector#PAGE_HINKLEY})
 * @param statistic     the statistic's value, finite
 * @param threshold     the threshold it exceeded, finite
 * @param meanLoss      for {@link Kind#PERFORMANCE}, the mean log loss since the test last restarted; else 0
 * @param referenceLoss for {@link Kind#PERFORMANCE}, the validation loss the bundle recorded; else 0
 */
public record DriftAlertRow(String instrument, long time, Kind kind, String feature, Detector detector, double statistic,
        double threshold, double meanLoss, double referenceLoss) {

    /** The cases of {@link DriftAlert}. */
    public enum Kind {
        /** {@link DriftAlert.FeatureDrift}. */
        FEATURE,
        /** {@link DriftAlert.PredictionDrift}. */
        PREDICTION,
        /** {@link DriftAlert.PerformanceDegraded}. */
        PERFORMANCE
    }

    /** Validates: the alert it stands for must be valid ({@link #alert()}). */
    public DriftAlertRow {
        Checks.notNull(kind, "kind");
        Checks.notNull(feature, "feature");
        Checks.finite(meanLoss, "meanLoss");
        Checks.finite(referenceLoss, "referenceLoss");
        alert(instrument, time, kind, feature, detector, statistic, threshold, meanLoss, referenceLoss);
    }

    /** The row of {@code alert}. */
    public static DriftAlertRow of(DriftAlert alert) {
        Checks.notNull(alert, "alert");
        long time = alert.time().toEpochMilli();
        return switch (alert) {
            case DriftAlert.FeatureDrift f -> new DriftAlertRow(f.instrument(), time, Kind.FEATURE, f.feature(),
                    f.detector(), f.statistic(), f.threshold(), 0, 0);
            case DriftAlert.PredictionDrift p -> new DriftAlertRow(p.instrument(), time, Kind.PREDICTION, "",
                    p.detector(), p.statistic(), p.threshold(), 0, 0);
            case DriftAlert.PerformanceDegraded d -> new DriftAlertRow(d.instrument(), time, Kind.PERFORMANCE, "",
                    d.detector(), d.statistic(), d.threshold(), d.meanLoss(), d.referenceLoss());
        };
    }

    /** The alert, as the monitor raised it. */
    public DriftAlert alert() {
        return alert(instrument, time, kind, feature, detector, statistic, threshold, meanLoss, referenceLoss);
    }

    private static DriftAlert alert(String instrument, long time, Kind kind, String feature, Detector detector,
            double statistic, double threshold, double meanLoss, double referenceLoss) {
        Instant at = Instant.ofEpochMilli(time);
        return switch (kind) {
            case FEATURE -> new DriftAlert.FeatureDrift(instrument, at, feature, detector, statistic, threshold);
            case PREDICTION -> new DriftAlert.PredictionDrift(instrument, at, detector, statistic, threshold);
            case PERFORMANCE -> {
                if (detector != Detector.PAGE_HINKLEY) {
                    throw new IllegalArgumentException("performance drift is measured by PAGE_HINKLEY, not " + detector);
                }
                yield new DriftAlert.PerformanceDegraded(instrument, at, statistic, threshold, meanLoss, referenceLoss);
            }
        };
    }
}

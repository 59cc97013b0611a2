package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;
import java.time.Instant;

/**
 * An alert from a {@link DriftMonitor}: a statistic crossed its threshold. A drift statistic
 * alerts when it rises above its threshold and again only after it has fallen back well below it
 * ({@link DriftMonitor#REARM_FRACTION}); the Page-Hinkley test alerts and restarts.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface DriftAlert permits DriftAlert.FeatureDrift, DriftAlert.PredictionDrift,
        DriftAlert.PerformanceDegraded {

    /** The instrument id the monitor watches. */
    String instrument();

    /** The close time of the bar on which the statistic crossed. */
    Instant time();

    /** The statistic. */
    Detector detector();

    /** The statistic's value. */
    double statistic();

    /** The threshold it exceeded. */
    double threshold();

    /**
     * A feature's rolling window drifted from the training reference.
     *
     * @param instrument the instrument id
     * @param time       the bar's close time
     * @param feature    the feature name
     * @param detector   {@link Detector#PSI} or {@link Detector#KS}
     * @param statistic  the statistic's value
     * @param threshold  the threshold exceeded
     */
    record FeatureDrift(String instrument, Instant time, String feature, Detector detector, double statistic,
            double threshold) implements DriftAlert {
        /** Validates. */
        public FeatureDrift {
            check(instrument, time, detector, statistic, threshold);
            Checks.notBlank(feature, "feature");
            if (detector == Detector.PAGE_HINKLEY) {
                throw new IllegalArgumentException("feature drift is measured by PSI or KS, not " + detector);
            }
        }
    }

    /**
     * The rolling window of predictions ({@code P(BUY) - P(SELL)}) drifted from the held-out
     * predictions recorded in the reference.
     *
     * @param instrument the instrument id
     * @param time       the bar's close time
     * @param detector   {@link Detector#PSI} or {@link Detector#KS}
     * @param statistic  the statistic's value
     * @param threshold  the threshold exceeded
     */
    record PredictionDrift(String instrument, Instant time, Detector detector, double statistic, double threshold)
            implements DriftAlert {
        /** Validates. */
        public PredictionDrift {
            check(instrument, time, detector, statistic, threshold);
            if (detector == Detector.PAGE_HINKLEY) {
                throw new IllegalArgumentException("prediction drift is measured by PSI or KS, not " + detector);
            }
        }
    }

    /**
     * The realised per-bar log loss rose: the Page-Hinkley statistic exceeded its threshold.
     *
     * @param instrument    the instrument id
     * @param time          the close time of the bar whose outcome was realised last
     * @param statistic     the Page-Hinkley statistic
     * @param threshold     the threshold exceeded
     * @param meanLoss      the mean log loss since the detector last restarted
     * @param referenceLoss the validation loss the bundle recorded
     */
    record PerformanceDegraded(String instrument, Instant time, double statistic, double threshold, double meanLoss,
            double referenceLoss) implements DriftAlert {
        /** Validates. */
        public PerformanceDegraded {
            check(instrument, time, Detector.PAGE_HINKLEY, statistic, threshold);
            Checks.finite(meanLoss, "meanLoss");
            Checks.finite(referenceLoss, "referenceLoss");
        }

        /** Always {@link Detector#PAGE_HINKLEY}. */
        @Override
        public Detector detector() {
            return Detector.PAGE_HINKLEY;
        }
    }

    private static void check(String instrument, Instant time, Detector detector, double statistic, double threshold) {
        Checks.notBlank(instrument, "instrument");
        Checks.notNull(time, "time");
        Checks.notNull(detector, "detector");
        Checks.finite(statistic, "statistic");
        Checks.finite(threshold, "threshold");
    }
}

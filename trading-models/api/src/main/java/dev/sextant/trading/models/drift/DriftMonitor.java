package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;
import java.time.Instant;
import java.util.List;

/**
 * Watches one instrument's stream of feature vectors, predictions and realised losses against a
 * bundle's {@link DriftReference}:
 * <ul>
 *   <li>feature drift: per feature, the population stability index and the Kolmogorov-Smirnov
 *       distance of the last {@link DriftSettings#window()} values against the feature's grid;</li>
 *   <li>prediction drift: the same for {@code P(BUY) - P(SELL)} against the held-out predictions;</li>
 *   <li>performance drift: a {@link PageHinkley} test on the realised per-bar log loss, with
 *       tolerance and threshold in standard deviations of the validation loss;</li>
 *   <li>out-of-distribution gating: {@link #onPrediction} returns whether the feature vector lies
 *       farther from the training data than the calibrated threshold ({@link OutOfDistributionGate}).</li>
 * </ul>
 * Drift statistics are defined once a window is full (warm-up: no alert before that). A statistic
 * alerts when it rises above its threshold, and again only after it has fallen below
 * {@value #REARM_FRACTION} of it (so that a statistic hovering at the threshold does not alert on
 * every bar); alerts go to the {@link DriftListener}.
 *
 * <p>Allocates nothing per bar except when an alert fires. The Kolmogorov-Smirnov distance moves by
 * at most {@code 1 / window} per bar, so it is recomputed only on bars where a crossing is
 * possible; the alerts are those of computing it every bar. Not thread-safe: one monitor per
 * instrument, fed from one thread.
 */
public final class DriftMonitor {

    /** The share of its threshold a drift statistic must fall below before it can alert again. */
    public static final double REARM_FRACTION = 0.75;
    /** Rounding allowance: a statistic equal to its threshold up to rounding has not exceeded it. */
    private static final double TOLERANCE = 1e-9;
    /** Rounding allowance on the bound of how far a KS distance can move per bar. */
    private static final double KS_ROUNDING = 1e-12;

    private final String instrument;
    private final DriftReference reference;
    private final DriftSettings settings;
    private final DriftListener listener;
    private final List<String> names;
    private final RollingHistogram[] features;
    private final RollingHistogram prediction;
    private final OutOfDistributionGate gate;
    private final PageHinkley pageHinkley;
    /** Per statistic series (features, then the prediction): the last exactly computed KS distance. */
    private final double[] ksKnown;
    /** Per series: bars since {@link #ksKnown} was computed. */
    private final int[] ksAge;
    /** How far a KS distance can move in one bar once the window is full: 1 / window. */
    private final double ksStep;
    /** Per statistic (2 per feature, then 2 for the prediction): whether it is above its threshold. */
    private final boolean[] above;
    private double lastScore = Double.NaN;
    private long bars;
    private long gated;
    private long losses;
    private double lossSum;
    private long alerts;

    /**
     * @param instrument the instrument id named in alerts
     * @param reference  the bundle's reference
     * @param settings   window and thresholds
     * @param listener   receives alerts
     */
    public DriftMonitor(String instrument, DriftReference reference, DriftSettings settings, DriftListener listener) {
        this.instrument = Checks.notBlank(instrument, "instrument");
        this.reference = Checks.notNull(reference, "reference");
        this.settings = Checks.notNull(settings, "settings");
        this.listener = Checks.notNull(listener, "listener");
        this.names = reference.featureNames();
        int d = names.size();
        this.features = new RollingHistogram[d];
        for (int j = 0; j < d; j++) {
            features[j] = new RollingHistogram(reference.features().get(j), settings.window());
        }
        this.prediction = new RollingHistogram(reference.prediction(), settings.window());
        this.gate = new OutOfDistributionGate(reference.ood());
        double sd = Math.max(reference.loss().sd(), 1e-6);
        this.pageHinkley = new PageHinkley(settings.pageHinkleyDelta() * sd, settings.pageHinkleyLambda() * sd);
        this.ksKnown = new double[d + 1];
        this.ksAge = new int[d + 1];
        this.ksStep = 1.0 / settings.window();
        this.above = new boolean[2 * (d + 1)];
        java.util.Arrays.fill(ksKnown, Double.NaN);
    }

    /**
     * Records one bar's prediction: updates every drift statistic (alerting on crossings) and
     * scores the feature vector for gating.
     *
     * @param timeMillis    the bar's close time, epoch milliseconds
     * @param features      the raw feature vector, in the reference's feature order, finite values
     * @param probabilities the calibrated SELL, HOLD, BUY probabilities
     * @return whether the vector is out of distribution (the prediction should not be traded)
     * @throws IllegalArgumentException if a length differs or a value is not finite
     */
    public boolean onPrediction(long timeMillis, double[] features, double[] probabilities) {
        if (features.length != this.features.length || probabilities.length != 3) {
            throw new IllegalArgumentException("the drift monitor reads " + this.features.length + " features and 3 "
                    + "probabilities but got " + features.length + " and " + probabilities.length);
        }
        for (int j = 0; j < features.length; j++) {
            if (!Double.isFinite(features[j])) {
                throw new IllegalArgumentException("feature " + names.get(j) + " is " + features[j] + " at "
                        + Instant.ofEpochMilli(timeMillis));
            }
        }
        bars++;
        int d = this.features.length;
        for (int j = 0; j < d; j++) {
            RollingHistogram h = this.features[j];
            h.add(features[j]);
            if (h.isFull()) {
                check(j, h, timeMillis);
            }
        }
        prediction.add(probabilities[2] - probabilities[0]);
        if (prediction.isFull()) {
            check(d, prediction, timeMillis);
        }
        lastScore = gate.score(features);
        boolean out = gate.isOutOfDistribution(lastScore);
        if (out) {
            gated++;
        }
        return out;
    }

    private void check(int index, RollingHistogram h, long timeMillis) {
        cross(2 * index, index, Detector.PSI, h.psi(), settings.psiThreshold(), timeMillis);
        // Once the window is full a bar adds one value and drops one, so each cumulative count moves by at most one
        // and the KS distance by at most 1 / window: it is recomputed (19 bins) only on a bar where that bound allows
        // a crossing (above the threshold, or below the re-arm level after an alert); otherwise the crossing test
        // would give the same answer. Alerts are exactly those of computing it on every bar.
        int slot = 2 * index + 1;
        double known = ksKnown[index];
        double reach = ++ksAge[index] * ksStep + KS_ROUNDING;
        boolean undecided = Double.isNaN(known) || (above[slot]
                ? known - reach < REARM_FRACTION * settings.ksThreshold()
                : known + reach > settings.ksThreshold() + TOLERANCE);
        if (undecided) {
            double k = h.ks();
            ksKnown[index] = k;
            ksAge[index] = 0;
            cross(slot, index, Detector.KS, k, settings.ksThreshold(), timeMillis);
        }
    }

    private void cross(int slot, int index, Detector detector, double value, double threshold, long timeMillis) {
        if (above[slot]) {
            above[slot] = value >= REARM_FRACTION * threshold;
            return;
        }
        if (value > threshold + TOLERANCE) {
            above[slot] = true;
            alerts++;
            Instant time = Instant.ofEpochMilli(timeMillis);
            listener.onAlert(index < features.length
                    ? new DriftAlert.FeatureDrift(instrument, time, names.get(index), detector, value, threshold)
                    : new DriftAlert.PredictionDrift(instrument, time, detector, value, threshold));
        }
    }

    /**
     * Records the realised log loss of an earlier prediction (once its outcome is known).
     *
     * @param timeMillis when the outcome became known (the close time of the bar that settled it), epoch ms
     * @param loss       the per-bar log loss, {@link DriftReference#logLoss(double)} of the probability
     *                   the prediction gave the realised class; finite
     * @return whether the Page-Hinkley test alarmed (a {@link DriftAlert.PerformanceDegraded} was sent)
     * @throws IllegalArgumentException if {@code loss} is not finite
     */
    public boolean onLoss(long timeMillis, double loss) {
        losses++;
        lossSum += loss;
        if (pageHinkley.add(loss)) {
            alerts++;
            listener.onAlert(new DriftAlert.PerformanceDegraded(instrument, Instant.ofEpochMilli(timeMillis),
                    pageHinkley.statistic(), pageHinkley.lambda(), pageHinkley.mean(), reference.loss().mean()));
            return true;
        }
        return false;
    }

    /** The distance score of the last vector ({@link OutOfDistributionGate#score}); NaN before any. */
    public double lastScore() {
        return lastScore;
    }

    /** The gating threshold. */
    public double oodThreshold() {
        return gate.threshold();
    }

    /** Bars recorded by {@link #onPrediction}. */
    public long bars() {
        return bars;
    }

    /** Bars found out of distribution. */
    public long gated() {
        return gated;
    }

    /** Losses recorded by {@link #onLoss}. */
    public long losses() {
        return losses;
    }

    /** The mean of the losses recorded by {@link #onLoss}; NaN before any. */
    public double meanLoss() {
        return losses == 0 ? Double.NaN : lossSum / losses;
    }

    /** Alerts sent. */
    public long alerts() {
        return alerts;
    }

    /** The population stability index of feature {@code j}'s window; NaN until it is full. */
    public double featurePsi(int j) {
        RollingHistogram h = features[Checks.inRange(j, 0, features.length - 1, "feature")];
        return h.isFull() ? h.psi() : Double.NaN;
    }

    /** The Kolmogorov-Smirnov distance of feature {@code j}'s window; NaN until it is full. */
    public double featureKs(int j) {
        RollingHistogram h = features[Checks.inRange(j, 0, features.length - 1, "feature")];
        return h.isFull() ? h.ks() : Double.NaN;
    }

    /** The population stability index of the predictions' window; NaN until it is full. */
    public double predictionPsi() {
        return prediction.isFull() ? prediction.psi() : Double.NaN;
    }

    /** The Kolmogorov-Smirnov distance of the predictions' window; NaN until it is full. */
    public double predictionKs() {
        return prediction.isFull() ? prediction.ks() : Double.NaN;
    }

    /** The reference. */
    public DriftReference reference() {
        return reference;
    }

    /** The settings. */
    public DriftSettings settings() {
        return settings;
    }

    /** The instrument id. */
    public String instrument() {
        return instrument;
    }
}

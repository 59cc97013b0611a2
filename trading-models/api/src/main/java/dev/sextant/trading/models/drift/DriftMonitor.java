package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
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
 *
 * <p>Its exact state (every window, the Page-Hinkley test, which statistics are above their
 * thresholds, the counters) can be saved with {@link #writeState} and restored with
 * {@link #readState} into a monitor of the same instrument, reference and settings, which then
 * gives the alerts and gating the saved one would have given, bit for bit. The reference itself
 * is not part of the state (it comes from the bundle); the state records its
 * {@link DriftReference#hash() hash}.
 */
public final class DriftMonitor {

    /** The kind named in state errors. */
    public static final String STATE_KIND = "drift monitor state";
    /** The newest format version of {@link #writeState} this code writes and reads. */
    public static final int STATE_VERSION = 1;

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
    /** The reference's hash, computed on the first save or restore. */
    private String referenceHash;

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
        Arrays.fill(ksKnown, Double.NaN);
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
        if (!Double.isFinite(loss)) {
            // Checked before counting, so that a refused loss leaves the counters (and a saved state) as they were.
            throw new IllegalArgumentException("a loss must be finite but was " + loss + " at "
                    + Instant.ofEpochMilli(timeMillis));
        }
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

    /**
     * Writes the exact state so that {@link #readState} into a monitor of the same instrument,
     * reference and settings continues bit for bit as this one would: a format version
     * ({@value #STATE_VERSION}), the instrument, the reference's {@link DriftReference#hash() hash}
     * and the settings (checked on reading), the counters and the last distance score, the
     * Page-Hinkley test, the last exact Kolmogorov-Smirnov distances and their ages, which
     * statistics are above their thresholds, and the bins of every value in every window (one
     * byte per value for grids of up to 256 bins: about {@code (features + 1) * window} bytes, 12.5
     * KB for 24 features and the default window). The first save or restore of a monitor hashes
     * the reference ({@link DriftReference#hash()}); later ones reuse the hash.
     *
     * @param out where to write
     * @throws IOException from {@code out}
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeUTF(instrument);
        out.writeUTF(referenceHash());
        out.writeInt(settings.window());
        out.writeDouble(settings.psiThreshold());
        out.writeDouble(settings.ksThreshold());
        out.writeDouble(settings.pageHinkleyDelta());
        out.writeDouble(settings.pageHinkleyLambda());
        out.writeLong(bars);
        out.writeLong(gated);
        out.writeLong(losses);
        out.writeDouble(lossSum);
        out.writeLong(alerts);
        out.writeDouble(lastScore);
        pageHinkley.writeState(out);
        for (int i = 0; i < ksKnown.length; i++) {
            out.writeDouble(ksKnown[i]);
            out.writeInt(ksAge[i]);
        }
        for (boolean b : above) {
            out.writeBoolean(b);
        }
        for (RollingHistogram h : features) {
            h.writeState(out);
        }
        prediction.writeState(out);
    }

    /**
     * Replaces this monitor's state with one written by {@link #writeState}. Sends no alert.
     *
     * @param in where to read
     * @throws StateFormatException if the state is of a newer format ({@code UNSUPPORTED_VERSION}),
     *                              of another instrument, reference or settings ({@code FOREIGN}),
     *                              or holds an impossible count, slot, bin or statistic
     *                              ({@code CORRUPT}); the monitor is then as newly created
     * @throws IOException          from {@code in} (an {@link java.io.EOFException} when it ends
     *                              early; the monitor is then as newly created)
     */
    public void readState(DataInput in) throws IOException {
        reset();
        try {
            read(in);
        } catch (IOException | RuntimeException e) {
            reset();
            throw e;
        }
    }

    private void read(DataInput in) throws IOException {
        int version = in.readInt();
        if (version < 1 || version > STATE_VERSION) {
            throw new StateFormatException(STATE_KIND, Problem.UNSUPPORTED_VERSION, "format version " + version
                    + " but this code reads versions 1 to " + STATE_VERSION);
        }
        String savedInstrument = in.readUTF();
        if (!savedInstrument.equals(instrument)) {
            throw new StateFormatException(STATE_KIND, Problem.FOREIGN, "saved for instrument " + savedInstrument
                    + " but this monitor watches " + instrument);
        }
        String savedHash = in.readUTF();
        if (!savedHash.equals(referenceHash())) {
            throw new StateFormatException(STATE_KIND, Problem.FOREIGN, "saved against the reference with hash "
                    + savedHash + " but this monitor's reference has hash " + referenceHash());
        }
        DriftSettings saved;
        try {
            saved = new DriftSettings(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new StateFormatException(STATE_KIND, Problem.CORRUPT, "impossible settings: " + e.getMessage());
        }
        if (!saved.equals(settings)) {
            throw new StateFormatException(STATE_KIND, Problem.FOREIGN, "saved with " + saved + " but this monitor has "
                    + settings);
        }
        long b = in.readLong();
        long g = in.readLong();
        long l = in.readLong();
        double sum = in.readDouble();
        long a = in.readLong();
        double score = in.readDouble();
        // A score is taken on every bar (NaN before the first); losses are finite.
        if (b < 0 || g < 0 || g > b || l < 0 || a < 0 || !Double.isFinite(sum) || (l == 0 && sum != 0)
                || (b == 0 ? !Double.isNaN(score) : !(score >= 0))) {
            throw new StateFormatException(STATE_KIND, Problem.CORRUPT, "bars " + b + ", gated " + g + ", losses " + l
                    + " summing to " + sum + ", alerts " + a + " and last score " + score + " cannot occur together");
        }
        pageHinkley.readState(in);
        for (int i = 0; i < ksKnown.length; i++) {
            double ks = in.readDouble();
            int age = in.readInt();
            // Cumulative shares lie in [0, 1]; the reference's sum to 1 within 1e-6.
            if (!(Double.isNaN(ks) || (ks >= 0 && ks <= 1 + 1e-6)) || age < 0) {
                throw new StateFormatException(STATE_KIND, Problem.CORRUPT, "Kolmogorov-Smirnov distance " + ks + " of age "
                        + age + " for " + seriesName(i));
            }
            ksKnown[i] = ks;
            ksAge[i] = age;
        }
        for (int i = 0; i < above.length; i++) {
            above[i] = in.readBoolean();
        }
        int window = settings.window();
        long filled = Math.min(b, window);
        for (int i = 0; i <= features.length; i++) {
            RollingHistogram h = i < features.length ? features[i] : prediction;
            h.readState(in);
            // Every window takes one value per bar.
            if (h.filled() != filled || h.next() != b % window) {
                throw new StateFormatException(STATE_KIND, Problem.CORRUPT, "the window of " + seriesName(i) + " holds "
                        + h.filled() + " values up to slot " + h.next() + " after " + b + " bars");
            }
            // Nothing is measured or alerted before a window is full.
            if (!h.isFull() && (!Double.isNaN(ksKnown[i]) || ksAge[i] != 0 || above[2 * i] || above[2 * i + 1])) {
                throw new StateFormatException(STATE_KIND, Problem.CORRUPT, "statistics of " + seriesName(i)
                        + " before its window is full");
            }
        }
        bars = b;
        gated = g;
        losses = l;
        lossSum = sum;
        alerts = a;
        lastScore = score;
    }

    private String seriesName(int i) {
        return i < names.size() ? "feature " + names.get(i) : "the prediction";
    }

    private String referenceHash() {
        if (referenceHash == null) {
            referenceHash = reference.hash();
        }
        return referenceHash;
    }

    /** Forgets everything seen, as when created. */
    private void reset() {
        for (RollingHistogram h : features) {
            h.clear();
        }
        prediction.clear();
        pageHinkley.restart();
        Arrays.fill(ksKnown, Double.NaN);
        Arrays.fill(ksAge, 0);
        Arrays.fill(above, false);
        lastScore = Double.NaN;
        bars = 0;
        gated = 0;
        losses = 0;
        lossSum = 0;
        alerts = 0;
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

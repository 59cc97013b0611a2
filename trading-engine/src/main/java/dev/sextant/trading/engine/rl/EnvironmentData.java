package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureScaler;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.features.NonFinitePolicy;
import dev.sextant.trading.models.policy.PolicyObservation;

/**
 * The bars an environment trades and their scaled features, computed once. Feature rows come from
 * {@link FeatureEngine#compute}, which equals streaming the bars one by one: row {@code t} reads
 * bars up to {@code t} only. Scaling uses a {@link FeatureScaler} fitted elsewhere (on training
 * data, {@link #fitScaler}), never on the bars observed, so no observation depends on a later bar.
 *
 * <p>Immutable after construction and safe to share between environments and threads.
 */
public final class EnvironmentData {
    private final BarSeries series;
    private final FeatureSpec spec;
    private final FeatureScaler scaler;
    private final int features;
    private final double[] scaled;
    private final int firstDefined;

    private EnvironmentData(BarSeries series, FeatureSpec spec, FeatureScaler scaler) {
        this.series = series;
        this.spec = spec;
        this.scaler = scaler;
        this.features = spec.size();
        double[][] rows = FeatureEngine.create(spec).compute(series);
        int n = series.size();
        this.scaled = new double[n * features];
        double[] tmp = new double[features];
        int first = n;
        for (int t = 0; t < n; t++) {
            double[] row = rows[t];
            if (first == n && defined(row)) {
                first = t;
            }
            if (first <= t) {
                PolicyObservation.scaleInto(scaler, row, tmp, scaled, t * features);
            }
        }
        this.firstDefined = first;
    }

    /**
     * The features of {@code series} under {@code spec}, scaled by {@code scaler}.
     *
     * @throws IllegalArgumentException if the scaler's columns are not the spec's features
     */
    public static EnvironmentData of(BarSeries series, FeatureSpec spec, FeatureScaler scaler) {
        Checks.notNull(series, "series");
        Checks.notNull(spec, "spec");
        Checks.notNull(scaler, "scaler");
        if (!scaler.names().equals(spec.featureNames())) {
            throw new IllegalArgumentException("scaler columns " + scaler.names() + " are not the features of "
                    + spec.name() + ": " + spec.featureNames());
        }
        return new EnvironmentData(series, spec, scaler);
    }

    /**
     * A standard scaler fitted on every defined feature row of {@code training} (non-finite
     * inputs later become the centre).
     *
     * @throws IllegalArgumentException if no row of {@code training} is fully defined
     */
    public static FeatureScaler fitScaler(BarSeries training, FeatureSpec spec) {
        Checks.notNull(training, "training");
        Checks.notNull(spec, "spec");
        double[][] rows = FeatureEngine.create(spec).compute(training);
        int from = 0;
        while (from < rows.length && !defined(rows[from])) {
            from++;
        }
        int to = from;
        while (to < rows.length && defined(rows[to])) {
            to++;
        }
        if (to - from < 2) {
            throw new IllegalArgumentException("series " + training.name() + " of " + training.size()
                    + " bars has fewer than 2 rows with every feature of " + spec.name() + " defined");
        }
        return FeatureScaler.standard(spec.featureNames(), rows, from, to, NonFinitePolicy.IMPUTE_CENTER);
    }

    private static boolean defined(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** The bars. */
    public BarSeries series() {
        return series;
    }

    /** The features. */
    public FeatureSpec spec() {
        return spec;
    }

    /** The scaler applied. */
    public FeatureScaler scaler() {
        return scaler;
    }

    /** Bars. */
    public int size() {
        return series.size();
    }

    /** The first bar whose feature vector is defined ({@link #size()} if none). */
    public int firstDefined() {
        return firstDefined;
    }

    /**
     * The first bar at which an observation of {@code window} vectors is defined.
     */
    public int firstObservable(int window) {
        return firstDefined + window - 1;
    }

    /**
     * Writes the scaled feature vectors of bars {@code t - window + 1 .. t}, oldest first, into
     * {@code out} from {@code offset}. Reads nothing after bar {@code t}.
     */
    public void writeFeatures(int t, int window, double[] out, int offset) {
        int from = (t - window + 1) * features;
        System.arraycopy(scaled, from, out, offset, window * features);
    }

    /**
     * Bars in position after a bar whose position is {@code position}, given the count and the
     * sign before it: 0 when flat, 1 when the sign changed, one more when it held.
     */
    public static int nextBarsInPosition(int before, double previousPosition, double position) {
        int sign = Math.abs(position) <= Position.FLAT_EPSILON ? 0 : (int) Math.signum(position);
        int previous = Math.abs(previousPosition) <= Position.FLAT_EPSILON ? 0
                : (int) Math.signum(previousPosition);
        if (sign == 0) {
            return 0;
        }
        return sign == previous ? before + 1 : 1;
    }
}

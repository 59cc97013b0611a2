package dev.sextant.trading.engine;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.Labels;
import dev.sextant.trading.models.validation.LabelledPredictions;
import java.time.Instant;

/**
 * A series' features (batch values, equal to the streaming ones), labels and bar times, computed
 * once and shared by every training run over it (one per walk-forward fold). Rows before
 * {@code firstDefined} are warm-up and hold {@code null}.
 */
record TrainingRows(String name, float[][] features, Labels labels, long[] times, int firstDefined) {

    /**
     * Computes the features of {@code spec} and the fixed-horizon labels of {@code config}.
     *
     * @throws IllegalArgumentException if the series is too short for the warm-up, or a feature
     *                                  is not finite after it (naming the feature, bar and time)
     */
    static TrainingRows of(BarSeries series, FeatureSpec spec, int horizon, double labelThreshold, int volatilityWindow) {
        int n = series.size();
        double[][] raw = FeatureEngine.create(spec).compute(series);
        float[][] features = new float[n][];
        int first = 0;
        while (first < n && !finite(raw[first])) {
            first++;
        }
        if (first == n) {
            throw new IllegalArgumentException(series.name() + ": " + n + " bars are not enough for the " + spec.name()
                    + " warm-up");
        }
        for (int i = first; i < n; i++) {
            float[] row = new float[raw[i].length];
            for (int j = 0; j < row.length; j++) {
                float v = (float) raw[i][j];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(series.name() + ": feature " + spec.featureNames().get(j) + " is "
                            + raw[i][j] + " at bar " + i + " (" + Instant.ofEpochMilli(series.time(i)) + ")");
                }
                row[j] = v;
            }
            features[i] = row;
        }
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = series.time(i);
        }
        Labels labels = new FixedHorizonLabeler(horizon, labelThreshold, volatilityWindow).label(series);
        return new TrainingRows(series.name(), features, labels, times, first);
    }

    int size() {
        return times.length;
    }

    int featureCount() {
        return features[firstDefined].length;
    }

    /**
     * Predicts bars {@code [from, to)} with {@code model}, feeding each the window of feature rows
     * ending at the bar that it reads, with the realised labels.
     */
    LabelledPredictions predict(dev.sextant.trading.models.Model model, int from, int to) {
        int seq = model.metadata().sequenceLength();
        int f = model.metadata().featureCount();
        float[] input = new float[seq * f];
        double[] row = new double[3];
        int n = to - from;
        double[] p = new double[3 * n];
        int[] y = new int[n];
        long[] keys = new long[n];
        for (int r = 0; r < n; r++) {
            int i = from + r;
            for (int s = 0; s < seq; s++) {
                System.arraycopy(features[i - seq + 1 + s], 0, input, s * f, f);
            }
            model.predict(input, row);
            System.arraycopy(row, 0, p, 3 * r, 3);
            y[r] = labels.label(i);
            keys[r] = times[i];
        }
        return new LabelledPredictions(keys, p, y);
    }

    private static boolean finite(double[] row) {
        for (double v : row) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}

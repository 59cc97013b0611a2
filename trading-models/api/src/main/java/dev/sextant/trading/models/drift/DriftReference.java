package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A reference of a bundle's training inputs, the baseline every drift check compares with:
 * a quantile grid per feature (from the rows the models were fitted on), a grid of the held-out
 * predictions {@code P(BUY) - P(SELL)}, the held-out per-bar log loss, and the training subsample
 * and threshold of out-of-distribution gating. Stored in a bundle as
 * {@value #FILE}, covered by the bundle's checksum file.
 *
 * <p>Immutable and thread-safe.
 *
 * @param features   one grid per feature, in the bundle's feature order, names unique; at least one
 * @param prediction the grid of held-out predictions
 * @param loss       the held-out log loss
 * @param ood        what out-of-distribution gating needs; as many features as {@code features}
 */
public record DriftReference(List<ReferenceHistogram> features, ReferenceHistogram prediction, LossReference loss,
        OodReference ood) {

    /** The file name in a bundle. */
    public static final String FILE = "reference.json";
    /** The version of the file format written. */
    public static final int FORMAT_VERSION = 1;

    /** Validates and copies. */
    public DriftReference {
        features = List.copyOf(Checks.notNull(features, "features"));
        Checks.positive(features.size(), "number of features");
        Checks.notNull(prediction, "prediction");
        Checks.notNull(loss, "loss");
        Checks.notNull(ood, "ood");
        Set<String> names = new HashSet<>();
        for (ReferenceHistogram h : features) {
            if (!names.add(h.name())) {
                throw new IllegalArgumentException("feature '" + h.name() + "' appears twice");
            }
        }
        if (ood.featureCount() != features.size()) {
            throw new IllegalArgumentException("ood reads " + ood.featureCount() + " features but there are " + features.size()
                    + " feature grids");
        }
    }

    /**
     * Builds a reference.
     *
     * @param names         feature names, in row order
     * @param rows          the training rows (raw feature values), at least {@code neighbours + 2}
     * @param probabilities held-out calibrated predictions, 3 per row in SELL, HOLD, BUY order
     * @param labels        the held-out rows' realised classes (0 SELL, 1 HOLD, 2 BUY), one per prediction row
     * @param settings      grid and gating settings
     * @throws IllegalArgumentException if lengths do not match, a value is not finite, or there are too few rows
     */
    public static DriftReference build(List<String> names, float[][] rows, double[] probabilities, int[] labels,
            ReferenceSettings settings) {
        Checks.notNull(names, "names");
        Checks.notNull(rows, "rows");
        Checks.notNull(probabilities, "probabilities");
        Checks.notNull(labels, "labels");
        Checks.notNull(settings, "settings");
        Checks.positive(rows.length, "number of rows");
        int d = names.size();
        ReferenceHistogram[] grids = new ReferenceHistogram[d];
        double[] column = new double[rows.length];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < rows.length; i++) {
                if (rows[i].length != d) {
                    throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values but there are " + d
                            + " feature names");
                }
                column[i] = rows[i][j];
            }
            grids[j] = ReferenceHistogram.of(names.get(j), column, settings.bins());
        }
        int m = labels.length;
        Checks.positive(m, "number of held-out rows");
        if (probabilities.length != 3 * m) {
            throw new IllegalArgumentException("probabilities must hold 3 values per held-out row (" + 3 * m + ") but held "
                    + probabilities.length);
        }
        double[] score = new double[m];
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < m; i++) {
            if (labels[i] < 0 || labels[i] > 2) {
                throw new IllegalArgumentException("labels[" + i + "] must be 0, 1 or 2 but was " + labels[i]);
            }
            score[i] = probabilities[3 * i + 2] - probabilities[3 * i];
            double l = logLoss(probabilities[3 * i + labels[i]]);
            double delta = l - mean;
            mean += delta / (i + 1);
            m2 += delta * (l - mean);
        }
        return new DriftReference(List.of(grids), ReferenceHistogram.of(ReferenceHistogram.PREDICTION, score, settings.bins()),
                new LossReference(mean, Math.sqrt(m2 / m), m),
                OodReference.fit(rows, settings.oodSamples(), settings.oodNeighbours(), settings.oodQuantile()));
    }

    /** The per-bar log loss of a prediction that gave the realised class probability {@code p}: {@code -ln max(p, 1e-15)}. */
    public static double logLoss(double p) {
        return -Math.log(Math.max(p, 1e-15));
    }

    /** The feature names, in order. */
    public List<String> featureNames() {
        return features.stream().map(ReferenceHistogram::name).toList();
    }

    /**
     * Parses a reference file's text.
     *
     * @param where names the file in errors
     * @throws dev.sextant.trading.models.ModelLoadException if it is not valid JSON, a field is
     *         missing or has the wrong type, or a value breaks a rule (naming the field)
     */
    public static DriftReference parse(String json, String where) {
        return ReferenceJson.read(Checks.notNull(json, "json"), Checks.notBlank(where, "where"));
    }

    /** The reference as the text of a {@value #FILE}. */
    public String toJson() {
        return ReferenceJson.write(this);
    }

    /**
     * Lowercase hex SHA-256 of the UTF-8 bytes of {@link #toJson()}: equal references have equal
     * hashes. A {@link DriftMonitor}'s saved state records it, so that a state is never restored
     * against another reference. Costs a serialisation of the reference to JSON: callers that
     * need it often keep it.
     */
    public String hash() {
        return Sha256.of(toJson().getBytes(StandardCharsets.UTF_8));
    }
}

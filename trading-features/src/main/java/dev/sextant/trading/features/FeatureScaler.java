package dev.sextant.trading.features;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.features.internal.CanonicalJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fitted per-column affine scaling {@code (x - center) / scale}: {@link #standard} (mean and
 * population standard deviation) or {@link #robust} (median and interquartile range). Fitted
 * on a training range of rows only, so no statistic of later rows leaks into training; saved and
 * loaded as JSON (model bundles store it); applied per bar in streaming without allocating.
 *
 * <p>A column whose spread is zero over the training range gets scale 1 (it is only centred).
 * Immutable and thread-safe.
 */
public final class FeatureScaler {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The kind of statistics a scaler was fitted with. */
    public enum Kind {
        /** Mean and population standard deviation. */
        STANDARD,
        /** Median and interquartile range (q75 - q25, linear interpolation between order statistics). */
        ROBUST
    }

    private final Kind kind;
    private final List<String> names;
    private final double[] center;
    private final double[] scale;
    private final NonFinitePolicy policy;

    private FeatureScaler(Kind kind, List<String> names, double[] center, double[] scale, NonFinitePolicy policy) {
        this.kind = Checks.notNull(kind, "kind");
        this.names = List.copyOf(Checks.notNull(names, "names"));
        this.policy = Checks.notNull(policy, "policy");
        if (center.length != names.size() || scale.length != names.size() || names.isEmpty()) {
            throw new IllegalArgumentException("scaler needs one center and one scale per column: " + names.size()
                    + " names, " + center.length + " centers, " + scale.length + " scales");
        }
        for (int j = 0; j < center.length; j++) {
            Checks.finite(center[j], "center of " + names.get(j));
            Checks.positive(scale[j], "scale of " + names.get(j));
        }
        this.center = center.clone();
        this.scale = scale.clone();
    }

    /**
     * Fits mean / population standard deviation on rows {@code [from, to)}.
     *
     * @param names  column names (e.g. {@link FeatureSpec#featureNames()}), one per column
     * @param rows   the feature matrix; only rows {@code [from, to)} are read
     * @param policy what {@link #transform} does with non-finite inputs later
     * @throws IllegalArgumentException if the range is empty or outside the matrix, a row has the
     *                                  wrong width, or a value in the range is not finite (naming
     *                                  row and column)
     */
    public static FeatureScaler standard(List<String> names, double[][] rows, int from, int to, NonFinitePolicy policy) {
        int f = checkFit(names, rows, from, to);
        double[] mean = new double[f];
        double[] sd = new double[f];
        int n = to - from;
        for (int j = 0; j < f; j++) {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += rows[i][j];
            }
            double m = s / n;
            double q = 0;
            for (int i = from; i < to; i++) {
                double d = rows[i][j] - m;
                q += d * d;
            }
            mean[j] = m;
            double v = Math.sqrt(q / n);
            sd[j] = v > 0 ? v : 1.0;
        }
        return new FeatureScaler(Kind.STANDARD, names, mean, sd, policy);
    }

    /**
     * Fits median / interquartile range on rows {@code [from, to)}; see
     * {@link #standard(List, double[][], int, int, NonFinitePolicy)} for the arguments.
     */
    public static FeatureScaler robust(List<String> names, double[][] rows, int from, int to, NonFinitePolicy policy) {
        int f = checkFit(names, rows, from, to);
        double[] median = new double[f];
        double[] iqr = new double[f];
        double[] col = new double[to - from];
        for (int j = 0; j < f; j++) {
            for (int i = from; i < to; i++) {
                col[i - from] = rows[i][j];
            }
            Arrays.sort(col);
            median[j] = quantile(col, 0.5);
            double r = quantile(col, 0.75) - quantile(col, 0.25);
            iqr[j] = r > 0 ? r : 1.0;
        }
        return new FeatureScaler(Kind.ROBUST, names, median, iqr, policy);
    }

    /** Quantile of sorted values with linear interpolation between order statistics (Hyndman-Fan type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static int checkFit(List<String> names, double[][] rows, int from, int to) {
        Checks.notNull(names, "names");
        Checks.notNull(rows, "rows");
        if (from < 0 || to > rows.length || from >= to) {
            throw new IllegalArgumentException("training range [" + from + ", " + to + ") must be non-empty and inside the "
                    + rows.length + " rows");
        }
        int f = names.size();
        for (int i = from; i < to; i++) {
            if (rows[i] == null || rows[i].length != f) {
                throw new IllegalArgumentException("row " + i + " must hold " + f + " values but held "
                        + (rows[i] == null ? "null" : rows[i].length));
            }
            for (int j = 0; j < f; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", column " + names.get(j) + ": value " + rows[i][j]
                            + " is not finite; fit only on fully warm rows (the batch matrix holds NaN rows during warm-up)");
                }
            }
        }
        return f;
    }

    /** The statistics this scaler was fitted with. */
    public Kind kind() {
        return kind;
    }

    /** The column names, in order. */
    public List<String> names() {
        return names;
    }

    /** The number of columns. */
    public int size() {
        return names.size();
    }

    /** What {@link #transform} does with non-finite inputs. */
    public NonFinitePolicy policy() {
        return policy;
    }

    /** The per-column centres (mean or median); a copy. */
    public double[] center() {
        return center.clone();
    }

    /** The per-column scales (standard deviation or IQR, 1 where that was zero); a copy. */
    public double[] scale() {
        return scale.clone();
    }

    /**
     * Writes {@code (in[j] - center[j]) / scale[j]} into {@code out} ({@code out} may be
     * {@code in}). Allocation-free.
     *
     * @throws IllegalArgumentException if a length is wrong, or under {@link NonFinitePolicy#REJECT}
     *                                  an input is not finite (naming the column); {@code out}
     *                                  may then be partly written
     */
    public void transform(double[] in, double[] out) {
        int f = center.length;
        if (in.length != f || out.length < f) {
            throw new IllegalArgumentException("scaler of " + f + " columns got input of " + in.length + " and output of "
                    + out.length + " values");
        }
        for (int j = 0; j < f; j++) {
            double x = in[j];
            if (!Double.isFinite(x)) {
                if (policy == NonFinitePolicy.REJECT) {
                    throw new IllegalArgumentException("column " + names.get(j) + ": value " + x + " is not finite");
                }
                out[j] = 0.0;
            } else {
                out[j] = (x - center[j]) / scale[j];
            }
        }
    }

    /** Transforms every row of {@code rows} in place (rows entirely NaN, e.g. warm-up rows, are left as they are). */
    public void transformRows(double[][] rows) {
        for (double[] row : rows) {
            boolean allNaN = true;
            for (double v : row) {
                allNaN &= Double.isNaN(v);
            }
            if (!allNaN) {
                transform(row, row);
            }
        }
    }

    /** Canonical JSON: {@code {"center":[..],"kind":"standard","names":[..],"policy":"reject","scale":[..]}}. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
        m.put("policy", policy.name().toLowerCase(java.util.Locale.ROOT));
        m.put("names", names);
        m.put("center", Arrays.stream(center).boxed().toList());
        m.put("scale", Arrays.stream(scale).boxed().toList());
        return CanonicalJson.write(m);
    }

    /**
     * Reads a scaler written by {@link #toJson()}; numbers round-trip exactly.
     *
     * @throws IllegalArgumentException naming the field if the JSON is malformed or inconsistent
     */
    public static FeatureScaler fromJson(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Checks.notNull(json, "json"));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("scaler JSON is malformed: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("scaler JSON must be an object");
        }
        Kind kind = parseEnum(Kind.class, root, "kind");
        NonFinitePolicy policy = parseEnum(NonFinitePolicy.class, root, "policy");
        JsonNode n = field(root, "names");
        List<String> names = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isString()) {
                throw new IllegalArgumentException("scaler JSON: names must be strings but got " + x);
            }
            names.add(x.asString());
        }
        return new FeatureScaler(kind, names, numbers(root, "center"), numbers(root, "scale"), policy);
    }

    private static JsonNode field(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("scaler JSON: missing field '" + name + "'");
        }
        return v;
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, JsonNode root, String name) {
        JsonNode v = field(root, name);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(v.asString(""))) {
                return e;
            }
        }
        throw new IllegalArgumentException("scaler JSON: field '" + name + "' must be one of "
                + Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT) + " but was " + v);
    }

    private static double[] numbers(JsonNode root, String name) {
        JsonNode v = field(root, name);
        if (!v.isArray()) {
            throw new IllegalArgumentException("scaler JSON: field '" + name + "' must be an array");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new IllegalArgumentException("scaler JSON: " + name + "[" + i + "] must be a number but was " + v.get(i));
            }
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }

    @Override
    public String toString() {
        return "FeatureScaler[" + kind + ", " + names.size() + " columns, " + policy + "]";
    }
}

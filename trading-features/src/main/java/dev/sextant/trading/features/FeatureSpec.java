package dev.sextant.trading.features;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.internal.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A named, versioned, ordered list of features with their parameters: the contract between the
 * feature engine and a model. Model bundles record its {@link #hash()}, and loading a bundle
 * checks that the live engine's spec hashes alike.
 *
 * <p>With {@link #timeframes()} empty the features are computed on the input bars only. With time
 * frames {@code [1m, 5m, 15m, 1h]} the first is the input bars' time frame and every feature is
 * also computed on bars resampled to each further time frame; those columns are named
 * {@code feature@5m} and change only when a coarser bar has closed.
 *
 * <p>{@link #toJson()} is canonical (sorted keys, no whitespace, whole numbers without a
 * fraction, every parameter present) and {@link #hash()} is the lowercase hex SHA-256 of its UTF-8
 * bytes, hence stable across runs and JVMs. Immutable and thread-safe.
 */
public final class FeatureSpec {
    /** The name of {@link #standard24()}. */
    public static final String STANDARD_24 = "standard-24";
    /** The name of {@link #extended35()}. */
    public static final String EXTENDED_35 = "extended-35";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String name;
    private final int version;
    private final List<FeatureDefinition> features;
    private final List<TimeFrame> timeframes;
    private final List<String> baseColumns;
    private final List<String> featureNames;
    private final String json;

    private FeatureSpec(String name, int version, List<FeatureDefinition> features, List<TimeFrame> timeframes) {
        this.name = Checks.notBlank(name, "spec name");
        this.version = Checks.positive(version, "spec version");
        this.features = List.copyOf(Checks.notNull(features, "features"));
        this.timeframes = List.copyOf(Checks.notNull(timeframes, "timeframes"));
        if (this.features.isEmpty()) {
            throw new IllegalArgumentException("feature spec " + name + " must hold at least one feature");
        }
        List<String> base = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FeatureDefinition f : this.features) {
            for (String c : f.columns()) {
                if (!seen.add(c)) {
                    throw new IllegalArgumentException("feature spec " + name + ": duplicate column name '" + c + "'");
                }
                base.add(c);
            }
        }
        this.baseColumns = List.copyOf(base);
        for (int i = 1; i < this.timeframes.size(); i++) {
            TimeFrame prev = this.timeframes.get(i - 1);
            TimeFrame tf = this.timeframes.get(i);
            if (tf.millis() <= prev.millis() || tf.millis() % this.timeframes.get(0).millis() != 0) {
                throw new IllegalArgumentException("feature spec " + name + ": time frames must increase and be whole multiples of the first ("
                        + this.timeframes.get(0) + ") but were " + this.timeframes);
            }
        }
        List<String> all = new ArrayList<>(base);
        for (int i = 1; i < this.timeframes.size(); i++) {
            String suffix = "@" + this.timeframes.get(i).label();
            for (String c : base) {
                all.add(c + suffix);
            }
        }
        this.featureNames = List.copyOf(all);
        this.json = CanonicalJson.write(toMap());
    }

    /**
     * A spec of {@code features} on the input bars only.
     *
     * @param name     the spec name, not blank
     * @param version  the spec version, at least 1; bump it when a formula or parameter changes
     * @param features the features in column order, at least one, with distinct column names
     * @throws IllegalArgumentException if a rule above is broken
     */
    public static FeatureSpec of(String name, int version, List<FeatureDefinition> features) {
        return new FeatureSpec(name, version, features, List.of());
    }

    /**
     * This spec computed on several time frames: the first is the input bars' time frame, the
     * others coarser whole multiples of it in increasing order. An empty list or a single time
     * frame means the input bars only (a single one is kept and recorded in the JSON).
     *
     * @throws IllegalArgumentException if the time frames do not increase or are not multiples
     */
    public FeatureSpec withTimeframes(List<TimeFrame> timeframes) {
        return new FeatureSpec(name, version, features, timeframes);
    }

    /** The spec name, e.g. {@code "standard-24"}. */
    public String name() {
        return name;
    }

    /** The spec version (at least 1). */
    public int version() {
        return version;
    }

    /** The feature definitions, in order. */
    public List<FeatureDefinition> features() {
        return features;
    }

    /** The time frames: empty for the input bars only, else the input's first and coarser ones after. */
    public List<TimeFrame> timeframes() {
        return timeframes;
    }

    /** The column names of the features on the input bars, in order. */
    public List<String> baseFeatureNames() {
        return baseColumns;
    }

    /**
     * All column names in vector order: the features on the input bars, then the same names
     * suffixed {@code @5m} etc. for each coarser time frame.
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The length of a feature vector: {@code featureNames().size()}. */
    public int size() {
        return featureNames.size();
    }

    /** The canonical JSON form (see the class comment). */
    public String toJson() {
        return json;
    }

    /** Lowercase hex SHA-256 of the UTF-8 bytes of {@link #toJson()}. */
    public String hash() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("version", version);
        List<Object> fs = new ArrayList<>();
        for (FeatureDefinition f : features) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("name", f.name());
            fm.put("kind", f.kind());
            fm.put("params", new LinkedHashMap<>(f.params()));
            fs.add(fm);
        }
        m.put("features", fs);
        if (!timeframes.isEmpty()) {
            m.put("timeframes", timeframes.stream().map(TimeFrame::label).toList());
        }
        return m;
    }

    /**
     * Reads a spec from JSON of the form written by {@link #toJson()} (any key order and
     * whitespace; parameters may be left out to take their defaults).
     *
     * @throws IllegalArgumentException naming the field if the JSON is malformed, a field is
     *                                  missing, unknown or of the wrong type, or a definition
     *                                  is invalid
     */
    public static FeatureSpec fromJson(String json) {
        Checks.notNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("feature spec JSON is malformed: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("feature spec JSON must be an object");
        }
        onlyKeys(root, "feature spec", "name", "version", "features", "timeframes");
        String name = text(root, "name", "feature spec");
        JsonNode v = required(root, "version", "feature spec");
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("feature spec field 'version' must be a whole number but was " + v);
        }
        JsonNode fs = required(root, "features", "feature spec " + name);
        if (!fs.isArray()) {
            throw new IllegalArgumentException("feature spec " + name + ": field 'features' must be an array");
        }
        List<FeatureDefinition> defs = new ArrayList<>();
        for (int i = 0; i < fs.size(); i++) {
            JsonNode f = fs.get(i);
            String where = "feature spec " + name + ", features[" + i + "]";
            if (!f.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            onlyKeys(f, where, "name", "kind", "params");
            String fname = text(f, "name", where);
            String kind = text(f, "kind", where);
            Map<String, Double> params = new LinkedHashMap<>();
            JsonNode p = f.get("params");
            if (p != null && !p.isNull()) {
                if (!p.isObject()) {
                    throw new IllegalArgumentException(where + ": field 'params' must be an object");
                }
                for (Map.Entry<String, JsonNode> e : p.properties()) {
                    if (!e.getValue().isNumber()) {
                        throw new IllegalArgumentException(where + ": parameter '" + e.getKey() + "' must be a number but was "
                                + e.getValue());
                    }
                    params.put(e.getKey(), e.getValue().doubleValue());
                }
            }
            defs.add(new FeatureDefinition(fname, kind, params));
        }
        List<TimeFrame> tfs = new ArrayList<>();
        JsonNode t = root.get("timeframes");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) {
                throw new IllegalArgumentException("feature spec " + name + ": field 'timeframes' must be an array");
            }
            for (JsonNode x : t) {
                if (!x.isString()) {
                    throw new IllegalArgumentException("feature spec " + name + ": time frames must be strings like \"5m\" but got " + x);
                }
                tfs.add(TimeFrame.parse(x.asString()));
            }
        }
        return new FeatureSpec(name, v.intValue(), defs, tfs);
    }

    private static void onlyKeys(JsonNode node, String where, String... allowed) {
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String k = names.next();
            if (!List.of(allowed).contains(k)) {
                throw new IllegalArgumentException(where + ": unknown field '" + k + "'; expected " + List.of(allowed));
            }
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(where + ": missing field '" + field + "'");
        }
        return v;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = required(node, field, where);
        if (!v.isString()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' must be a string but was " + v);
        }
        return v.asString();
    }

    /**
     * {@code standard-24} version 1: 24 stationary, scale-free features (formulas in
     * {@code docs/features.md}): {@code rsi_14, macd_rel, macd_signal_rel, macd_hist_rel,
     * bb_pct_b, bb_width, stoch_k, stoch_d, willr_14, cci_20, adx_14, di_spread_14, close_ema_9,
     * close_ema_21, close_sma_10, close_sma_20, atr_rel_14, volume_ratio_20, obv_zscore_20,
     * range_pos_20, trend_slope_20, hl_range_rel, log_return_1, realized_vol_20}. Warm-up 33 bars.
     */
    public static FeatureSpec standard24() {
        return of(STANDARD_24, 1, standardFeatures());
    }

    private static List<FeatureDefinition> standardFeatures() {
        return List.of(
                FeatureDefinition.of("rsi_14", "rsi", "period", 14),
                FeatureDefinition.of("macd_rel", "macd_line_rel"),
                FeatureDefinition.of("macd_signal_rel", "macd_signal_rel"),
                FeatureDefinition.of("macd_hist_rel", "macd_hist_rel"),
                FeatureDefinition.of("bb_pct_b", "bb_percent_b"),
                FeatureDefinition.of("bb_width", "bb_width"),
                FeatureDefinition.of("stoch_k", "stoch_k"),
                FeatureDefinition.of("stoch_d", "stoch_d"),
                FeatureDefinition.of("willr_14", "willr", "period", 14),
                FeatureDefinition.of("cci_20", "cci", "period", 20),
                FeatureDefinition.of("adx_14", "adx", "period", 14),
                FeatureDefinition.of("di_spread_14", "di_spread", "period", 14),
                FeatureDefinition.of("close_ema_9", "close_to_ema", "period", 9),
                FeatureDefinition.of("close_ema_21", "close_to_ema", "period", 21),
                FeatureDefinition.of("close_sma_10", "close_to_sma", "period", 10),
                FeatureDefinition.of("close_sma_20", "close_to_sma", "period", 20),
                FeatureDefinition.of("atr_rel_14", "atr_rel", "period", 14),
                FeatureDefinition.of("volume_ratio_20", "volume_ratio", "period", 20),
                FeatureDefinition.of("obv_zscore_20", "obv_zscore", "period", 20),
                FeatureDefinition.of("range_pos_20", "range_position", "period", 20),
                FeatureDefinition.of("trend_slope_20", "trend_slope", "period", 20, "atr_period", 14),
                FeatureDefinition.of("hl_range_rel", "hl_range_rel"),
                FeatureDefinition.of("log_return_1", "log_return", "period", 1),
                FeatureDefinition.of("realized_vol_20", "realized_vol", "period", 20));
    }

    /**
     * {@code extended-35} version 1: {@link #standard24()} followed by 11 more:
     * {@code log_return_5, log_return_10, log_return_20, vwap_dist_20, vwap_band_pos_20,
     * keltner_pos_20, donchian_pos_55, mfi_14, roc_10, return_skew_20, volume_zscore_20}.
     * Warm-up 54 bars.
     */
    public static FeatureSpec extended35() {
        List<FeatureDefinition> all = new ArrayList<>(standardFeatures());
        all.addAll(List.of(
                FeatureDefinition.of("log_return_5", "log_return", "period", 5),
                FeatureDefinition.of("log_return_10", "log_return", "period", 10),
                FeatureDefinition.of("log_return_20", "log_return", "period", 20),
                FeatureDefinition.of("vwap_dist_20", "vwap_distance", "period", 20),
                FeatureDefinition.of("vwap_band_pos_20", "vwap_band_position", "period", 20),
                FeatureDefinition.of("keltner_pos_20", "keltner_position"),
                FeatureDefinition.of("donchian_pos_55", "range_position", "period", 55),
                FeatureDefinition.of("mfi_14", "mfi", "period", 14),
                FeatureDefinition.of("roc_10", "roc", "period", 10),
                FeatureDefinition.of("return_skew_20", "return_skew", "period", 20),
                FeatureDefinition.of("volume_zscore_20", "volume_zscore", "period", 20)));
        return of(EXTENDED_35, 1, all);
    }

    /**
     * A built-in spec by name: {@code "standard-24"} or {@code "extended-35"}.
     *
     * @throws IllegalArgumentException if there is no built-in spec of that name
     */
    public static FeatureSpec named(String name) {
        return switch (Checks.notNull(name, "name")) {
            case STANDARD_24 -> standard24();
            case EXTENDED_35 -> extended35();
            default -> throw new IllegalArgumentException("unknown feature set '" + name + "'; built-in sets: "
                    + STANDARD_24 + ", " + EXTENDED_35);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureSpec other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "FeatureSpec[" + name + " v" + version + ", " + size() + " features"
                + (timeframes.isEmpty() ? "" : ", " + timeframes) + "]";
    }
}

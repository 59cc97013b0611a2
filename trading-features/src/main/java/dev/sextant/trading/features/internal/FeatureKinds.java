package dev.sextant.trading.features.internal;

import dev.sextant.trading.features.FeatureDefinition;
import dev.sextant.trading.features.indicators.Adx;
import dev.sextant.trading.features.indicators.Atr;
import dev.sextant.trading.features.indicators.BollingerBands;
import dev.sextant.trading.features.indicators.Cci;
import dev.sextant.trading.features.indicators.ChainedIndicator;
import dev.sextant.trading.features.indicators.DonchianChannel;
import dev.sextant.trading.features.indicators.Ema;
import dev.sextant.trading.features.indicators.Indicator;
import dev.sextant.trading.features.indicators.KeltnerChannel;
import dev.sextant.trading.features.indicators.LinearRegressionSlope;
import dev.sextant.trading.features.indicators.LogReturn;
import dev.sextant.trading.features.indicators.Macd;
import dev.sextant.trading.features.indicators.Mfi;
import dev.sextant.trading.features.indicators.Obv;
import dev.sextant.trading.features.indicators.Roc;
import dev.sextant.trading.features.indicators.RollingPercentileRank;
import dev.sextant.trading.features.indicators.RollingSkewness;
import dev.sextant.trading.features.indicators.RollingStdDev;
import dev.sextant.trading.features.indicators.Rsi;
import dev.sextant.trading.features.indicators.Sma;
import dev.sextant.trading.features.indicators.Source;
import dev.sextant.trading.features.indicators.Stochastic;
import dev.sextant.trading.features.indicators.Vwap;
import dev.sextant.trading.features.indicators.WilliamsR;
import dev.sextant.trading.features.indicators.ZScore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The registry of feature kinds: their parameters (with defaults and ranges), column names and
 * how each builds a {@link FeatureKernel} from pooled indicators. The formulas are documented
 * in {@code docs/features.md}; keep the two in step.
 */
public final class FeatureKinds {
    private FeatureKinds() {
    }

    /** A parameter: default, inclusive range, and whether it must be a whole number. */
    record Param(String name, double defaultValue, double min, double max, boolean integer) {
    }

    /** A kind: parameters, category labels and codes (categorical kinds only), kernel builder. */
    record Kind(String id, List<Param> params, List<String> categories, double[] codes,
                BiFunction<Args, IndicatorPool, Built> builder) {
    }

    /** A feature's name and resolved parameters, as seen by a builder. */
    record Args(String name, Map<String, Double> params) {
        double param(String key) {
            return params.get(key);
        }
    }

    /** What a builder returns: the indicators read (with the output of each) and the formula. */
    record Built(Indicator[] deps, int[] outputs, Formula formula) {
    }

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();
    private static final List<String> LOW_MID_HIGH = List.of("low", "mid", "high");
    private static final double[] LOW_MID_HIGH_CODES = {0, 1, 2};
    private static final List<String> DOWN_FLAT_UP = List.of("down", "flat", "up");
    private static final double[] DOWN_FLAT_UP_CODES = {-1, 0, 1};

    private static Param period(String name, int def) {
        return new Param(name, def, 1, 100_000, true);
    }

    private static Param period(String name, int def, int min) {
        return new Param(name, def, min, 100_000, true);
    }

    private static Param positive(String name, double def) {
        return new Param(name, def, Double.MIN_VALUE, 1e9, false);
    }

    private static final Param ONE_HOT = new Param("one_hot", 0, 0, 1, true);

    private static void kind(String id, List<Param> params, BiFunction<Args, IndicatorPool, Built> builder) {
        KINDS.put(id, new Kind(id, params, null, null, builder));
    }

    private static void categorical(String id, List<Param> params, List<String> categories, double[] codes,
                                    BiFunction<Args, IndicatorPool, Built> builder) {
        List<Param> all = new ArrayList<>(params);
        all.add(ONE_HOT);
        KINDS.put(id, new Kind(id, all, categories, codes, builder));
    }

    private static int p(Args d, String key) {
        return (int) d.param(key);
    }

    private static Built one(Indicator dep, int output, Formula f) {
        return new Built(new Indicator[] {dep}, new int[] {output}, f);
    }

    private static Built two(Indicator a, int outA, Indicator b, int outB, Formula f) {
        return new Built(new Indicator[] {a, b}, new int[] {outA, outB}, f);
    }

    /** Position of {@code x} between {@code lower} and {@code upper}: 0 at lower, 1 at upper, 0.5 when they coincide. */
    static double position(double x, double lower, double upper) {
        double w = upper - lower;
        return w > 0 ? (x - lower) / w : 0.5;
    }

    static {
        kind("rsi", List.of(period("period", 14)),
                (d, pool) -> one(pool.get(new Rsi(p(d, "period"))), 0, (a, o, h, l, c, v) -> a[0]));
        for (int out = 0; out < 3; out++) {
            int k = out;
            String id = switch (out) {
                case 0 -> "macd_line_rel";
                case 1 -> "macd_signal_rel";
                default -> "macd_hist_rel";
            };
            kind(id, List.of(period("fast", 12), period("slow", 26, 2), period("signal", 9)),
                    (d, pool) -> one(pool.get(new Macd(p(d, "fast"), p(d, "slow"), p(d, "signal"), Source.CLOSE)), k,
                            (a, o, h, l, c, v) -> a[0] / c));
        }
        kind("bb_percent_b", List.of(period("period", 20), positive("k", 2.0)),
                (d, pool) -> {
                    Indicator bb = pool.get(new BollingerBands(p(d, "period"), d.param("k"), Source.CLOSE));
                    return two(bb, 2, bb, 0, (a, o, h, l, c, v) -> position(c, a[0], a[1]));
                });
        kind("bb_width", List.of(period("period", 20), positive("k", 2.0)),
                (d, pool) -> {
                    Indicator bb = pool.get(new BollingerBands(p(d, "period"), d.param("k"), Source.CLOSE));
                    return new Built(new Indicator[] {bb, bb, bb}, new int[] {0, 1, 2},
                            (a, o, h, l, c, v) -> (a[0] - a[2]) / a[1]);
                });
        kind("stoch_k", List.of(period("k_period", 14), period("d_period", 3)),
                (d, pool) -> one(pool.get(new Stochastic(p(d, "k_period"), p(d, "d_period"))), 0, (a, o, h, l, c, v) -> a[0]));
        kind("stoch_d", List.of(period("k_period", 14), period("d_period", 3)),
                (d, pool) -> one(pool.get(new Stochastic(p(d, "k_period"), p(d, "d_period"))), 1, (a, o, h, l, c, v) -> a[0]));
        kind("willr", List.of(period("period", 14)),
                (d, pool) -> one(pool.get(new WilliamsR(p(d, "period"))), 0, (a, o, h, l, c, v) -> a[0]));
        kind("cci", List.of(period("period", 20)),
                (d, pool) -> one(pool.get(new Cci(p(d, "period"))), 0, (a, o, h, l, c, v) -> a[0]));
        kind("adx", List.of(period("period", 14)),
                (d, pool) -> one(pool.get(new Adx(p(d, "period"))), 0, (a, o, h, l, c, v) -> a[0]));
        kind("di_spread", List.of(period("period", 14)),
                (d, pool) -> {
                    Indicator adx = pool.get(new Adx(p(d, "period")));
                    return two(adx, 1, adx, 2, (a, o, h, l, c, v) -> {
                        double s = a[0] + a[1];
                        return s > 0 ? (a[0] - a[1]) / s : 0.0;
                    });
                });
        kind("close_to_ema", List.of(period("period", 20)),
                (d, pool) -> one(pool.get(new Ema(p(d, "period"))), 0, (a, o, h, l, c, v) -> c / a[0] - 1.0));
        kind("close_to_sma", List.of(period("period", 20)),
                (d, pool) -> one(pool.get(new Sma(p(d, "period"))), 0, (a, o, h, l, c, v) -> c / a[0] - 1.0));
        kind("atr_rel", List.of(period("period", 14)),
                (d, pool) -> one(pool.get(new Atr(p(d, "period"))), 0, (a, o, h, l, c, v) -> a[0] / c));
        kind("volume_ratio", List.of(period("period", 20)),
                (d, pool) -> one(pool.get(new Sma(p(d, "period"), Source.VOLUME)), 0,
                        (a, o, h, l, c, v) -> a[0] > 0 ? v / a[0] : 1.0));
        kind("obv_zscore", List.of(period("period", 20, 2)),
                (d, pool) -> one(pool.get(new ChainedIndicator(new Obv(), 0, new ZScore(p(d, "period")))), 0,
                        (a, o, h, l, c, v) -> a[0]));
        kind("range_position", List.of(period("period", 20)),
                (d, pool) -> {
                    Indicator dc = pool.get(new DonchianChannel(p(d, "period")));
                    return two(dc, 2, dc, 0, (a, o, h, l, c, v) -> position(c, a[0], a[1]));
                });
        kind("trend_slope", List.of(period("period", 20, 2), period("atr_period", 14)),
                (d, pool) -> two(pool.get(new LinearRegressionSlope(p(d, "period"))), 0,
                        pool.get(new Atr(p(d, "atr_period"))), 0,
                        (a, o, h, l, c, v) -> a[1] > 0 ? a[0] / a[1] : 0.0));
        kind("log_return", List.of(period("period", 1)),
                (d, pool) -> one(pool.get(new LogReturn(p(d, "period"), Source.CLOSE)), 0, (a, o, h, l, c, v) -> a[0]));
        kind("realized_vol", List.of(period("period", 20)),
                (d, pool) -> one(pool.get(realizedVol(p(d, "period"))), 0, (a, o, h, l, c, v) -> a[0]));
        kind("hl_range_rel", List.of(),
                (d, pool) -> new Built(new Indicator[0], new int[0], (a, o, h, l, c, v) -> (h - l) / c));
        kind("vwap_distance", List.of(period("period", 20)),
                (d, pool) -> one(pool.get(new Vwap(p(d, "period"))), 0, (a, o, h, l, c, v) -> c / a[0] - 1.0));
        kind("vwap_band_position", List.of(period("period", 20), positive("k", 2.0)),
                (d, pool) -> {
                    Indicator vw = pool.get(new Vwap(p(d, "period"), d.param("k")));
                    return two(vw, 2, vw, 1, (a, o, h, l, c, v) -> position(c, a[0], a[1]));
                });
        kind("keltner_position", List.of(period("ema_period", 20), positive("multiplier", 2.0), period("atr_period", 10)),
                (d, pool) -> {
                    Indicator kc = pool.get(new KeltnerChannel(p(d, "ema_period"), d.param("multiplier"), p(d, "atr_period")));
                    return two(kc, 2, kc, 0, (a, o, h, l, c, v) -> position(c, a[0], a[1]));
                });
        kind("mfi", List.of(period("period", 14)),
                (d, pool) -> one(pool.get(new Mfi(p(d, "period"))), 0, (a, o, h, l, c, v) -> a[0]));
        kind("roc", List.of(period("period", 10)),
                (d, pool) -> one(pool.get(new Roc(p(d, "period"))), 0, (a, o, h, l, c, v) -> a[0]));
        kind("return_skew", List.of(period("period", 20, 3)),
                (d, pool) -> one(pool.get(new ChainedIndicator(new LogReturn(), 0, new RollingSkewness(p(d, "period")))), 0,
                        (a, o, h, l, c, v) -> a[0]));
        kind("volume_zscore", List.of(period("period", 20, 2)),
                (d, pool) -> one(pool.get(new ZScore(p(d, "period"), Source.VOLUME)), 0, (a, o, h, l, c, v) -> a[0]));
        categorical("volatility_regime", List.of(period("vol_period", 20), period("lookback", 250, 2)),
                LOW_MID_HIGH, LOW_MID_HIGH_CODES,
                (d, pool) -> one(pool.get(new ChainedIndicator(realizedVol(p(d, "vol_period")), 0,
                                new RollingPercentileRank(p(d, "lookback"), Source.CLOSE))), 0,
                        (a, o, h, l, c, v) -> a[0] < 1.0 / 3.0 ? 0.0 : a[0] < 2.0 / 3.0 ? 1.0 : 2.0));
        categorical("trend_regime", List.of(period("adx_period", 14), period("slope_period", 20, 2),
                        new Param("threshold", 25, 0, 100, false)),
                DOWN_FLAT_UP, DOWN_FLAT_UP_CODES,
                (d, pool) -> {
                    double threshold = d.param("threshold");
                    return two(pool.get(new Adx(p(d, "adx_period"))), 0,
                            pool.get(new LinearRegressionSlope(p(d, "slope_period"))), 0,
                            (a, o, h, l, c, v) -> a[0] >= threshold ? Math.signum(a[1]) : 0.0);
                });
        categorical("momentum_regime", List.of(period("rsi_period", 14), new Param("upper", 60, 0, 100, false),
                        new Param("lower", 40, 0, 100, false)),
                DOWN_FLAT_UP, DOWN_FLAT_UP_CODES,
                (d, pool) -> {
                    double upper = d.param("upper");
                    double lower = d.param("lower");
                    if (lower > upper) {
                        throw new IllegalArgumentException("feature " + d.name() + ": lower=" + lower
                                + " must not exceed upper=" + upper);
                    }
                    return one(pool.get(new Rsi(p(d, "rsi_period"))), 0,
                            (a, o, h, l, c, v) -> a[0] > upper ? 1.0 : a[0] < lower ? -1.0 : 0.0);
                });
    }

    private static Indicator realizedVol(int period) {
        return new ChainedIndicator(new LogReturn(), 0, new RollingStdDev(period));
    }

    /** The parameters of kind {@code id} (defaults and ranges), in declaration order; for the docs' table test. */
    static List<Param> params(String id) {
        return kind(id, id).params;
    }

    /** The known kinds, in registration order. */
    public static Set<String> kinds() {
        return Collections.unmodifiableSet(KINDS.keySet());
    }

    private static Kind kind(String featureName, String id) {
        Kind k = KINDS.get(id);
        if (k == null) {
            throw new IllegalArgumentException("feature " + featureName + ": unknown kind '" + id + "'; known kinds: " + KINDS.keySet());
        }
        return k;
    }

    /**
     * Validates {@code given} against the parameters of {@code kindId} and returns every parameter,
     * defaults filled in, sorted by name and unmodifiable.
     */
    public static Map<String, Double> resolve(String featureName, String kindId, Map<String, Double> given) {
        Kind k = kind(featureName, kindId);
        for (String key : given.keySet()) {
            if (k.params.stream().noneMatch(p -> p.name.equals(key))) {
                throw new IllegalArgumentException("feature " + featureName + " of kind " + kindId + ": unknown parameter '" + key
                        + "'; parameters: " + k.params.stream().map(Param::name).toList());
            }
        }
        TreeMap<String, Double> out = new TreeMap<>();
        for (Param p : k.params) {
            Double v = given.get(p.name);
            double x = v == null ? p.defaultValue : v;
            if (!Double.isFinite(x) || x < p.min || x > p.max || (p.integer && x != Math.rint(x))) {
                throw new IllegalArgumentException("feature " + featureName + " of kind " + kindId + ": parameter " + p.name
                        + " must be " + (p.integer ? "a whole number " : "") + "in [" + p.min + ", " + p.max + "] but was " + x);
            }
            out.put(p.name, x);
        }
        Map<String, Double> resolved = Collections.unmodifiableMap(out);
        // Building against a throwaway pool checks the constraints between parameters (e.g. slow > fast).
        try {
            k.builder.apply(new Args(featureName, resolved), new IndicatorPool());
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("feature " + featureName)) {
                throw e;
            }
            throw new IllegalArgumentException("feature " + featureName + " of kind " + kindId + ": " + e.getMessage(), e);
        }
        return resolved;
    }

    /** The column names of {@code def}: its name, or one per category when one-hot. */
    public static List<String> columns(FeatureDefinition def) {
        Kind k = kind(def.name(), def.kind());
        if (k.categories != null && def.param("one_hot") == 1.0) {
            return k.categories.stream().map(c -> def.name() + "_" + c).toList();
        }
        return List.of(def.name());
    }

    /** Builds the kernel of {@code def} against {@code pool}. */
    static FeatureKernel build(FeatureDefinition def, IndicatorPool pool) {
        Kind k = kind(def.name(), def.kind());
        Built b = k.builder.apply(new Args(def.name(), def.params()), pool);
        boolean oneHot = k.categories != null && def.param("one_hot") == 1.0;
        return new FeatureKernel(columns(def), b.deps, b.outputs, b.formula, k.codes, oneHot);
    }
}

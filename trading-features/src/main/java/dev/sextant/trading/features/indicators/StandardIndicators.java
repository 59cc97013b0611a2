package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * The standard indicator table written by {@code sextant indicators}: exactly these 20 columns,
 * in this order, each the named output of a default-parameter indicator:
 * {@code sma_10, sma_20, ema_9, ema_21, rsi_14, macd, macd_signal, macd_hist, bb_upper,
 * bb_middle, bb_lower, stoch_k, stoch_d, willr_14, cci_20, adx_14, plus_di_14, minus_di_14,
 * atr_14, obv}. Stateless and thread-safe; the indicators it creates are not.
 */
public final class StandardIndicators {
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("sma_10", "sma_20", "ema_9", "ema_21", "rsi_14", "macd", "macd_signal",
            "macd_hist", "bb_upper", "bb_middle", "bb_lower", "stoch_k", "stoch_d", "willr_14", "cci_20", "adx_14", "plus_di_14",
            "minus_di_14", "atr_14", "obv");

    private StandardIndicators() {
    }

    /** Column count, {@code COLUMNS.size()}. */
    private static final int WIDTH = 20;
    private static final int SMA_FAST = 10;
    private static final int SMA_SLOW = 20;
    private static final int EMA_FAST = 9;
    private static final int EMA_SLOW = 21;
    private static final int RSI = 14;
    private static final int MACD_FAST = 12;
    private static final int MACD_SLOW = 26;
    private static final int MACD_SIGNAL = 9;
    private static final int BB_PERIOD = 20;
    private static final double BB_K = 2.0;
    private static final int STOCH_K = 14;
    private static final int STOCH_D = 3;
    private static final int WILLR = 14;
    private static final int CCI = 20;
    private static final int ADX = 14;
    private static final int ATR = 14;
    /** Columns 0 to 10 are computed from the close (leading NaN skipped); the others from bars. */
    private static final int CLOSE_COLUMNS = 11;
    private static final int[] WARM_UPS = warmUps();

    /**
     * Fresh instances of the distinct indicators behind the columns (MACD, Bollinger Bands,
     * Stochastic and ADX each supply several columns): Sma(10), Sma(20), Ema(9), Ema(21),
     * Rsi(14), Macd(12, 26, 9), BollingerBands(20, 2), Stochastic(14, 3), WilliamsR(14), Cci(20),
     * Adx(14), Atr(14), Obv.
     */
    public static List<Indicator> create() {
        return List.of(new Sma(SMA_FAST), new Sma(SMA_SLOW), new Ema(EMA_FAST), new Ema(EMA_SLOW), new Rsi(RSI),
                new Macd(MACD_FAST, MACD_SLOW, MACD_SIGNAL, Source.CLOSE), new BollingerBands(BB_PERIOD, BB_K, Source.CLOSE),
                new Stochastic(STOCH_K, STOCH_D), new WilliamsR(WILLR), new Cci(CCI), new Adx(ADX), new Atr(ATR), new Obv());
    }

    /**
     * Batch: {@code [20][series.size()]} values, column {@code k} named {@code COLUMNS.get(k)},
     * {@code NaN} during each column's warm-up.
     */
    public static double[][] compute(BarSeries series) {
        return compute(BarColumns.of(Checks.notNull(series, "series")));
    }

    /** Batch over columns into fresh arrays; see {@link #compute(BarColumns, double[][])}. */
    public static double[][] compute(BarColumns bars) {
        double[][] out = new double[WIDTH][Checks.notNull(bars, "bars").size()];
        compute(bars, out);
        return out;
    }

    /**
     * Batch into caller-owned columns: {@code out[k][i]} receives column {@code k} (named
     * {@code COLUMNS.get(k)}) at bar {@code i} for {@code i < bars.size()}, {@code NaN} during the
     * column's warm-up; entries past {@code bars.size()} are not touched. The values are exactly
     * those of the indicators of {@link #create()} computed one by one. Allocates nothing, reads
     * each input column a few times and writes each output once (the 14-bar highest high and
     * lowest low are found once for both Stochastic and Williams %R), so reusing {@code out}
     * across calls costs no allocation or zeroing. Thread-safe for distinct {@code out}.
     *
     * @param bars the input columns; the close must be finite after any leading NaN
     * @param out  20 arrays, each at least {@code bars.size()} long
     * @throws IllegalArgumentException if {@code out} has the wrong shape or a close after the
     *                                  leading NaN is not finite (the message names the index)
     */
    public static void compute(BarColumns bars, double[][] out) {
        Checks.notNull(bars, "bars");
        int n = bars.size();
        IndicatorCore.checkShape(out, n, WIDTH, "standard indicators");
        double[] h = bars.high();
        double[] l = bars.low();
        double[] c = bars.close();
        int from = firstFinite(c, n);
        Sma.kernel(c, from, n, SMA_FAST, out[0]);
        Sma.kernel(c, from, n, SMA_SLOW, out[1]);
        Ema.kernel(c, from, n, EMA_FAST, out[2]);
        Ema.kernel(c, from, n, EMA_SLOW, out[3]);
        Rsi.kernel(c, from, n, RSI, out[4]);
        Macd.kernel(c, from, n, MACD_FAST, MACD_SLOW, MACD_SIGNAL, out[5], out[6], out[7]);
        BollingerBands.kernel(c, from, n, BB_PERIOD, BB_K, out[8], out[9], out[10]);
        // stoch_k holds the highest highs and stoch_d the lowest lows until both are consumed.
        RollingExtreme.highestLowest(h, l, n, STOCH_K, out[11], out[12]);
        WilliamsR.fromExtremes(c, n, WILLR, out[11], out[12], out[13]);
        Stochastic.fromExtremes(c, n, STOCH_K, STOCH_D, out[11], out[11], out[12]);
        Cci.kernel(h, l, c, n, CCI, out[14]);
        Adx.kernel(h, l, c, n, ADX, out[15], out[16], out[17]);
        Atr.kernel(h, l, c, n, ATR, out[18]);
        Obv.kernel(c, bars.volume(), n, out[19]);
        for (int k = 0; k < WIDTH; k++) {
            int start = k < CLOSE_COLUMNS ? from : 0;
            Arrays.fill(out[k], 0, (int) Math.min(n, (long) start + WARM_UPS[k]), Double.NaN);
        }
    }

    /**
     * The index of the first close that is not NaN (value indicators skip leading NaN, see
     * {@link ValueIndicator}); every close from there on must be finite.
     */
    private static int firstFinite(double[] c, int n) {
        int from = 0;
        while (from < n && Double.isNaN(c[from])) {
            from++;
        }
        for (int i = from; i < n; i++) {
            if (!Double.isFinite(c[i])) {
                throw new IllegalArgumentException("standard indicators: close must be finite but was " + c[i] + " at index " + i);
            }
        }
        return from;
    }

    /** The warm-up of each column, in column order. */
    public static int[] warmUps() {
        int[] w = new int[COLUMNS.size()];
        int k = 0;
        for (Indicator ind : create()) {
            for (int o = 0; o < ind.outputs(); o++) {
                w[k++] = ind.warmUp(o);
            }
        }
        return w;
    }
}

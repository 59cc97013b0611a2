package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import java.util.ArrayList;
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

    /**
     * Fresh instances of the distinct indicators behind the columns (MACD, Bollinger Bands,
     * Stochastic and ADX each supply several columns): Sma(10), Sma(20), Ema(9), Ema(21),
     * Rsi(14), Macd(12, 26, 9), BollingerBands(20, 2), Stochastic(14, 3), WilliamsR(14), Cci(20),
     * Adx(14), Atr(14), Obv.
     */
    public static List<Indicator> create() {
        return List.of(new Sma(10), new Sma(20), new Ema(9), new Ema(21), new Rsi(14), new Macd(), new BollingerBands(),
                new Stochastic(), new WilliamsR(), new Cci(), new Adx(), new Atr(), new Obv());
    }

    /**
     * Batch: {@code [20][series.size()]} values, column {@code k} named {@code COLUMNS.get(k)},
     * {@code NaN} during each column's warm-up.
     */
    public static double[][] compute(BarSeries series) {
        return compute(BarColumns.of(Checks.notNull(series, "series")));
    }

    /** Batch over columns; see {@link #compute(BarSeries)}. */
    public static double[][] compute(BarColumns bars) {
        List<double[]> cols = new ArrayList<>(COLUMNS.size());
        for (Indicator ind : create()) {
            double[][] out = new double[ind.outputs()][bars.size()];
            ind.compute(bars, out);
            for (double[] c : out) {
                cols.add(c);
            }
        }
        return cols.toArray(new double[0][]);
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

package dev.sextant.trading.features.indicators;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.features.ta4j.Ta4jSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.ROCIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.averages.WMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelMiddleIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelLowerIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelMiddleIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelUpperIndicator;
import org.ta4j.core.indicators.numeric.NumericIndicator;
import org.ta4j.core.indicators.numeric.UnaryOperationIndicator;
import org.ta4j.core.indicators.statistics.SimpleLinearRegressionIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.MoneyFlowIndexIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * Every indicator against Ta4j 0.22.2 (DoubleNum) on real data: Apple daily bars (252) and
 * Bitstamp BTC/USD trades aggregated to 1-minute bars. After a burn-in, values agree to a
 * relative tolerance; where Ta4j's convention differs (seeding of recursive averages) the
 * burn-in lets the seed's influence decay, see docs/features.md.
 */
class Ta4jComparisonTest {
    private static BarSeries apple;
    private static BarSeries btc;

    @BeforeAll
    static void load() {
        apple = TestBars.apple();
        btc = TestBars.btcMinutes();
    }

    /** One comparison: a Sextant output against a Ta4j indicator built on the same series. */
    record Case(String name, Function<BarSeries, double[]> sextant, Function<org.ta4j.core.BarSeries, Indicator<Num>> ta4j) {
    }

    static Case c(String name, java.util.function.Supplier<dev.sextant.trading.features.indicators.Indicator> ind, int output,
                  Function<org.ta4j.core.BarSeries, Indicator<Num>> ta4j) {
        return new Case(name, s -> ind.get().compute(s)[output], ta4j);
    }

    static ClosePriceIndicator close(org.ta4j.core.BarSeries s) {
        return new ClosePriceIndicator(s);
    }

    static List<Case> cases() {
        List<Case> l = new ArrayList<>();
        l.add(c("sma_10", () -> new Sma(10), 0, s -> new SMAIndicator(close(s), 10)));
        l.add(c("sma_20", () -> new Sma(20), 0, s -> new SMAIndicator(close(s), 20)));
        l.add(c("ema_9", () -> new Ema(9), 0, s -> new EMAIndicator(close(s), 9)));
        l.add(c("ema_21", () -> new Ema(21), 0, s -> new EMAIndicator(close(s), 21)));
        l.add(c("wma_10", () -> new Wma(10), 0, s -> new WMAIndicator(close(s), 10)));
        l.add(c("rsi_14", () -> new Rsi(14), 0, s -> new RSIIndicator(close(s), 14)));
        l.add(c("macd", Macd::new, 0, s -> new MACDIndicator(close(s), 12, 26)));
        l.add(c("macd_signal", Macd::new, 1, s -> new MACDIndicator(close(s), 12, 26).getSignalLine(9)));
        l.add(c("macd_hist", Macd::new, 2, s -> new MACDIndicator(close(s), 12, 26).getHistogram(9)));
        l.add(c("bb_upper", BollingerBands::new, 0, s -> {
            BollingerBandsMiddleIndicator m = new BollingerBandsMiddleIndicator(new SMAIndicator(close(s), 20));
            return new BollingerBandsUpperIndicator(m, new StandardDeviationIndicator(close(s), 20), s.numFactory().numOf(2));
        }));
        l.add(c("bb_middle", BollingerBands::new, 1, s -> new BollingerBandsMiddleIndicator(new SMAIndicator(close(s), 20))));
        l.add(c("bb_lower", BollingerBands::new, 2, s -> {
            BollingerBandsMiddleIndicator m = new BollingerBandsMiddleIndicator(new SMAIndicator(close(s), 20));
            return new BollingerBandsLowerIndicator(m, new StandardDeviationIndicator(close(s), 20), s.numFactory().numOf(2));
        }));
        l.add(c("stoch_k", Stochastic::new, 0, s -> new StochasticOscillatorKIndicator(s, 14)));
        l.add(c("stoch_d", Stochastic::new, 1, s -> new StochasticOscillatorDIndicator(new StochasticOscillatorKIndicator(s, 14))));
        l.add(c("willr_14", WilliamsR::new, 0, s -> new WilliamsRIndicator(s, 14)));
        l.add(c("cci_20", Cci::new, 0, s -> new CCIIndicator(s, 20)));
        l.add(c("adx_14", Adx::new, 0, s -> new ADXIndicator(s, 14)));
        l.add(c("plus_di_14", Adx::new, 1, s -> new PlusDIIndicator(s, 14)));
        l.add(c("minus_di_14", Adx::new, 2, s -> new MinusDIIndicator(s, 14)));
        l.add(c("atr_14", Atr::new, 0, s -> new ATRIndicator(s, 14)));
        l.add(c("vwap_20", () -> new Vwap(20), 0, s -> new VWAPIndicator(s, 20)));
        l.add(c("stddev_20", () -> new RollingStdDev(20), 0, s -> new StandardDeviationIndicator(close(s), 20)));
        l.add(c("zscore_20", () -> new ZScore(20), 0, s -> NumericIndicator.of(close(s)).minus(new SMAIndicator(close(s), 20))
                .dividedBy(new StandardDeviationIndicator(close(s), 20))));
        l.add(c("log_return_1", LogReturn::new, 0, s -> UnaryOperationIndicator.log(NumericIndicator.of(close(s)).dividedBy(
                NumericIndicator.of(close(s)).previous()))));
        l.add(c("max_14_high", () -> new RollingMax(14, Source.HIGH), 0, s -> new HighestValueIndicator(new HighPriceIndicator(s), 14)));
        l.add(c("min_14_low", () -> new RollingMin(14, Source.LOW), 0, s -> new LowestValueIndicator(new LowPriceIndicator(s), 14)));
        l.add(c("roc_10", () -> new Roc(10), 0, s -> new ROCIndicator(close(s), 10)));
        l.add(c("linreg_slope_20", () -> new LinearRegressionSlope(20), 0, s -> new SimpleLinearRegressionIndicator(close(s), 20,
                SimpleLinearRegressionIndicator.SimpleLinearRegressionType.SLOPE)));
        l.add(c("keltner_upper", KeltnerChannel::new, 0, s -> new KeltnerChannelUpperIndicator(new KeltnerChannelMiddleIndicator(s, 20), 2.0, 10)));
        l.add(c("keltner_middle", KeltnerChannel::new, 1, s -> new KeltnerChannelMiddleIndicator(s, 20)));
        l.add(c("keltner_lower", KeltnerChannel::new, 2, s -> new KeltnerChannelLowerIndicator(new KeltnerChannelMiddleIndicator(s, 20), 2.0, 10)));
        l.add(c("donchian_upper_20", () -> new DonchianChannel(20), 0, s -> new DonchianChannelUpperIndicator(s, 20)));
        l.add(c("donchian_middle_20", () -> new DonchianChannel(20), 1, s -> new DonchianChannelMiddleIndicator(s, 20)));
        l.add(c("donchian_lower_20", () -> new DonchianChannel(20), 2, s -> new DonchianChannelLowerIndicator(s, 20)));
        return l;
    }

    static double[] ta4jValues(Indicator<Num> ind, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            Num x = ind.getValue(i);
            v[i] = x.isNaN() ? Double.NaN : x.doubleValue();
        }
        return v;
    }

    /** Largest relative difference from bar {@code from} on (NaN on either side counts as infinite). */
    static double maxRelDiff(double[] a, double[] b, int from) {
        double worst = 0;
        for (int i = from; i < a.length; i++) {
            double d = Math.abs(a[i] - b[i]) / Math.max(1.0, Math.abs(b[i]));
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            worst = Math.max(worst, d);
        }
        return worst;
    }

    /** Recursive averages whose seeding differs from Ta4j's: compared after a burn-in. */
    private static final java.util.Set<String> RECURSIVE = java.util.Set.of("ema_9", "ema_21", "rsi_14", "macd", "macd_signal",
            "macd_hist", "adx_14", "plus_di_14", "minus_di_14", "atr_14", "keltner_upper", "keltner_middle", "keltner_lower");

    private static void check(BarSeries s, int recursiveBurnIn, double recursiveTol) {
        org.ta4j.core.BarSeries t = Ta4jSeries.toTa4j(s, DoubleNumFactory.getInstance());
        StringBuilder failures = new StringBuilder();
        for (Case c : cases()) {
            double[] ours = c.sextant.apply(s);
            double[] theirs = ta4jValues(c.ta4j.apply(t), s.size());
            boolean recursive = RECURSIVE.contains(c.name);
            int from = recursive ? recursiveBurnIn : firstDefined(ours);
            // Ta4j's DoubleNum CCI computes the mean deviation less exactly than the exact two-pass
            // used here (checked against BigDecimal in CciTest): 1e-8 instead of 1e-9.
            double tol = recursive ? recursiveTol : c.name.startsWith("cci") ? 1e-8 : 1e-9;
            double d = maxRelDiff(ours, theirs, from);
            if (!(d <= tol)) {
                failures.append(c.name).append(" differs by ").append(d).append(" from bar ").append(from).append('\n');
            }
        }
        assertTrue(failures.isEmpty(), s + ":\n" + failures);
    }

    static int firstDefined(double[] v) {
        int i = 0;
        while (i < v.length && Double.isNaN(v[i])) {
            i++;
        }
        return i;
    }

    @Test
    void everyIndicatorMatchesTa4jOnAppleDailyBars() {
        // 252 bars only: the seeds of the recursive averages have decayed to 1e-4 by bar 200.
        check(apple, 200, 1e-4);
    }

    @Test
    void everyIndicatorMatchesTa4jOnBitcoinMinuteBars() {
        // 9,399 one-minute bars: after 400 bars the recursive averages agree to 1e-10 as well.
        assertTrue(btc.size() > 5000, "BTC/USD minute bars: " + btc.size());
        check(btc, 400, 1e-10);
    }

    @Test
    void obvEqualsTa4jAfterRemovingTheStartingVolume() {
        // TA-Lib starts OBV at the first bar's volume, Ta4j at 0: the two differ by that constant.
        for (BarSeries s : List.of(apple, btc)) {
            double[] ours = new Obv().compute(s)[0];
            double[] theirs = ta4jValues(new OnBalanceVolumeIndicator(Ta4jSeries.toTa4j(s, DoubleNumFactory.getInstance())), s.size());
            double[] shifted = new double[ours.length];
            for (int i = 0; i < ours.length; i++) {
                shifted[i] = ours[i] - s.volume(0);
            }
            assertTrue(maxRelDiff(shifted, theirs, 0) <= 1e-9, s + ": OBV minus first volume should equal Ta4j's OBV");
        }
    }

    @Test
    void mfiEqualsTa4jWhereBothMoneyFlowSumsAreAtLeastOne() {
        // Ta4j clamps each money-flow sum to at least 1 (max(sum, 1)); Sextant does not, so the two
        // agree exactly where both sums are at least 1 and differ elsewhere (e.g. one-sided windows).
        for (BarSeries s : List.of(apple, btc)) {
            double[] ours = new Mfi(14).compute(s)[0];
            double[] theirs = ta4jValues(new MoneyFlowIndexIndicator(Ta4jSeries.toTa4j(s, DoubleNumFactory.getInstance()), 14), s.size());
            int compared = 0;
            for (int i = 14; i < s.size(); i++) {
                double pos = 0;
                double neg = 0;
                for (int j = i - 13; j <= i; j++) {
                    double tp = (s.high(j) + s.low(j) + s.close(j)) / 3.0;
                    double prev = (s.high(j - 1) + s.low(j - 1) + s.close(j - 1)) / 3.0;
                    if (tp > prev) {
                        pos += tp * s.volume(j);
                    } else if (tp < prev) {
                        neg += tp * s.volume(j);
                    }
                }
                if (pos >= 1 && neg >= 1) {
                    compared++;
                    assertTrue(Math.abs(ours[i] - theirs[i]) <= 1e-9 * Math.max(1, Math.abs(theirs[i])),
                            s + " MFI at bar " + i + ": " + ours[i] + " vs Ta4j " + theirs[i]);
                }
            }
            assertTrue(compared > s.size() / 2, s + ": compared only " + compared + " bars");
        }
    }
}

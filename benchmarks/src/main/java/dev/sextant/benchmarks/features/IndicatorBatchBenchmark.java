package dev.sextant.benchmarks.features;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.features.indicators.BarColumns;
import dev.sextant.trading.features.indicators.StandardIndicators;
import dev.sextant.trading.features.ta4j.Ta4jSeries;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.StochasticOscillatorDIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

/**
 * Batch computation of the 20 {@code sextant indicators} columns (sma_10 ... obv) over the same
 * generated 1-minute bars, Sextant against Ta4j 0.22.2 with {@code DoubleNum}, in the same run.
 * One operation is the whole table for all bars. Sextant's operation includes copying its series
 * into columns; Ta4j's builds fresh indicators (its values are cached per instance) and reads
 * every value of every column in bar order, as Ta4j computes recursive indicators efficiently.
 * Both series are built in setup, outside the measurement, each in its own fork (Ta4j's 1M-bar
 * series of DoubleNum needs a large heap; Sextant's arrays do not).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IndicatorBatchBenchmark {
    /** Number of generated 1-minute bars. */
    static final int BARS = 1_000_000;
    /** Seed of the generated bars (also used by {@link GeneratedBarsFile} for the native anchor). */
    static final long SEED = 42;

    /** The Sextant series, built once per fork. */
    @State(Scope.Benchmark)
    public static class SextantBars {
        BarSeries series;

        @Setup
        public void setUp() {
            series = GeneratedBars.generate(BARS, SEED);
        }
    }

    /**
     * The bars already in columns and 20 caller-owned output columns, built once per fork: the
     * state of a caller that recomputes the table into the same buffers, as Tulip Indicators'
     * callers do (the native anchor in {@code benchmarks/native/} times the same work).
     */
    @State(Scope.Benchmark)
    public static class SextantColumns {
        BarColumns bars;
        double[][] out;

        @Setup
        public void setUp() {
            bars = BarColumns.of(GeneratedBars.generate(BARS, SEED));
            out = new double[StandardIndicators.COLUMNS.size()][BARS];
        }
    }

    /** The same bars as a Ta4j series of DoubleNum, built once per fork. */
    @State(Scope.Benchmark)
    public static class Ta4jBars {
        org.ta4j.core.BarSeries series;

        @Setup
        public void setUp() {
            series = Ta4jSeries.toTa4j(GeneratedBars.generate(BARS, SEED), DoubleNumFactory.getInstance());
        }
    }

    /**
     * Sextant: copy to columns, compute the 20 columns (freshly allocated result arrays); compare
     * with the native anchor's {@code compute_copy}. A
     * right-sized, pre-touched heap so that the measurement is not of first-touch page faults.
     */
    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
    public double[][] sextant(SextantBars bars) {
        return StandardIndicators.compute(BarColumns.of(bars.series));
    }

    /**
     * Sextant, compute only: the 20 columns from ready columns into the caller's buffers; no
     * copy, no allocation. Compare with the native anchor's {@code compute_only}.
     */
    @Benchmark
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 2)
    @Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch"})
    public double[][] sextantInto(SextantColumns columns) {
        StandardIndicators.compute(columns.bars, columns.out);
        return columns.out;
    }

    /** Ta4j: one operation takes seconds, so each iteration below is a single operation. */
    @Benchmark
    @Warmup(iterations = 4, time = 1)
    @Measurement(iterations = 3, time = 1)
    @Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g"})
    public void ta4j(Ta4jBars bars, Blackhole bh) {
        org.ta4j.core.BarSeries s = bars.series;
        ClosePriceIndicator close = new ClosePriceIndicator(s);
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        SMAIndicator sma20 = new SMAIndicator(close, 20);
        BollingerBandsMiddleIndicator bbMiddle = new BollingerBandsMiddleIndicator(sma20);
        StandardDeviationIndicator sd = new StandardDeviationIndicator(close, 20);
        Num two = s.numFactory().numOf(2);
        StochasticOscillatorKIndicator k = new StochasticOscillatorKIndicator(s, 14);
        List<Indicator<Num>> columns = List.of(
                new SMAIndicator(close, 10), sma20, new EMAIndicator(close, 9), new EMAIndicator(close, 21),
                new RSIIndicator(close, 14), macd, macd.getSignalLine(9), macd.getHistogram(9),
                new BollingerBandsUpperIndicator(bbMiddle, sd, two), bbMiddle, new BollingerBandsLowerIndicator(bbMiddle, sd, two),
                k, new StochasticOscillatorDIndicator(k), new WilliamsRIndicator(s, 14), new CCIIndicator(s, 20),
                new ADXIndicator(s, 14), new PlusDIIndicator(s, 14), new MinusDIIndicator(s, 14), new ATRIndicator(s, 14),
                new OnBalanceVolumeIndicator(s));
        int n = s.getBarCount();
        for (Indicator<Num> column : columns) {
            for (int i = 0; i < n; i++) {
                bh.consume(column.getValue(i));
            }
        }
    }
}

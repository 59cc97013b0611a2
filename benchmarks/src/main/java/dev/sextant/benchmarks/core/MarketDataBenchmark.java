package dev.sextant.benchmarks.core;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bars CSV parse throughput (bars/s) and trade aggregation throughput (trades/s) on one million
 * generated rows held in memory, so the disk is not measured. Scores are operations per second
 * where one operation is one row.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class MarketDataBenchmark {
    static final int ROWS = 1_000_000;

    private byte[] barsCsv;
    private byte[] tradesCsv;
    private long[] tradeTimes;
    private double[] tradePrices;
    private double[] tradeAmounts;

    @Setup
    public void generate() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        BarSeries bars = new BarSeries("gen", TimeFrame.M1, ROWS);
        double price = 100;
        long t = 1_600_000_000_000L;
        for (int i = 0; i < ROWS; i++) {
            double open = price;
            price *= Math.exp(rnd.nextGaussian() * 0.001);
            double close = price;
            double high = Math.max(open, close) * (1 + rnd.nextDouble() * 0.001);
            double low = Math.min(open, close) * (1 - rnd.nextDouble() * 0.001);
            bars.append(t, open, high, low, close, Math.floor(rnd.nextDouble() * 10_000) / 100);
            t += 60_000;
        }
        StringWriter w = new StringWriter(ROWS * 80);
        BarCsvWriter.write(bars, w);
        barsCsv = w.toString().getBytes(StandardCharsets.UTF_8);

        StringBuilder sb = new StringBuilder(ROWS * 40).append("timestamp,price,amount\n");
        tradeTimes = new long[ROWS];
        tradePrices = new double[ROWS];
        tradeAmounts = new double[ROWS];
        long ts = 1_600_000_000_000L;
        price = 100;
        for (int i = 0; i < ROWS; i++) {
            ts += rnd.nextInt(0, 2_000);
            price *= Math.exp(rnd.nextGaussian() * 0.0002);
            double p = Math.round(price * 100) / 100.0;
            double a = Math.round(rnd.nextDouble() * 1e6) / 1e6;
            tradeTimes[i] = ts;
            tradePrices[i] = p;
            tradeAmounts[i] = a;
            sb.append(ts).append(',').append(p).append(',').append(a).append('\n');
        }
        tradesCsv = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parse and validate one million bars CSV rows into a BarSeries. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public BarSeries parseBarsCsv() {
        return BarCsvReader.read(new ByteArrayInputStream(barsCsv), "bench");
    }

    /** Aggregate one million in-memory trades into 1-minute bars (streaming aggregator). */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void aggregateTrades(Blackhole bh) {
        TradeAggregator agg = new TradeAggregator(TimeFrame.M1);
        for (int i = 0; i < ROWS; i++) {
            bh.consume(agg.onTrade(tradeTimes[i], tradePrices[i], tradeAmounts[i]));
        }
        bh.consume(agg.flush());
    }

    /** Parse one million trades CSV rows and aggregate them into 1-minute bars. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public BarSeries parseAndAggregateTradesCsv() {
        try (TradeCsvReader r = TradeCsvReader.open(new ByteArrayInputStream(tradesCsv), "bench")) {
            return TradeAggregator.aggregate(r, TimeFrame.M1, "bench");
        }
    }
}

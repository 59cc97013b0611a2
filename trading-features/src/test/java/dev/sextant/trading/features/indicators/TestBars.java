package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvReader;
import dev.sextant.trading.core.io.TradeAggregator;
import dev.sextant.trading.core.io.TradeCsvReader;
import java.io.InputStream;
import java.util.Random;

/** Test data: random valid series for properties, and the real Apple and BTC/USD bars. */
public final class TestBars {
    private TestBars() {
    }

    /**
     * A random valid series: a geometric random walk with random volatility, occasional flat
     * stretches (equal closes, zero ranges), occasional zero volume, bars one minute apart.
     */
    public static BarSeries random(long seed, int size) {
        Random r = new Random(seed);
        BarSeries s = new BarSeries("random-" + seed, TimeFrame.M1, size);
        double price = Math.exp(r.nextDouble() * 9);
        double vol = 0.0005 + r.nextDouble() * 0.05;
        long t = 1_600_000_000_000L - Math.floorMod(1_600_000_000_000L, 3_600_000L);
        int flat = 0;
        for (int i = 0; i < size; i++) {
            if (flat == 0 && r.nextInt(40) == 0) {
                flat = 1 + r.nextInt(25);
            }
            double open = price;
            double close;
            double high;
            double low;
            if (flat > 0) {
                flat--;
                close = open;
                high = open;
                low = open;
            } else {
                close = open * Math.exp(vol * r.nextGaussian());
                high = Math.max(open, close) * Math.exp(Math.abs(vol * 0.5 * r.nextGaussian()));
                low = Math.min(open, close) * Math.exp(-Math.abs(vol * 0.5 * r.nextGaussian()));
            }
            double volume = r.nextInt(10) == 0 ? 0.0 : Math.rint(r.nextDouble() * 100_000) / 100.0;
            s.append(t, open, high, low, close, volume);
            t += 60_000L;
            price = close;
        }
        return s;
    }

    /** Bars from {high, low, close, volume} rows (open = close), one minute apart. */
    public static BarSeries hlcv(double[]... rows) {
        BarSeries s = new BarSeries("hand", TimeFrame.M1, rows.length);
        for (int i = 0; i < rows.length; i++) {
            double[] r = rows[i];
            s.append(60_000L * i, r[2], r[0], r[1], r[2], r[3]);
        }
        return s;
    }

    /** Bars whose open, high, low and close all equal {@code closes[i]}, volume 1. */
    public static BarSeries closes(double... closes) {
        BarSeries s = new BarSeries("hand", TimeFrame.M1, closes.length);
        for (int i = 0; i < closes.length; i++) {
            s.append(60_000L * i, closes[i], closes[i], closes[i], closes[i], 1);
        }
        return s;
    }

    /** Streams {@code s} through {@code ind} and returns output {@code k} per bar. */
    public static double[] stream(Indicator ind, BarSeries s, int k) {
        double[] v = new double[s.size()];
        for (int i = 0; i < s.size(); i++) {
            ind.update(s.bar(i));
            v[i] = ind.value(k);
        }
        return v;
    }

    /** Asserts that streaming and batch both give {@code expected} (NaN where undefined) to 1e-12. */
    public static void assertOutput(java.util.function.Supplier<Indicator> factory, BarSeries s, int k, double... expected) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, stream(factory.get(), s, k), 1e-12, "streaming");
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, factory.get().compute(s)[k], 1e-12, "batch");
    }

    private static InputStream resource(String name) {
        InputStream in = TestBars.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " not on the test class path (org.ta4j:ta4j-examples)");
        }
        return in;
    }

    /** Apple daily bars from 2013-01-02, 252 bars (ta4j-examples). */
    public static BarSeries apple() {
        return BarCsvReader.read(resource("appleinc_bars_from_20130101_usd.csv"), "appleinc_bars_from_20130101_usd.csv");
    }

    /** Bitstamp BTC/USD trades from 2013-11-25 aggregated into 1-minute bars (ta4j-examples). */
    public static BarSeries btcMinutes() {
        return TradeAggregator.aggregate(
                TradeCsvReader.readAll(resource("bitstamp_trades_from_20131125_usd.csv"), "bitstamp_trades_from_20131125_usd.csv"),
                TimeFrame.M1, "BTC/USD");
    }
}

package dev.sextant.benchmarks.features;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import java.util.SplittableRandom;

/** One million (or any number of) generated 1-minute bars: a seeded geometric random walk. */
final class GeneratedBars {
    private GeneratedBars() {
    }

    static BarSeries generate(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        BarSeries bars = new BarSeries("generated", TimeFrame.M1, n);
        double price = 100;
        long t = 1_600_000_000_000L;
        for (int i = 0; i < n; i++) {
            double open = price;
            price *= Math.exp(rnd.nextGaussian() * 0.001);
            double close = price;
            double high = Math.max(open, close) * (1 + rnd.nextDouble() * 0.001);
            double low = Math.min(open, close) * (1 - rnd.nextDouble() * 0.001);
            bars.append(t, open, high, low, close, Math.floor(rnd.nextDouble() * 10_000) / 100 + 0.01);
            t += 60_000;
        }
        return bars;
    }
}

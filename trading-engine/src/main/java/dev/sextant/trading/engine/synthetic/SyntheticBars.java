package dev.sextant.trading.engine.synthetic;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import java.util.SplittableRandom;

/**
 * Seeded synthetic bar series with known statistical properties, for checking that a pipeline
 * cannot see the future: on a random walk no honest model beats a coin, and on an AR(1) series
 * with negative coefficient an honest model finds the mean reversion. Synthetic data is for these
 * checks and for benchmarks, never for performance claims.
 *
 * <p>Bars are built from log returns r_t: close_t = close_{t-1} · exp(r_t), open_t = close_{t-1},
 * high/low extend the open-close range by a random fraction of the bar's volatility, volume is
 * log-normal.
 */
public final class SyntheticBars {
    private SyntheticBars() {
    }

    /**
     * A geometric random walk: independent normal log returns with mean 0.
     *
     * @param bars       number of bars, positive
     * @param volatility per-bar standard deviation of log returns, positive (e.g. 0.001)
     * @param seed       random seed
     */
    public static BarSeries randomWalk(int bars, double volatility, long seed) {
        return ar1(bars, 0, volatility, seed);
    }

    /**
     * Log returns following AR(1): r_t = phi · r_{t-1} + sigma · e_t, e_t standard normal.
     *
     * @param bars       number of bars, positive
     * @param phi        autoregressive coefficient in (-1, 1), e.g. -0.25 for mean reversion
     * @param volatility innovation standard deviation sigma, positive
     * @param seed       random seed
     */
    public static BarSeries ar1(int bars, double phi, double volatility, long seed) {
        Checks.positive(bars, "bars");
        Checks.inRange(phi, -0.999, 0.999, "phi");
        Checks.positive(volatility, "volatility");
        SplittableRandom rnd = new SplittableRandom(seed);
        BarSeries s = new BarSeries(phi == 0 ? "random-walk" : "ar1(" + phi + ")", TimeFrame.M1, bars);
        long t = 1_600_000_000_000L - Math.floorMod(1_600_000_000_000L, 60_000L);
        double close = 100;
        double r = 0;
        for (int i = 0; i < bars; i++) {
            r = phi * r + volatility * rnd.nextGaussian();
            double open = close;
            close = open * Math.exp(r);
            double wick = volatility * Math.abs(rnd.nextGaussian()) * 0.5;
            double high = Math.max(open, close) * (1 + wick);
            double low = Math.min(open, close) / (1 + volatility * Math.abs(rnd.nextGaussian()) * 0.5);
            double volume = Math.exp(10 + 0.5 * rnd.nextGaussian());
            s.append(t, open, high, low, close, volume);
            t += 60_000L;
        }
        return s;
    }
}

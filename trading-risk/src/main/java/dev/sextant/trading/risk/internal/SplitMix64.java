package dev.sextant.trading.risk.internal;

/**
 * A small, fast, re-seedable pseudo-random generator (SplitMix64) with normal variates by the
 * Box-Muller transform. Re-seeding instead of allocating a new generator keeps Monte Carlo VaR
 * free of allocation. Not thread-safe: one instance per owner.
 */
public final class SplitMix64 {
    private long state;
    private double spare;
    private boolean hasSpare;

    /** A generator seeded with {@code seed}. */
    public SplitMix64(long seed) {
        reseed(seed);
    }

    /** Restarts the sequence from {@code seed}. */
    public void reseed(long seed) {
        state = seed;
        hasSpare = false;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A standard normal variate. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        do {
            u = nextDouble();
        } while (u == 0);
        double v = nextDouble();
        double radius = Math.sqrt(-2 * Math.log(u));
        double angle = 2 * Math.PI * v;
        spare = radius * Math.sin(angle);
        hasSpare = true;
        return radius * Math.cos(angle);
    }
}

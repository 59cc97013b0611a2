package dev.sextant.trading.engine.rl.internal;

/** Log-gamma, digamma and trigamma for positive arguments, to about 1e-13 relative. */
public final class SpecialFunctions {
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
        771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
        9.9843695780195716e-6, 1.5056327351493116e-7};
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    private static final double ASYMPTOTIC_FROM = 10;

    private SpecialFunctions() {
    }

    /** ln Γ(x) for x &gt; 0 (Lanczos, g = 7). */
    public static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double a = LANCZOS[0];
        double t = z + 7.5;
        for (int i = 1; i < 9; i++) {
            a += LANCZOS[i] / (z + i);
        }
        return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** ψ(x) = d/dx ln Γ(x) for x &gt; 0: recurrence up to 10, then the asymptotic series. */
    public static double digamma(double x) {
        double r = 0;
        while (x < ASYMPTOTIC_FROM) {
            r -= 1 / x;
            x += 1;
        }
        double f = 1 / (x * x);
        return r + Math.log(x) - 0.5 / x
                - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
    }

    /** ψ'(x) for x &gt; 0: recurrence up to 10, then the asymptotic series. */
    public static double trigamma(double x) {
        double r = 0;
        while (x < ASYMPTOTIC_FROM) {
            r += 1 / (x * x);
            x += 1;
        }
        double f = 1 / (x * x);
        return r + 1 / x + f / 2 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)));
    }
}

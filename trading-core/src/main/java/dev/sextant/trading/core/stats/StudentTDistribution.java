package dev.sextant.trading.core.stats;

import dev.sextant.trading.core.Checks;

/**
 * Student's t distribution with {@code df} degrees of freedom: the cumulative distribution and
 * two-sided tail probabilities, on primitives.
 *
 * <p>The CDF is computed from the regularised incomplete beta function,
 * {@code P(|T| > t) = I_x(df/2, 1/2)} with {@code x = df / (df + t²)}, evaluated by Lentz's
 * continued fraction (switching to the symmetric fraction where it converges faster) with
 * Lanczos's log-gamma; the absolute error is near 1e-14 for {@code df} from 1 to 1e6, far below
 * the sampling error of any test statistic it is applied to. Above {@value #NORMAL_LIMIT}
 * degrees of freedom the distribution is the standard normal to within 1e-8 and
 * {@link NormalDistribution#cdf} is used. Stateless and thread-safe.
 */
public final class StudentTDistribution {

    /** Degrees of freedom above which the normal distribution is used. */
    public static final double NORMAL_LIMIT = 1e7;

    private static final int MAX_ITERATIONS = 10_000;
    private static final double EPSILON = 1e-16;
    private static final double TINY = 1e-300;
    private static final double[] LANCZOS = {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    private static final double HALF_LOG_2PI = 0.91893853320467274178;

    private StudentTDistribution() {
    }

    /**
     * The cumulative distribution {@code P(T <= t)}.
     *
     * @param t  the value; infinite values give 0 or 1
     * @param df degrees of freedom, positive (need not be whole)
     * @throws IllegalArgumentException if {@code t} is NaN or {@code df} is not positive and finite
     */
    public static double cdf(double t, double df) {
        checkArguments(t, df);
        if (df > NORMAL_LIMIT) {
            return NormalDistribution.cdf(t);
        }
        if (t == 0) {
            return 0.5;
        }
        double tail = 0.5 * tail(t, df);
        return t > 0 ? 1 - tail : tail;
    }

    /**
     * The two-sided tail probability {@code P(|T| >= |t|)}, the p-value of a two-sided t test.
     *
     * @param t  the statistic; an infinite value gives 0
     * @param df degrees of freedom, positive
     * @throws IllegalArgumentException if {@code t} is NaN or {@code df} is not positive and finite
     */
    public static double twoSidedPValue(double t, double df) {
        checkArguments(t, df);
        if (df > NORMAL_LIMIT) {
            return 2 * NormalDistribution.cdf(-Math.abs(t));
        }
        if (t == 0) {
            return 1;
        }
        return Math.min(1, tail(t, df));
    }

    private static void checkArguments(double t, double df) {
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t must not be NaN");
        }
        if (!(df > 0) || !Double.isFinite(df)) {
            throw new IllegalArgumentException("df must be positive and finite but was " + df);
        }
    }

    /** P(|T| >= |t|) = I_x(df/2, 1/2), x = df / (df + t²). */
    private static double tail(double t, double df) {
        if (Double.isInfinite(t)) {
            return 0;
        }
        // df / (df + t²) loses every digit when t² dwarfs df; 1 / (1 + (t²/df)) keeps them.
        double r = t * t / df;
        double x = 1 / (1 + r);
        return regularizedBeta(x, 0.5 * df, 0.5);
    }

    /** The regularised incomplete beta function I_x(a, b) for x in [0, 1], a, b > 0. */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
        if (x < (a + 1) / (a + b + 2)) {
            return front * continuedFraction(x, a, b) / a;
        }
        // I_x(a, b) = 1 - I_{1-x}(b, a); the swapped fraction converges fast on this side.
        return 1 - front * continuedFraction(1 - x, b, a) / b;
    }

    /** Lentz's evaluation of the incomplete beta continued fraction (Numerical Recipes' betacf). */
    private static double continuedFraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        if (Math.abs(d) < TINY) {
            d = TINY;
        }
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = 1 + aa / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                return h;
            }
        }
        // The fraction converges in O(sqrt(max(a, b))) steps; reaching here means df above ~1e8,
        // which the normal branch handles before calling.
        throw new ArithmeticException("incomplete beta continued fraction did not converge for x=" + x + ", a=" + a
                + ", b=" + b);
    }

    private static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln Γ(x) for x > 0 by Lanczos's approximation (g = 7, 9 terms; relative error near 1e-15). */
    static double logGamma(double x) {
        Checks.positive(x, "x");
        if (x < 0.5) {
            // Reflection keeps the series in its accurate range.
            return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}

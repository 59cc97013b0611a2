package dev.sextant.trading.models.drift;

import dev.sextant.trading.core.Checks;

/**
 * Thresholds and window of a {@link DriftMonitor}. Start from {@link #defaults()} and change
 * what you need with the {@code with...} methods. The default thresholds' false-alarm rates and
 * detection delays are measured in docs/lifecycle.md.
 *
 * @param window            bars in each rolling window, 10 to 1,000,000 (default {@value #DEFAULT_WINDOW})
 * @param psiThreshold      population stability index above which a window has drifted, positive
 *                          (default {@value #DEFAULT_PSI}: the usual "significant shift" level)
 * @param ksThreshold       Kolmogorov-Smirnov distance above which a window has drifted, in (0, 1]
 *                          (default {@value #DEFAULT_KS})
 * @param pageHinkleyDelta  the Page-Hinkley test's tolerated increase of the per-bar log loss, in
 *                          standard deviations of the validation loss, non-negative (default
 *                          {@value #DEFAULT_PH_DELTA})
 * @param pageHinkleyLambda the Page-Hinkley threshold in standard deviations of the validation
 *                          loss, positive (default {@value #DEFAULT_PH_LAMBDA})
 */
public record DriftSettings(int window, double psiThreshold, double ksThreshold, double pageHinkleyDelta,
        double pageHinkleyLambda) {

    /** Default window: 500 bars. */
    public static final int DEFAULT_WINDOW = 500;
    /** Default PSI threshold. */
    public static final double DEFAULT_PSI = 0.25;
    /** Default KS threshold. */
    public static final double DEFAULT_KS = 0.1;
    /** Default Page-Hinkley tolerance, in loss standard deviations. */
    public static final double DEFAULT_PH_DELTA = 0.25;
    /** Default Page-Hinkley threshold, in loss standard deviations. */
    public static final double DEFAULT_PH_LAMBDA = 20;

    /** Validates. */
    public DriftSettings {
        Checks.inRange(window, 10, 1_000_000, "window");
        Checks.positive(Checks.finite(psiThreshold, "psiThreshold"), "psiThreshold");
        if (!(ksThreshold > 0 && ksThreshold <= 1)) {
            throw new IllegalArgumentException("ksThreshold must be in (0, 1] but was " + ksThreshold);
        }
        Checks.nonNegative(Checks.finite(pageHinkleyDelta, "pageHinkleyDelta"), "pageHinkleyDelta");
        Checks.positive(Checks.finite(pageHinkleyLambda, "pageHinkleyLambda"), "pageHinkleyLambda");
    }

    /** The defaults. */
    public static DriftSettings defaults() {
        return new DriftSettings(DEFAULT_WINDOW, DEFAULT_PSI, DEFAULT_KS, DEFAULT_PH_DELTA, DEFAULT_PH_LAMBDA);
    }

    /** These settings with another window. */
    public DriftSettings withWindow(int bars) {
        return new DriftSettings(bars, psiThreshold, ksThreshold, pageHinkleyDelta, pageHinkleyLambda);
    }

    /** These settings with another PSI threshold. */
    public DriftSettings withPsiThreshold(double value) {
        return new DriftSettings(window, value, ksThreshold, pageHinkleyDelta, pageHinkleyLambda);
    }

    /** These settings with another KS threshold. */
    public DriftSettings withKsThreshold(double value) {
        return new DriftSettings(window, psiThreshold, value, pageHinkleyDelta, pageHinkleyLambda);
    }

    /** These settings with another Page-Hinkley tolerance and threshold (in loss standard deviations). */
    public DriftSettings withPageHinkley(double delta, double lambda) {
        return new DriftSettings(window, psiThreshold, ksThreshold, delta, lambda);
    }
}

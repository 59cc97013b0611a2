package dev.sextant.trading.engine.lifecycle;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.DieboldMariano;
import dev.sextant.trading.engine.report.PerformanceMetrics;
import java.util.OptionalDouble;

/**
 * When a challenger replaces the champion: a Diebold-Mariano test of equal predictive accuracy on
 * the per-bar loss differences of a {@link PairedScores} sample, with a minimum sample, a minimum
 * effect and optionally a condition on the strategy returns.
 *
 * <p>{@link #decide} computes {@code d_t = loss_champion(t) - loss_challenger(t)} for the rule's
 * {@link LossKind} and runs {@link DieboldMariano#test(double[], int)} with the sample's label
 * horizon (HAC bandwidth {@code max(h - 1, floor(4 (n/100)^(2/9)))}, Harvey-Leybourne-Newbold
 * correction, two-sided p-value against t(n - 1)). Then, in this order:
 * <ol>
 *   <li>fewer than {@code minimumSample} bars: {@link PromotionDecision.NoDifference} with
 *       {@code TOO_FEW_BARS};</li>
 *   <li>p-value not below {@code significanceLevel}: {@code NOT_SIGNIFICANT};</li>
 *   <li>|mean difference| below {@code minimumEffect}: {@code EFFECT_TOO_SMALL};</li>
 *   <li>the champion better: {@link PromotionDecision.Champion};</li>
 *   <li>the challenger better, but {@code minimumPsr} is set and the PSR of the challenger's
 *       strategy returns minus the champion's is below it (or undefined):
 *       {@code RETURNS_NOT_BETTER};</li>
 *   <li>otherwise {@link PromotionDecision.Challenger}.</li>
 * </ol>
 * Because the test is two-sided at level α, two equally good models lead to a promotion in at
 * most about α/2 of samples and to any decision other than no difference in about α (measured in
 * {@code PromotionRuleTest} and docs/lifecycle.md). Evaluating the rule again and again on a
 * growing sample (every bar of a shadow session) is a sequence of tests: its false-promotion rate
 * over the whole run is higher than α/2; decide on a schedule (e.g. every few hundred bars) and
 * count the looks.
 *
 * <p>Build with {@link #builder()}; immutable and thread-safe.
 *
 * @param significanceLevel α, the two-sided level of the test, in (0, 0.5] (default 0.05)
 * @param minimumSample     fewest scored bars before any model is chosen, at least 10 (default 250)
 * @param minimumEffect     fewest loss units (nats for log loss) per bar by which the better model
 *                          must win, non-negative (default 0: any significant difference)
 * @param lossKind          the loss tested (default {@link LossKind#LOG_LOSS})
 * @param minimumPsr        if present, in (0, 1): a promotion also needs the PSR of the return
 *                          difference at least this high (default: none)
 */
public record PromotionRule(double significanceLevel, int minimumSample, double minimumEffect, LossKind lossKind,
        OptionalDouble minimumPsr) {

    /** Validates. */
    public PromotionRule {
        if (!(significanceLevel > 0 && significanceLevel <= 0.5)) {
            throw new IllegalArgumentException("significanceLevel must be in (0, 0.5] but was " + significanceLevel);
        }
        Checks.inRange(minimumSample, 10, Integer.MAX_VALUE, "minimumSample");
        Checks.nonNegative(minimumEffect, "minimumEffect");
        Checks.finite(minimumEffect, "minimumEffect");
        Checks.notNull(lossKind, "lossKind");
        Checks.notNull(minimumPsr, "minimumPsr");
        minimumPsr.ifPresent(p -> {
            if (!(p > 0 && p < 1)) {
                throw new IllegalArgumentException("minimumPsr must be in (0, 1) but was " + p);
            }
        });
    }

    /** A builder with every default set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rule with every default. */
    public static PromotionRule defaults() {
        return builder().build();
    }

    /**
     * Decides on the sample.
     *
     * @param scores the paired scores, at least 2 bars and more than the sample's horizon (the
     *               test needs a variance and the HLN correction h &lt; n)
     * @throws IllegalArgumentException if the sample has too few bars for the test itself; a
     *                                  sample below {@code minimumSample} but testable gives
     *                                  {@code NoDifference(TOO_FEW_BARS)}
     */
    public PromotionDecision decide(PairedScores scores) {
        Checks.notNull(scores, "scores");
        int n = scores.size();
        if (n < 2 || scores.horizon() >= n) {
            throw new IllegalArgumentException("the comparison needs more scored bars than the label horizon ("
                    + scores.horizon() + ") and at least 2 but has " + n);
        }
        DieboldMariano.Result test = DieboldMariano.test(scores.lossDifferences(lossKind), scores.horizon());
        double psr = PerformanceMetrics.probabilisticSharpe(scores.returnDifferences());
        ComparisonStatistics stats = new ComparisonStatistics(lossKind,
                new ComparisonStatistics.MeanLosses(scores.meanLossChampion(LossKind.LOG_LOSS),
                        scores.meanLossChampion(LossKind.BRIER)),
                new ComparisonStatistics.MeanLosses(scores.meanLossChallenger(LossKind.LOG_LOSS),
                        scores.meanLossChallenger(LossKind.BRIER)),
                test, Double.isNaN(psr) ? OptionalDouble.empty() : OptionalDouble.of(psr));
        if (n < minimumSample) {
            return new PromotionDecision.NoDifference(stats, PromotionDecision.Reason.TOO_FEW_BARS);
        }
        if (!(test.pValue() < significanceLevel)) {
            return new PromotionDecision.NoDifference(stats, PromotionDecision.Reason.NOT_SIGNIFICANT);
        }
        double mean = test.meanDifference();
        if (Math.abs(mean) < minimumEffect) {
            return new PromotionDecision.NoDifference(stats, PromotionDecision.Reason.EFFECT_TOO_SMALL);
        }
        if (mean < 0) {
            return new PromotionDecision.Champion(stats);
        }
        if (minimumPsr.isPresent() && !(stats.returnDifferencePsr().orElse(0) >= minimumPsr.getAsDouble())) {
            return new PromotionDecision.NoDifference(stats, PromotionDecision.Reason.RETURNS_NOT_BETTER);
        }
        return new PromotionDecision.Challenger(stats);
    }

    /** Builder of {@link PromotionRule}; each setter documents its default. Not thread-safe. */
    public static final class Builder {
        private double significanceLevel = 0.05;
        private int minimumSample = 250;
        private double minimumEffect;
        private LossKind lossKind = LossKind.LOG_LOSS;
        private OptionalDouble minimumPsr = OptionalDouble.empty();

        private Builder() {
        }

        /** Two-sided significance level α, in (0, 0.5] (default 0.05). */
        public Builder significanceLevel(double alpha) {
            this.significanceLevel = alpha;
            return this;
        }

        /** Fewest scored bars before a model is chosen, at least 10 (default 250). */
        public Builder minimumSample(int bars) {
            this.minimumSample = bars;
            return this;
        }

        /** Fewest loss units per bar by which the better model must win (default 0). */
        public Builder minimumEffect(double lossPerBar) {
            this.minimumEffect = lossPerBar;
            return this;
        }

        /** The loss tested (default log loss). */
        public Builder lossKind(LossKind kind) {
            this.lossKind = Checks.notNull(kind, "lossKind");
            return this;
        }

        /** Also require the PSR of the return difference to reach {@code psr}, in (0, 1) (default: not required). */
        public Builder minimumPsr(double psr) {
            this.minimumPsr = OptionalDouble.of(psr);
            return this;
        }

        /**
         * Builds and validates.
         *
         * @throws IllegalArgumentException if a setting is out of range, naming it
         */
        public PromotionRule build() {
            return new PromotionRule(significanceLevel, minimumSample, minimumEffect, lossKind, minimumPsr);
        }
    }
}

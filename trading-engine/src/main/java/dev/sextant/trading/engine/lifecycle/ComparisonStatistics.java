package dev.sextant.trading.engine.lifecycle;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.DieboldMariano;
import java.util.OptionalDouble;

/**
 * What a {@link PromotionRule} measured on a {@link PairedScores} sample.
 *
 * @param lossKind           the loss the test was run on
 * @param champion           the champion's mean losses
 * @param challenger         the challenger's mean losses
 * @param test               the Diebold-Mariano test on champion loss minus challenger loss of
 *                           {@code lossKind}: a positive statistic favours the challenger
 * @param returnDifferencePsr the probabilistic Sharpe ratio (against 0) of the challenger's
 *                           strategy returns minus the champion's; empty when it is undefined
 *                           (an extreme skew/kurtosis combination makes its variance term non-positive)
 */
public record ComparisonStatistics(LossKind lossKind, MeanLosses champion, MeanLosses challenger,
        DieboldMariano.Result test, OptionalDouble returnDifferencePsr) {

    /** Validates. */
    public ComparisonStatistics {
        Checks.notNull(lossKind, "lossKind");
        Checks.notNull(champion, "champion");
        Checks.notNull(challenger, "challenger");
        Checks.notNull(test, "test");
        Checks.notNull(returnDifferencePsr, "returnDifferencePsr");
        returnDifferencePsr.ifPresent(p -> Checks.inRange(p, 0, 1, "returnDifferencePsr"));
    }

    /** Bars in the sample. */
    public int n() {
        return test.n();
    }

    /** The champion's mean loss of the tested kind. */
    public double meanLossChampion() {
        return champion.of(lossKind);
    }

    /** The challenger's mean loss of the tested kind. */
    public double meanLossChallenger() {
        return challenger.of(lossKind);
    }

    /**
     * A model's mean losses over the sample.
     *
     * @param logLoss mean log loss in nats, non-negative
     * @param brier   mean Brier score, in [0, 2]
     */
    public record MeanLosses(double logLoss, double brier) {
        /** Validates. */
        public MeanLosses {
            Checks.nonNegative(logLoss, "logLoss");
            Checks.inRange(brier, 0, 2, "brier");
        }

        /** The mean loss of {@code kind}. */
        public double of(LossKind kind) {
            return kind == LossKind.LOG_LOSS ? logLoss : brier;
        }
    }
}

package dev.sextant.trading.engine.lifecycle;

import dev.sextant.trading.core.Checks;

/**
 * What a {@link PromotionRule} decided, with the statistics it decided on: promote the
 * challenger, keep the champion because it is significantly better, or no difference (with the
 * reason). Switch over the three records.
 */
public sealed interface PromotionDecision permits PromotionDecision.Challenger, PromotionDecision.Champion,
        PromotionDecision.NoDifference {

    /** The statistics the decision rests on. */
    ComparisonStatistics statistics();

    /** The decision's id in reports: {@code challenger}, {@code champion} or {@code no_difference}. */
    String id();

    /**
     * The challenger predicts significantly better by at least the minimum effect (and, when the
     * rule asks, its strategy returns beat the champion's by the PSR threshold): promote it.
     *
     * @param statistics what was measured
     */
    record Challenger(ComparisonStatistics statistics) implements PromotionDecision {
        /** Validates. */
        public Challenger {
            Checks.notNull(statistics, "statistics");
        }

        @Override
        public String id() {
            return "challenger";
        }
    }

    /**
     * The champion predicts significantly better by at least the minimum effect: keep it (and
     * consider retiring the challenger).
     *
     * @param statistics what was measured
     */
    record Champion(ComparisonStatistics statistics) implements PromotionDecision {
        /** Validates. */
        public Champion {
            Checks.notNull(statistics, "statistics");
        }

        @Override
        public String id() {
            return "champion";
        }
    }

    /**
     * Neither model is shown better: the champion keeps trading.
     *
     * @param statistics what was measured
     * @param reason     why no model was chosen
     */
    record NoDifference(ComparisonStatistics statistics, Reason reason) implements PromotionDecision {
        /** Validates. */
        public NoDifference {
            Checks.notNull(statistics, "statistics");
            Checks.notNull(reason, "reason");
        }

        @Override
        public String id() {
            return "no_difference";
        }
    }

    /** Why a comparison found no difference. */
    enum Reason {
        /** Fewer bars than the rule's minimum sample. */
        TOO_FEW_BARS,
        /** The test's p-value is not below the significance level. */
        NOT_SIGNIFICANT,
        /** Significant, but the mean loss difference is below the minimum effect. */
        EFFECT_TOO_SMALL,
        /** The challenger's loss is significantly lower but the PSR of its return difference is below the threshold. */
        RETURNS_NOT_BETTER
    }
}

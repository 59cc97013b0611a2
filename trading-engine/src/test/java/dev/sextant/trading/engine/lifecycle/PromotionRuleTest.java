package dev.sextant.trading.engine.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.ClassProbabilities;
import java.util.OptionalDouble;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PromotionRuleTest {

    private static final ClassProbabilities SHARP = new ClassProbabilities(0.1, 0.1, 0.8);
    private static final ClassProbabilities VAGUE = new ClassProbabilities(0.3, 0.3, 0.4);

    /** Bars labelled BUY; each model predicts its given distribution, with the given strategy returns. */
    private static PairedScores scores(int bars, ClassProbabilities champion, ClassProbabilities challenger,
            double championReturn, double challengerReturn) {
        PairedScores s = new PairedScores(1);
        for (int i = 0; i < bars; i++) {
            // Alternate labels 2 and 1 so that losses vary and the test has a variance.
            int label = i % 3 == 0 ? 1 : 2;
            double wobble = i % 2 == 0 ? 0.001 : -0.001;
            s.add(new PairedScores.Outcome(champion, label, championReturn + wobble),
                    new PairedScores.Outcome(challenger, label, challengerReturn - wobble));
        }
        return s;
    }

    @Test
    void defaultsAreFivePercentTwoHundredFiftyBarsNoEffectLogLossNoPsr() {
        PromotionRule r = PromotionRule.defaults();
        assertEquals(0.05, r.significanceLevel());
        assertEquals(250, r.minimumSample());
        assertEquals(0, r.minimumEffect());
        assertEquals(LossKind.LOG_LOSS, r.lossKind());
        assertEquals(OptionalDouble.empty(), r.minimumPsr());
        PromotionRule b = PromotionRule.builder().significanceLevel(0.01).minimumSample(100).minimumEffect(0.002)
                .lossKind(LossKind.BRIER).minimumPsr(0.9).build();
        assertEquals(new PromotionRule(0.01, 100, 0.002, LossKind.BRIER, OptionalDouble.of(0.9)), b);
    }

    @Test
    void rejectsSettingsOutOfRangeNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PromotionRule.builder().significanceLevel(0).build())
                .getMessage().contains("significanceLevel"));
        assertThrows(IllegalArgumentException.class, () -> PromotionRule.builder().significanceLevel(0.6).build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PromotionRule.builder().minimumSample(9).build())
                .getMessage().contains("minimumSample"));
        assertThrows(IllegalArgumentException.class, () -> PromotionRule.builder().minimumEffect(-0.1).build());
        assertThrows(IllegalArgumentException.class, () -> PromotionRule.builder().minimumEffect(Double.NaN).build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PromotionRule.builder().minimumPsr(1).build())
                .getMessage().contains("minimumPsr"));
        assertThrows(IllegalArgumentException.class, () -> LossKind.ofId("hinge"));
        assertEquals(LossKind.BRIER, LossKind.ofId("brier"));
    }

    @Test
    void promotesAChallengerThatPredictsBetter() {
        PromotionDecision d = PromotionRule.defaults().decide(scores(300, VAGUE, SHARP, 0, 0));
        PromotionDecision.Challenger c = assertInstanceOf(PromotionDecision.Challenger.class, d);
        assertEquals("challenger", c.id());
        assertEquals(300, c.statistics().n());
        assertTrue(c.statistics().test().statistic() > 0);
        assertTrue(c.statistics().meanLossChallenger() < c.statistics().meanLossChampion());
    }

    @Test
    void keepsAChampionThatPredictsBetter() {
        PromotionDecision d = PromotionRule.defaults().decide(scores(300, SHARP, VAGUE, 0, 0));
        assertEquals("champion", assertInstanceOf(PromotionDecision.Champion.class, d).id());
        assertTrue(d.statistics().test().statistic() < 0);
    }

    @Test
    void identicalModelsShowNoDifference() {
        PromotionDecision d = PromotionRule.defaults().decide(scores(300, SHARP, SHARP, 0, 0));
        PromotionDecision.NoDifference n = assertInstanceOf(PromotionDecision.NoDifference.class, d);
        assertEquals(PromotionDecision.Reason.NOT_SIGNIFICANT, n.reason());
        assertEquals("no_difference", n.id());
        assertEquals(1, n.statistics().test().pValue());
    }

    @Test
    void waitsForTheMinimumSample() {
        PromotionDecision d = PromotionRule.defaults().decide(scores(100, VAGUE, SHARP, 0, 0));
        assertEquals(PromotionDecision.Reason.TOO_FEW_BARS, assertInstanceOf(PromotionDecision.NoDifference.class, d).reason());
    }

    @Test
    void ignoresASignificantDifferenceBelowTheMinimumEffect() {
        ClassProbabilities almost = new ClassProbabilities(0.1, 0.1 + 1e-4, 0.8 - 1e-4);
        PromotionRule rule = PromotionRule.builder().minimumEffect(0.01).build();
        PromotionDecision d = rule.decide(scores(300, almost, SHARP, 0, 0));
        PromotionDecision.NoDifference n = assertInstanceOf(PromotionDecision.NoDifference.class, d);
        assertEquals(PromotionDecision.Reason.EFFECT_TOO_SMALL, n.reason());
        assertTrue(n.statistics().test().pValue() < 0.05, "significant: " + n.statistics().test());
    }

    @Test
    void withAPsrConditionABetterLossAloneDoesNotPromote() {
        PromotionRule rule = PromotionRule.builder().minimumPsr(0.95).build();
        PromotionDecision losing = rule.decide(scores(300, VAGUE, SHARP, 0.01, -0.01));
        assertEquals(PromotionDecision.Reason.RETURNS_NOT_BETTER,
                assertInstanceOf(PromotionDecision.NoDifference.class, losing).reason());
        assertTrue(losing.statistics().returnDifferencePsr().getAsDouble() < 0.05);
        PromotionDecision earning = rule.decide(scores(300, VAGUE, SHARP, -0.01, 0.01));
        assertInstanceOf(PromotionDecision.Challenger.class, earning);
        assertTrue(earning.statistics().returnDifferencePsr().getAsDouble() > 0.95);
    }

    @Test
    void testsTheBrierScoreWhenAsked() {
        PromotionDecision d = PromotionRule.builder().lossKind(LossKind.BRIER).build().decide(scores(300, VAGUE, SHARP, 0, 0));
        assertEquals(LossKind.BRIER, d.statistics().lossKind());
        assertEquals(d.statistics().champion().brier(), d.statistics().meanLossChampion());
    }

    @Test
    void refusesASampleTooShortForTheTest() {
        PairedScores s = new PairedScores(10);
        new SyntheticForecasts(1, 1, 1).fill(s, 10);
        assertThrows(IllegalArgumentException.class, () -> PromotionRule.defaults().decide(s));
    }

    /**
     * Two equally good models (same forecast-error distribution), 2,000 seeds, one decision each at
     * 500 bars. Measured: 66 promotions (3.3%) and 115 decisions other than no_difference (5.75%).
     * The bound is the nominal α = 5% plus 3.09 binomial standard deviations
     * (sqrt(2000 · 0.05 · 0.95) = 9.7): if the true promotion rate were exactly 5%, a count above
     * it would have probability 0.1%. Promotions are one side of a two-sided test, so their
     * expected rate is α/2; the margin up to α covers the HAC estimator's small-sample bias.
     */
    @Test
    void equallyGoodModelsArePromotedAtMostAtTheNominalRate() {
        PromotionRule rule = PromotionRule.defaults();
        int seeds = 2_000;
        int promoted = 0;
        int decided = 0;
        for (int seed = 0; seed < seeds; seed++) {
            PairedScores s = new PairedScores(SyntheticForecasts.ERROR_MEMORY);
            new SyntheticForecasts(seed, 1.0, 1.0).fill(s, 500);
            PromotionDecision d = rule.decide(s);
            promoted += d instanceof PromotionDecision.Challenger ? 1 : 0;
            decided += d instanceof PromotionDecision.NoDifference ? 0 : 1;
        }
        double alpha = rule.significanceLevel();
        double bound = seeds * alpha + 3.09 * Math.sqrt(seeds * alpha * (1 - alpha));
        assertTrue(promoted <= bound, promoted + " promotions of " + seeds + " above " + bound);
        // Either decision, champion or challenger, is a false discovery under the null: the
        // two-sided rate is measured at 5.75%; allow the same binomial margin plus the 1.5 points
        // of known HAC over-rejection at 500 bars (docs/lifecycle.md).
        assertTrue(decided <= bound + 0.015 * seeds, decided + " decisions of " + seeds);
        assertTrue(promoted > 0, "the test is not degenerate: some false promotions happen");
        // The figures docs/lifecycle.md quotes (seeded, so every run prints the same).
        System.out.printf(java.util.Locale.ROOT, "null, n = 500: %d of %d promoted, %d decided%n", promoted, seeds, decided);
    }

    /**
     * A challenger whose forecast error is 30% smaller (σ 0.7 against 1.0; mean log-loss edge
     * about 0.19 nats per bar) is promoted at 1,000 bars in at least 95% of 400 seeds (measured:
     * 387, 96.75%); the assertion allows 3.09 binomial standard deviations below 95%.
     */
    @Test
    void aChallengerWithARealEdgeIsPromotedWithinAThousandBars() {
        PromotionRule rule = PromotionRule.defaults();
        int seeds = 400;
        int promoted = 0;
        for (int seed = 0; seed < seeds; seed++) {
            PairedScores s = new PairedScores(SyntheticForecasts.ERROR_MEMORY);
            new SyntheticForecasts(1_000_000 + seed, 1.0, 0.7).fill(s, 1_000);
            promoted += rule.decide(s) instanceof PromotionDecision.Challenger ? 1 : 0;
        }
        double floor = seeds * 0.95 - 3.09 * Math.sqrt(seeds * 0.95 * 0.05);
        assertTrue(promoted >= floor, promoted + " promotions of " + seeds + " below " + floor);
        System.out.printf(java.util.Locale.ROOT, "edge, sigma 0.7 vs 1.0, n = 1000: %d of %d promoted%n", promoted, seeds);
    }

    @Property(tries = 60)
    void swappingTheModelsSwapsTheDecision(@ForAll long seed, @ForAll @DoubleRange(min = 0.3, max = 1.5) double sigmaA,
            @ForAll @DoubleRange(min = 0.3, max = 1.5) double sigmaB, @ForAll @IntRange(min = 20, max = 600) int bars) {
        PairedScores s = new PairedScores(SyntheticForecasts.ERROR_MEMORY);
        PairedScores swapped = new PairedScores(SyntheticForecasts.ERROR_MEMORY);
        new SyntheticForecasts(seed, sigmaA, sigmaB).fill(s, swapped, bars);
        PromotionRule rule = PromotionRule.builder().minimumSample(10).build();
        PromotionDecision d = rule.decide(s);
        PromotionDecision e = rule.decide(swapped);
        String expected = switch (d) {
            case PromotionDecision.Challenger c -> "champion";
            case PromotionDecision.Champion c -> "challenger";
            case PromotionDecision.NoDifference n -> "no_difference";
        };
        assertEquals(expected, e.id());
        assertEquals(-d.statistics().test().statistic(), e.statistics().test().statistic(),
                1e-9 * (1 + Math.abs(d.statistics().test().statistic())));
        assertEquals(d.statistics().test().pValue(), e.statistics().test().pValue(), 1e-12);
    }
}

package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import org.junit.jupiter.api.Test;

/**
 * The leakage guards: a pipeline that could see the future would beat a coin on a random walk;
 * one that cannot learn would miss the mean reversion of an AR(1) series.
 */
class LeakageGuardTest {

    private static WalkForwardConfig config() {
        return WalkForwardConfig.builder(FeatureSpec.standard24()).models("logistic").horizon(1).labelThreshold(0.25)
                .trainBars(3000).testBars(1500).build();
    }

    @Test
    void randomWalkIsNotPredictable() {
        BarSeries walk = SyntheticBars.randomWalk(12_000, 0.001, 11);
        OutOfSamplePredictions p = WalkForward.run(walk, config()).predictions();
        int n = p.directionalCount();
        double acc = p.directionalAccuracy();
        double se = Math.sqrt(0.25 / n);
        assertTrue(n > 1000, "directional calls " + n);
        assertTrue(Math.abs(acc - 0.5) <= 3 * se, "directional accuracy " + acc + " over " + n + " calls, 3 SE = " + 3 * se);
        double logLoss = p.calibratedMetrics().logLoss();
        double prior = p.priorLogLoss();
        assertTrue(logLoss >= prior, "out-of-sample log loss " + logLoss + " must be no better than the prior's " + prior);
    }

    @Test
    void meanReversionOfAr1IsFound() {
        BarSeries ar = SyntheticBars.ar1(12_000, -0.25, 0.001, 12);
        OutOfSamplePredictions p = WalkForward.run(ar, config()).predictions();
        int n = p.directionalCount();
        double acc = p.directionalAccuracy();
        double se = Math.sqrt(0.25 / n);
        assertTrue(n > 1000, "directional calls " + n);
        assertTrue(acc > 0.5 + 3 * se, "directional accuracy " + acc + " over " + n + " calls, needs > " + (0.5 + 3 * se));
        assertTrue(p.calibratedMetrics().logLoss() < p.priorLogLoss(), "log loss " + p.calibratedMetrics().logLoss() + " raw " + p.rawMetrics().logLoss() + " prior " + p.priorLogLoss() + " acc " + acc + " ece " + p.calibratedMetrics().ece());
    }
}

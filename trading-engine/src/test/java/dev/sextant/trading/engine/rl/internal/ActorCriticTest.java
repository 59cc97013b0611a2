package dev.sextant.trading.engine.rl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ActorCriticTest {

    /**
     * A batch where the ratios of half the rows lie outside the clip range (their old
     * log-probabilities are shifted), so both branches of the clipped objective are exercised.
     */
    static ActorCritic.Batch batch(ActorCritic net, double[] params, int rows, SplittableRandom r) {
        int obs = net.observationSize();
        ActorCritic.Batch b = new ActorCritic.Batch(rows, obs);
        ActorCritic.Workspaces ws = net.workspaces();
        double[] dist = new double[5];
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < obs; j++) {
                b.observations[k * obs + j] = r.nextGaussian();
            }
            net.distribution(params, b.observations, k * obs, ws, dist);
            b.directions[k] = k % 3;
            b.sizes[k] = 0.05 + 0.9 * r.nextDouble();
            double shift = k % 2 == 0 ? 0.05 * r.nextGaussian() : (r.nextBoolean() ? 0.6 : -0.6);
            b.logProbabilities[k] = ActorCritic.logProbability(dist, b.directions[k], b.sizes[k]) + shift;
            b.advantages[k] = r.nextGaussian();
            b.returns[k] = r.nextGaussian();
        }
        return b;
    }

    @Test
    void lossGradientMatchesFiniteDifferences() {
        ActorCritic net = new ActorCritic(4, 5);
        SplittableRandom r = new SplittableRandom(3);
        double[] p = new double[net.parameterCount()];
        net.initialise(p, r);
        // Larger output weights than at initialisation, so the size head is far from uniform.
        for (int k = 0; k < p.length; k++) {
            p[k] += 0.3 * r.nextGaussian();
        }
        ActorCritic.Batch b = batch(net, p, 12, r);
        int[] index = new int[12];
        for (int k = 0; k < 12; k++) {
            index[k] = k;
        }
        ActorCritic.Workspaces ws = net.workspaces();
        double[] g = new double[p.length];
        net.lossAndGradient(p, b, index, 0, 12, 0.2, 0.5, 0.05, true, ws, g);
        double[] scratch = new double[p.length];
        double h = 1e-6;
        int checked = 0;
        for (int k = 0; k < p.length; k++) {
            double keep = p[k];
            p[k] = keep + h;
            double up = net.lossAndGradient(p, b, index, 0, 12, 0.2, 0.5, 0.05, true, ws, scratch);
            p[k] = keep - h;
            double down = net.lossAndGradient(p, b, index, 0, 12, 0.2, 0.5, 0.05, true, ws, scratch);
            p[k] = keep;
            double numeric = (up - down) / (2 * h);
            // The clipped objective has kinks; a row whose ratio sits within h of a clip boundary
            // would differ, which these rows avoid (ratios are 0.05 or 0.6 away in log space).
            assertEquals(numeric, g[k], 1e-6 + 1e-5 * Math.abs(numeric), "parameter " + k);
            checked++;
        }
        assertTrue(checked > 100);
    }

    @Test
    void betaEntropyAndDensityAgreeWithNumericalIntegration() {
        double a = 2.5;
        double b = 1.7;
        int n = 200_000;
        double mass = 0;
        double entropy = 0;
        for (int i = 0; i < n; i++) {
            double s = (i + 0.5) / n;
            double lp = ActorCritic.logBetaDensity(s, a, b);
            mass += Math.exp(lp) / n;
            entropy -= Math.exp(lp) * lp / n;
        }
        assertEquals(1, mass, 1e-6);
        assertEquals(entropy, ActorCritic.betaEntropy(a, b), 1e-6);
    }

    @Test
    void betaSamplesHaveTheDistributionsMean() {
        SplittableRandom r = new SplittableRandom(9);
        double sum = 0;
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            sum += ActorCritic.sampleBeta(3, 2, r);
        }
        // Mean 0.6, sd of the mean sqrt(0.04 / n) = 0.001: five sd.
        assertEquals(0.6, sum / n, 0.005);
    }
}

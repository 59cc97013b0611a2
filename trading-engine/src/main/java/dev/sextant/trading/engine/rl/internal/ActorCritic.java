package dev.sextant.trading.engine.rl.internal;

import java.util.SplittableRandom;

/**
 * The actor-critic of the PPO trainer: two MLPs on one flat parameter array, the actor first.
 * The actor maps an observation to five outputs: three logits of the direction (SELL, HOLD, BUY;
 * softmax) and two pre-activations {@code u, v} of the size distribution, Beta(α, β) with
 * {@code α = 1 + softplus(u)}, {@code β = 1 + softplus(v)} (both above 1, so the density is
 * unimodal and finite on [0, 1]). The critic maps an observation to the state value.
 *
 * <p>A HOLD action trades nothing whatever its size, so the size is part of the action only for
 * SELL and BUY: the log-probability of (direction, size) is {@code log π(direction)} plus, for
 * SELL and BUY, {@code log Beta(size; α, β)}. The entropy bonus is the categorical entropy plus
 * the Beta entropy.
 */
public final class ActorCritic {
    /** Actor outputs: three logits, two size pre-activations. */
    public static final int ACTOR_OUTPUTS = 5;
    /** Sizes are kept this far inside (0, 1), where the Beta log density is finite. */
    public static final double SIZE_EPSILON = 1e-6;
    private static final int HOLD = 1;

    private final Mlp actor;
    private final Mlp critic;
    private final int observationSize;

    /** An actor-critic reading {@code observationSize} values with two hidden layers of {@code hidden}. */
    public ActorCritic(int observationSize, int hidden) {
        this.observationSize = observationSize;
        this.actor = new Mlp(observationSize, hidden, hidden, ACTOR_OUTPUTS);
        this.critic = new Mlp(observationSize, hidden, hidden, 1);
    }

    /** The actor network. */
    public Mlp actor() {
        return actor;
    }

    /** Parameters of actor and critic. */
    public int parameterCount() {
        return actor.parameterCount() + critic.parameterCount();
    }

    /** Values per observation. */
    public int observationSize() {
        return observationSize;
    }

    /** Initialises: hidden layers with gain 1, the actor's output with gain 0.01, the critic's with 1. */
    public void initialise(double[] params, SplittableRandom random) {
        actor.initialise(params, 0, random, 1.0, 0.01);
        critic.initialise(params, actor.parameterCount(), random, 1.0, 1.0);
    }

    /** Workspaces for one thread. */
    public final class Workspaces {
        final Mlp.Workspace actorWs = actor.workspace();
        final Mlp.Workspace criticWs = critic.workspace();
        final double[] actorGradient = new double[ACTOR_OUTPUTS];
        final double[] criticGradient = new double[1];
    }

    /** Fresh workspaces. */
    public Workspaces workspaces() {
        return new Workspaces();
    }

    /**
     * The action distribution at an observation: {@code out[0..2]} the direction probabilities,
     * {@code out[3]} α and {@code out[4]} β of the size.
     *
     * @param actorParams the actor's parameters (a whole parameter array, actor first, or the actor alone)
     */
    public static void distribution(Mlp actor, double[] actorParams, double[] observation, int offset,
            Mlp.Workspace ws, double[] out) {
        double[] z = actor.forward(actorParams, 0, observation, offset, ws);
        softmax(z, out);
        out[3] = 1 + softplus(z[3]);
        out[4] = 1 + softplus(z[4]);
    }

    /** The critic's value of an observation. */
    public double value(double[] params, double[] observation, int offset, Workspaces ws) {
        return critic.forward(params, actor.parameterCount(), observation, offset, ws.criticWs)[0];
    }

    /** The distribution at an observation under the actor part of {@code params}. */
    public void distribution(double[] params, double[] observation, int offset, Workspaces ws, double[] out) {
        distribution(actor, params, observation, offset, ws.actorWs, out);
    }

    /** Log-probability of (direction, size) under a distribution from {@link #distribution}. */
    public static double logProbability(double[] dist, int direction, double size) {
        double lp = Math.log(dist[direction]);
        if (direction != HOLD) {
            lp += logBetaDensity(size, dist[3], dist[4]);
        }
        return lp;
    }

    /** ln of the Beta(a, b) density at s in (0, 1). */
    public static double logBetaDensity(double s, double a, double b) {
        return (a - 1) * Math.log(s) + (b - 1) * Math.log1p(-s) - logBetaFunction(a, b);
    }

    private static double logBetaFunction(double a, double b) {
        return SpecialFunctions.logGamma(a) + SpecialFunctions.logGamma(b) - SpecialFunctions.logGamma(a + b);
    }

    /** The entropy of Beta(a, b). */
    public static double betaEntropy(double a, double b) {
        return logBetaFunction(a, b) - (a - 1) * SpecialFunctions.digamma(a) - (b - 1) * SpecialFunctions.digamma(b)
                + (a + b - 2) * SpecialFunctions.digamma(a + b);
    }

    /** A draw from Beta(a, b), a, b ≥ 1, kept {@link #SIZE_EPSILON} inside (0, 1). */
    public static double sampleBeta(double a, double b, SplittableRandom random) {
        double x = sampleGamma(a, random);
        double y = sampleGamma(b, random);
        double s = x / (x + y);
        return Math.max(SIZE_EPSILON, Math.min(1 - SIZE_EPSILON, s));
    }

    /** Marsaglia and Tsang's method for Gamma(a, 1), a ≥ 1. */
    private static double sampleGamma(double a, SplittableRandom random) {
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    /** A direction index drawn from the probabilities {@code p[0..2]}. */
    public static int sampleDirection(double[] p, SplittableRandom random) {
        double u = random.nextDouble();
        if (u < p[0]) {
            return 0;
        }
        return u < p[0] + p[1] ? 1 : 2;
    }

    /**
     * The PPO loss of rows {@code index[from..to)} of a batch and its gradient, averaged over the
     * rows: {@code -min(ρA, clip(ρ, 1 ± clip) A) + valueCoefficient (V - R)^2 - entropyCoefficient H}
     * with {@code ρ} the probability ratio of the taken action, {@code A} the advantage (normalised
     * over these rows when {@code normalise}), {@code R} the return.
     *
     * @param gradient receives the gradient (overwritten), same layout as {@code params}
     * @return the loss
     */
    public double lossAndGradient(double[] params, Batch batch, int[] index, int from, int to, double clip,
            double valueCoefficient, double entropyCoefficient, boolean normalise, Workspaces ws, double[] gradient) {
        java.util.Arrays.fill(gradient, 0);
        int n = to - from;
        double mean = 0;
        double sd = 1;
        if (normalise && n > 1) {
            double s = 0;
            double s2 = 0;
            for (int k = from; k < to; k++) {
                double a = batch.advantages[index[k]];
                s += a;
                s2 += a * a;
            }
            mean = s / n;
            sd = Math.sqrt(Math.max(0, s2 / n - mean * mean)) + 1e-8;
        }
        double[] dist = new double[ACTOR_OUTPUTS];
        double loss = 0;
        int criticOffset = actor.parameterCount();
        double[] ga = ws.actorGradient;
        for (int k = from; k < to; k++) {
            int r = index[k];
            int off = r * observationSize;
            double[] z = actor.forward(params, 0, batch.observations, off, ws.actorWs);
            softmax(z, dist);
            double sa = sigmoid(z[3]);
            double sb = sigmoid(z[4]);
            double a = 1 + softplus(z[3]);
            double b = 1 + softplus(z[4]);
            dist[3] = a;
            dist[4] = b;
            int d = batch.directions[r];
            double size = batch.sizes[r];
            double logp = logProbability(dist, d, size);
            double adv = (batch.advantages[r] - mean) / sd;
            double ratio = Math.exp(logp - batch.logProbabilities[r]);
            double clipped = Math.max(1 - clip, Math.min(1 + clip, ratio));
            double surr1 = ratio * adv;
            double surr2 = clipped * adv;
            double gLogp = surr1 <= surr2 ? -adv * ratio : 0;
            double hCat = 0;
            for (int c = 0; c < 3; c++) {
                hCat -= dist[c] * Math.log(dist[c]);
            }
            double hBeta = betaEntropy(a, b);
            loss += -Math.min(surr1, surr2) - entropyCoefficient * (hCat + hBeta);
            for (int c = 0; c < 3; c++) {
                double dLogp = (c == d ? 1 : 0) - dist[c];
                double dH = -dist[c] * (Math.log(dist[c]) + hCat);
                ga[c] = (gLogp * dLogp - entropyCoefficient * dH) / n;
            }
            double psiAb = SpecialFunctions.digamma(a + b);
            double triAb = SpecialFunctions.trigamma(a + b);
            double dHa = -(a - 1) * SpecialFunctions.trigamma(a) + (a + b - 2) * triAb;
            double dHb = -(b - 1) * SpecialFunctions.trigamma(b) + (a + b - 2) * triAb;
            double dA = -entropyCoefficient * dHa;
            double dB = -entropyCoefficient * dHb;
            if (d != HOLD) {
                dA += gLogp * (Math.log(size) - SpecialFunctions.digamma(a) + psiAb);
                dB += gLogp * (Math.log1p(-size) - SpecialFunctions.digamma(b) + psiAb);
            }
            ga[3] = dA * sa / n;
            ga[4] = dB * sb / n;
            actor.backward(params, 0, ga, ws.actorWs, gradient);
            double v = critic.forward(params, criticOffset, batch.observations, off, ws.criticWs)[0];
            double err = v - batch.returns[r];
            loss += valueCoefficient * err * err;
            ws.criticGradient[0] = 2 * valueCoefficient * err / n;
            critic.backward(params, criticOffset, ws.criticGradient, ws.criticWs, gradient);
        }
        return loss / n;
    }

    /** Rows of experience: observations, actions, their log-probabilities, advantages and returns. */
    public static final class Batch {
        /** Row-major observations. */
        public final double[] observations;
        /** Direction indices. */
        public final int[] directions;
        /** Sizes in (0, 1). */
        public final double[] sizes;
        /** Log-probabilities of the actions when taken. */
        public final double[] logProbabilities;
        /** Advantages. */
        public final double[] advantages;
        /** Returns (value targets). */
        public final double[] returns;

        /** A batch of {@code rows} rows of {@code observationSize} values. */
        public Batch(int rows, int observationSize) {
            observations = new double[rows * observationSize];
            directions = new int[rows];
            sizes = new double[rows];
            logProbabilities = new double[rows];
            advantages = new double[rows];
            returns = new double[rows];
        }
    }

    static void softmax(double[] z, double[] out) {
        double m = Math.max(z[0], Math.max(z[1], z[2]));
        double e0 = Math.exp(z[0] - m);
        double e1 = Math.exp(z[1] - m);
        double e2 = Math.exp(z[2] - m);
        double s = e0 + e1 + e2;
        out[0] = e0 / s;
        out[1] = e1 / s;
        out[2] = e2 / s;
    }

    static double softplus(double x) {
        return x > 30 ? x : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}

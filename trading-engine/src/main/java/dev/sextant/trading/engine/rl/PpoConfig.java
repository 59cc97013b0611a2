package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Checks;

/**
 * Hyper-parameters of the {@link PpoTrainer}. Build with {@link #builder()}; every setting has a
 * default (those of Stable-Baselines3's PPO where they apply).
 *
 * @param totalSteps         environment steps to train for, positive; default 200,000
 * @param environments       episodes stepped at once, positive; default 8
 * @param rolloutSteps       steps per episode per rollout, positive; default 256
 * @param epochs             passes over each rollout, positive; default 4
 * @param minibatchSize      rows per gradient step, positive; default 256
 * @param learningRate       Adam step size, positive; default 3e-4
 * @param gamma              discount factor in [0, 1]; default 0.99
 * @param lambda             GAE parameter in [0, 1]; default 0.95
 * @param clip               PPO ratio clip, positive; default 0.2
 * @param entropyCoefficient weight of the entropy bonus, non-negative; default 0.01
 * @param valueCoefficient   weight of the value loss, positive; default 0.5
 * @param maxGradientNorm    global gradient norm clip, positive; default 0.5
 * @param hidden             width of each of the two hidden layers, positive; default 64
 * @param seed               seed of initialisation, episode starts, sampling and minibatches; default 42
 */
public record PpoConfig(int totalSteps, int environments, int rolloutSteps, int epochs, int minibatchSize,
        double learningRate, double gamma, double lambda, double clip, double entropyCoefficient,
        double valueCoefficient, double maxGradientNorm, int hidden, long seed) {

    /** Validates. */
    public PpoConfig {
        Checks.positive(totalSteps, "totalSteps");
        Checks.positive(environments, "environments");
        Checks.positive(rolloutSteps, "rolloutSteps");
        Checks.positive(epochs, "epochs");
        Checks.positive(minibatchSize, "minibatchSize");
        Checks.positive(learningRate, "learningRate");
        Checks.inRange(gamma, 0, 1, "gamma");
        Checks.inRange(lambda, 0, 1, "lambda");
        Checks.positive(clip, "clip");
        Checks.nonNegative(entropyCoefficient, "entropyCoefficient");
        Checks.positive(valueCoefficient, "valueCoefficient");
        Checks.positive(maxGradientNorm, "maxGradientNorm");
        Checks.positive(hidden, "hidden");
    }

    /** These settings with another seed. */
    public PpoConfig withSeed(long value) {
        return new PpoConfig(totalSteps, environments, rolloutSteps, epochs, minibatchSize, learningRate, gamma, lambda,
                clip, entropyCoefficient, valueCoefficient, maxGradientNorm, hidden, value);
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link PpoConfig}; values are validated by {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private int totalSteps = 200_000;
        private int environments = 8;
        private int rolloutSteps = 256;
        private int epochs = 4;
        private int minibatchSize = 256;
        private double learningRate = 3e-4;
        private double gamma = 0.99;
        private double lambda = 0.95;
        private double clip = 0.2;
        private double entropyCoefficient = 0.01;
        private double valueCoefficient = 0.5;
        private double maxGradientNorm = 0.5;
        private int hidden = 64;
        private long seed = 42;

        private Builder() {
        }

        /** Environment steps to train for (default 200,000). */
        public Builder totalSteps(int v) {
            totalSteps = v;
            return this;
        }

        /** Episodes stepped at once (default 8). */
        public Builder environments(int v) {
            environments = v;
            return this;
        }

        /** Steps per episode per rollout (default 256). */
        public Builder rolloutSteps(int v) {
            rolloutSteps = v;
            return this;
        }

        /** Passes over each rollout (default 4). */
        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        /** Rows per gradient step (default 256). */
        public Builder minibatchSize(int v) {
            minibatchSize = v;
            return this;
        }

        /** Adam step size (default 3e-4). */
        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        /** Discount factor (default 0.99). */
        public Builder gamma(double v) {
            gamma = v;
            return this;
        }

        /** GAE parameter (default 0.95). */
        public Builder lambda(double v) {
            lambda = v;
            return this;
        }

        /** Ratio clip (default 0.2). */
        public Builder clip(double v) {
            clip = v;
            return this;
        }

        /** Entropy bonus weight (default 0.01). */
        public Builder entropyCoefficient(double v) {
            entropyCoefficient = v;
            return this;
        }

        /** Value loss weight (default 0.5). */
        public Builder valueCoefficient(double v) {
            valueCoefficient = v;
            return this;
        }

        /** Global gradient norm clip (default 0.5). */
        public Builder maxGradientNorm(double v) {
            maxGradientNorm = v;
            return this;
        }

        /** Hidden layer width (default 64). */
        public Builder hidden(int v) {
            hidden = v;
            return this;
        }

        /** Seed (default 42). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** The configuration. */
        public PpoConfig build() {
            return new PpoConfig(totalSteps, environments, rolloutSteps, epochs, minibatchSize, learningRate, gamma, lambda,
                    clip, entropyCoefficient, valueCoefficient, maxGradientNorm, hidden, seed);
        }
    }
}

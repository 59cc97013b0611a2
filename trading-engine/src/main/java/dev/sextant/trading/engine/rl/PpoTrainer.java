package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.engine.rl.internal.ActorCritic;
import dev.sextant.trading.engine.rl.internal.Adam;
import dev.sextant.trading.models.Provenance;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proximal policy optimisation (Schulman et al. 2017) in pure Java for an actor-critic MLP on a
 * {@link VectorTradingEnvironment}: rollouts of {@link PpoConfig#rolloutSteps()} steps in each of
 * {@link PpoConfig#environments()} episodes, generalised advantage estimation, then
 * {@link PpoConfig#epochs()} passes of shuffled minibatches minimising the clipped surrogate plus
 * the value loss minus the entropy bonus, with Adam and global gradient-norm clipping.
 *
 * <p>The actor has a categorical head for the direction and a Beta head for the size (bounded in
 * [0, 1] without squashing, so its log density and entropy have closed forms); see
 * {@link PpoPolicy}. A truncated episode's last reward is bootstrapped with the critic's value of
 * its final observation; a terminated one's is not.
 *
 * <p>Reproducible: one thread, every random draw from the configuration's seed, so the same data,
 * configurations and seed give the same policy bit for bit.
 */
public final class PpoTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(PpoTrainer.class);

    private PpoTrainer() {
    }

    /**
     * Trains a policy.
     *
     * @param id          the policy's id
     * @param data        the training bars and features
     * @param environment the environment settings (must suit {@link VectorTradingEnvironment})
     * @param config      the hyper-parameters
     * @throws IllegalArgumentException if the environment does not suit the vectorised environment
     */
    public static PpoPolicy train(String id, EnvironmentData data, EnvironmentConfig environment, PpoConfig config) {
        Checks.notBlank(id, "id");
        Checks.notNull(config, "config");
        VectorTradingEnvironment env = new VectorTradingEnvironment(data, environment, config.environments());
        int obs = env.observationSize();
        int n = config.environments();
        int steps = config.rolloutSteps();
        int rows = n * steps;
        ActorCritic net = new ActorCritic(obs, config.hidden());
        double[] params = new double[net.parameterCount()];
        SplittableRandom random = new SplittableRandom(config.seed());
        net.initialise(params, random.split());
        SplittableRandom acting = random.split();
        SplittableRandom shuffling = random.split();
        ActorCritic.Workspaces ws = net.workspaces();
        Adam adam = new Adam(params.length);
        double[] gradient = new double[params.length];
        ActorCritic.Batch batch = new ActorCritic.Batch(rows, obs);
        double[] values = new double[rows];
        double[] rewards = new double[rows];
        boolean[] dones = new boolean[rows];
        double[] last = new double[n];
        double[] dist = new double[ActorCritic.ACTOR_OUTPUTS];
        int[] directions = new int[n];
        double[] sizes = new double[n];
        int[] order = new int[rows];
        env.reset(random.nextLong());
        int iterations = Math.max(1, (config.totalSteps() + rows - 1) / rows);
        for (int it = 0; it < iterations; it++) {
            double rewardSum = 0;
            for (int t = 0; t < steps; t++) {
                double[] o = env.observations();
                for (int i = 0; i < n; i++) {
                    int r = t * n + i;
                    System.arraycopy(o, i * obs, batch.observations, r * obs, obs);
                    net.distribution(params, o, i * obs, ws, dist);
                    int d = ActorCritic.sampleDirection(dist, acting);
                    double s = ActorCritic.sampleBeta(dist[3], dist[4], acting);
                    directions[i] = d;
                    sizes[i] = s;
                    batch.directions[r] = d;
                    batch.sizes[r] = s;
                    batch.logProbabilities[r] = ActorCritic.logProbability(dist, d, s);
                    values[r] = net.value(params, o, i * obs, ws);
                }
                env.step(directions, sizes);
                for (int i = 0; i < n; i++) {
                    int r = t * n + i;
                    double reward = env.rewards()[i];
                    rewardSum += reward;
                    if (env.truncated()[i]) {
                        reward += config.gamma() * net.value(params, env.finalObservations(), i * obs, ws);
                    }
                    rewards[r] = reward;
                    dones[r] = env.terminated()[i] || env.truncated()[i];
                }
            }
            for (int i = 0; i < n; i++) {
                last[i] = net.value(params, env.observations(), i * obs, ws);
            }
            advantages(config, n, steps, values, rewards, dones, last, batch);
            double loss = 0;
            int updates = 0;
            for (int e = 0; e < config.epochs(); e++) {
                shuffle(order, shuffling);
                for (int from = 0; from < rows; from += config.minibatchSize()) {
                    int to = Math.min(rows, from + config.minibatchSize());
                    loss += net.lossAndGradient(params, batch, order, from, to, config.clip(), config.valueCoefficient(),
                            config.entropyCoefficient(), true, ws, gradient);
                    adam.step(params, gradient, config.learningRate(), config.maxGradientNorm());
                    updates++;
                }
            }
            LOG.debug("PPO iteration {}/{}: mean reward {} per step, mean loss {}", it + 1, iterations,
                    rewardSum / rows, loss / updates);
        }
        double[] actor = Arrays.copyOf(params, net.actor().parameterCount());
        Provenance provenance = new Provenance("sextant PpoTrainer", data.series().name() + ": " + data.size() + " bars, "
                + (long) iterations * rows + " steps", config.seed(), Instant.now(), Map.of());
        return new PpoPolicy(id, data.spec(), data.scaler(), environment.window(), environment.maxFraction(),
                config.hidden(), actor, provenance);
    }

    /** Generalised advantage estimation over a rollout, rows in time-major order ({@code t * n + i}). */
    static void advantages(PpoConfig config, int n, int steps, double[] values, double[] rewards, boolean[] dones,
            double[] last, ActorCritic.Batch batch) {
        double gamma = config.gamma();
        double lambda = config.lambda();
        for (int i = 0; i < n; i++) {
            double gae = 0;
            for (int t = steps - 1; t >= 0; t--) {
                int r = t * n + i;
                double next = t == steps - 1 ? last[i] : values[r + n];
                double live = dones[r] ? 0 : 1;
                double delta = rewards[r] + gamma * next * live - values[r];
                gae = delta + gamma * lambda * live * gae;
                batch.advantages[r] = gae;
                batch.returns[r] = gae + values[r];
            }
        }
    }

    private static void shuffle(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}

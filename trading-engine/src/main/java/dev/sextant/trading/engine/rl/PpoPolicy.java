package dev.sextant.trading.engine.rl;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.engine.rl.internal.ActorCritic;
import dev.sextant.trading.engine.rl.internal.Mlp;
import dev.sextant.trading.features.FeatureScaler;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelParameters;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.BundleWriter;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.policy.PolicyLayout;
import dev.sextant.trading.models.policy.PolicyModel;
import dev.sextant.trading.models.policy.PolicyObservation;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A trained PPO actor: observation in, direction probabilities and a Beta size distribution out
 * (see {@link PpoTrainer}). It carries what it needs to build its own observations: the feature
 * spec, the feature scaler fitted on its training data, the window and the largest position.
 *
 * <p>As a {@link TrainedModel} of type {@value #TYPE} it goes into a bundle like any model and is
 * loaded back by ServiceLoader: its input is the raw feature window ({@code window x features},
 * oldest first), its probabilities the actor's direction probabilities for a flat account and its
 * confidence the mean size {@code α / (α + β)}. {@link PolicySignalSource} runs it with the real
 * portfolio state.
 *
 * <h2>File format</h2>
 * {@link ModelParameters} JSON ({@code "format": "sextant-model-parameters"}), type {@value #TYPE}:
 * scalars {@code window}, {@code hidden}, {@code observationSize}, {@code maxFraction}, {@code seed};
 * array {@code actor}, the actor MLP's parameters ({@code observationSize -> hidden -> hidden -> 5},
 * tanh hidden layers, per layer the weights {@code [out][in]} row-major then the biases; outputs
 * three direction logits SELL, HOLD, BUY and the pre-activations {@code u, v} of
 * {@code α = 1 + softplus(u)}, {@code β = 1 + softplus(v)}); attributes {@code id}, {@code spec}
 * (the feature spec JSON), {@code scaler} (the feature scaler JSON), {@code trainer}, {@code data},
 * {@code created} (ISO-8601).
 *
 * <p>Not thread-safe (one workspace): one thread at a time.
 */
public final class PpoPolicy implements TrainedModel, PolicyModel {
    /** The model type id. */
    public static final String TYPE = "sextant-ppo-policy";

    private final String id;
    private final FeatureSpec spec;
    private final FeatureScaler scaler;
    private final int window;
    private final double maxFraction;
    private final int hidden;
    private final double[] actor;
    private final Provenance provenance;
    private final Mlp mlp;
    private final Mlp.Workspace ws;
    private final double[] dist = new double[ActorCritic.ACTOR_OUTPUTS];
    private final PolicyLayout layout;
    private final PolicyObservation observations;

    /**
     * A policy.
     *
     * @param actor the actor's parameters (copied)
     * @throws IllegalArgumentException if the parameter count does not fit the shape
     */
    public PpoPolicy(String id, FeatureSpec spec, FeatureScaler scaler, int window, double maxFraction, int hidden,
            double[] actor, Provenance provenance) {
        this.id = Checks.notBlank(id, "id");
        this.spec = Checks.notNull(spec, "spec");
        this.scaler = Checks.notNull(scaler, "scaler");
        this.window = Checks.positive(window, "window");
        this.maxFraction = Checks.positive(maxFraction, "maxFraction");
        this.hidden = Checks.positive(hidden, "hidden");
        this.provenance = Checks.notNull(provenance, "provenance");
        this.layout = new PolicyLayout(spec, scaler, window, maxFraction);
        int obs = layout.observationSize();
        this.mlp = new Mlp(obs, hidden, hidden, ActorCritic.ACTOR_OUTPUTS);
        if (Checks.notNull(actor, "actor").length != mlp.parameterCount()) {
            throw new IllegalArgumentException("actor must have " + mlp.parameterCount() + " parameters for "
                    + obs + " -> " + hidden + " -> " + hidden + " -> 5 but has " + actor.length);
        }
        this.actor = actor.clone();
        this.ws = mlp.workspace();
        this.observations = new PolicyObservation(layout);
    }

    /** Values per observation. */
    public int observationSize() {
        return layout.observationSize();
    }

    @Override
    public PolicyLayout layout() {
        return layout;
    }

    /** The feature spec. */
    public FeatureSpec spec() {
        return spec;
    }

    /** The feature scaler. */
    public FeatureScaler scaler() {
        return scaler;
    }

    /** Feature vectors per observation. */
    public int window() {
        return window;
    }

    /** The largest position as a fraction of equity the policy was trained with. */
    public double maxFraction() {
        return maxFraction;
    }

    /** A copy of the actor's parameters. */
    public double[] actorParameters() {
        return actor.clone();
    }

    /**
     * The action distribution at {@code observation}: {@code out[0..2]} direction probabilities
     * SELL, HOLD, BUY; {@code out[3]}, {@code out[4]} α and β of the size.
     */
    public void distribution(double[] observation, double[] out) {
        ActorCritic.distribution(mlp, actor, observation, 0, ws, out);
    }

    /** The most probable direction with the mean size. */
    public Action act(double[] observation) {
        distribution(observation, dist);
        return Action.mostProbable(dist, dist[3] / (dist[3] + dist[4]));
    }

    /**
     * {@inheritDoc}
     *
     * <p>The size returned is the mean of the Beta size distribution, {@code α / (α + β)}.
     */
    @Override
    public double act(double[] observation, double[] probabilities) {
        if (Checks.notNull(observation, "observation").length != layout.observationSize()) {
            throw new ModelInputException("policy " + id + " observes " + layout.observationSize()
                    + " values but got " + observation.length);
        }
        for (int i = 0; i < observation.length; i++) {
            if (!Double.isFinite(observation[i])) {
                throw new ModelInputException("policy " + id + ": observation[" + i + "] is " + observation[i]);
            }
        }
        distribution(observation, dist);
        System.arraycopy(dist, 0, probabilities, 0, 3);
        return dist[3] / (dist[3] + dist[4]);
    }

    /** An action drawn from the policy's distribution. */
    public Action sample(double[] observation, SplittableRandom random) {
        distribution(observation, dist);
        int d = ActorCritic.sampleDirection(dist, random);
        return new Action(Direction.ofIndex(d), ActorCritic.sampleBeta(dist[3], dist[4], random));
    }

    /**
     * Builds the observation the environment would give: the raw feature vectors (window x
     * features, oldest first, scaled as {@link EnvironmentData} scales them) and the portfolio
     * state ({@link PolicyObservation#observe}).
     *
     * @return a live buffer holding the observation
     */
    public double[] observe(double[] rawFeatures, double position, double averagePrice, double close, double equity,
            int barsInPosition) {
        return observations.observe(rawFeatures, position, averagePrice, close, equity, barsInPosition);
    }

    @Override
    public ModelMetadata metadata() {
        return new ModelMetadata(id, TYPE, window > 1 ? InputKind.WINDOW : InputKind.VECTOR, spec.size(), window, true,
                provenance);
    }

    /** Direction probabilities for a flat account; returns the mean size as the confidence. */
    @Override
    public double predict(float[] input, double[] probabilities) {
        int n = window * spec.size();
        if (input.length != n) {
            throw new ModelInputException("policy " + id + " reads " + n + " values but got " + input.length);
        }
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(input[i])) {
                throw new ModelInputException("policy " + id + ": input[" + i + "] is " + input[i]);
            }
            raw[i] = input[i];
        }
        double[] obs = observe(raw, 0, 0, 1, 1, 0);
        distribution(obs, dist);
        System.arraycopy(dist, 0, probabilities, 0, 3);
        return dist[3] / (dist[3] + dist[4]);
    }

    @Override
    public void save(Path file) throws IOException {
        toParameters().write(file);
    }

    /** The parameters as written by {@link #save}. */
    public ModelParameters toParameters() {
        Map<String, Double> scalars = new LinkedHashMap<>();
        scalars.put("window", (double) window);
        scalars.put("hidden", (double) hidden);
        scalars.put("observationSize", (double) layout.observationSize());
        scalars.put("maxFraction", maxFraction);
        scalars.put("seed", (double) provenance.seed());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("id", id);
        attributes.put("spec", spec.toJson());
        attributes.put("scaler", scaler.toJson());
        attributes.put("trainer", provenance.trainer());
        attributes.put("data", provenance.dataDescription());
        attributes.put("created", provenance.created().toString());
        return new ModelParameters(TYPE, scalars, Map.of("actor", actor), attributes);
    }

    /**
     * Reads a policy written by {@link #save}.
     *
     * @throws dev.sextant.trading.models.ModelLoadException naming the file and the field on bad input
     */
    public static PpoPolicy load(Path file) {
        return ModelParameters.read(file, TYPE, PpoPolicy::fromParameters);
    }

    private static PpoPolicy fromParameters(ModelParameters p) {
        int window = whole(p, "window");
        int hidden = whole(p, "hidden");
        FeatureSpec spec = FeatureSpec.fromJson(p.attribute("spec"));
        int obs = window * spec.size() + EnvironmentConfig.PORTFOLIO_VALUES;
        if (whole(p, "observationSize") != obs) {
            throw new IllegalArgumentException("scalars: 'observationSize' is " + whole(p, "observationSize")
                    + " but window " + window + " of " + spec.size() + " features gives " + obs);
        }
        int count = new Mlp(obs, hidden, hidden, ActorCritic.ACTOR_OUTPUTS).parameterCount();
        Provenance provenance = new Provenance(p.attribute("trainer"), p.attribute("data"), (long) p.scalar("seed"),
                Instant.parse(p.attribute("created")), Map.of());
        return new PpoPolicy(p.attribute("id"), spec, FeatureScaler.fromJson(p.attribute("scaler")), window,
                p.scalar("maxFraction"), hidden, p.array("actor", count), provenance);
    }

    private static int whole(ModelParameters p, String name) {
        double v = p.scalar(name);
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("scalars: '" + name + "' must be a positive whole number but was " + v);
        }
        return (int) v;
    }

    /**
     * Writes this policy as a bundle directory: the policy file, a manifest with the feature spec
     * and a {@code bundle.sha256} over both, verified like any bundle
     * ({@link ModelBundle#verify}).
     *
     * @throws IOException if the directory cannot be written
     */
    public BundleManifest writeBundle(Path dir, String bundleVersion) throws IOException {
        return BundleWriter.create(id, bundleVersion, spec).addTrained(this, null).single(id)
                .attribute("rl.maxFraction", Double.toString(maxFraction))
                .attribute("rl.window", Integer.toString(window)).writeDirectory(dir);
    }

    /**
     * Reads the policy of a bundle directory written by {@link #writeBundle}, after verifying
     * every checksum.
     *
     * @throws dev.sextant.trading.models.ModelLoadException if the bundle is tampered, is not a
     *                                                       directory, or holds no single policy
     */
    public static PpoPolicy loadBundle(Path dir) {
        Checks.notNull(dir, "dir");
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new ModelLoadException("policy bundle " + dir + " must be a directory");
        }
        BundleManifest m = ModelBundle.verify(dir);
        if (m.models().size() != 1 || !m.models().get(0).type().equals(TYPE)) {
            throw new ModelLoadException("bundle " + dir + " must hold one model of type " + TYPE + " but holds "
                    + m.models().stream().map(BundleManifest.ModelEntry::type).toList());
        }
        return load(dir.resolve(m.models().get(0).file()));
    }

    @Override
    public String fileExtension() {
        return ModelParameters.FILE_EXTENSION;
    }

    /** Nothing to release. */
    @Override
    public void close() {
    }
}

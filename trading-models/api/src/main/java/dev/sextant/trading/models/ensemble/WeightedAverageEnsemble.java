package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TreeGain;
import java.util.List;
import java.util.Optional;

/**
 * The weighted average of its members' probabilities: {@code p = sum_k w_k p_k / sum_k w_k}.
 *
 * <p>Members read the same features; a vector member, or a window member shorter than the
 * longest, reads the latest vectors of the ensemble's window (see {@link ModelMetadata}). The
 * ensemble has no confidence of its own ({@link #predict} returns NaN). Holds scratch buffers:
 * one thread at a time. Closing closes every member.
 */
public final class WeightedAverageEnsemble implements Model {

    /** The model type id written to bundles. */
    public static final String TYPE = "weighted-average";

    private final Members members;
    private final double[] weights;
    private final ModelMetadata metadata;
    private final double[] scratch = new double[3];

    /**
     * Averages members with weights.
     *
     * @param id         ensemble id
     * @param members    at least one model, distinct ids, equal feature counts
     * @param weights    one non-negative finite weight per member, positive sum
     * @param provenance how the weights were chosen
     */
    public WeightedAverageEnsemble(String id, List<Model> members, double[] weights, Provenance provenance) {
        this.members = new Members(members);
        Checks.notNull(weights, "weights");
        if (weights.length != this.members.size()) {
            throw new IllegalArgumentException("need one weight per member (" + this.members.size() + ") but got "
                    + weights.length);
        }
        double sum = 0;
        for (int k = 0; k < weights.length; k++) {
            sum += Checks.nonNegative(weights[k], "weights[" + k + "]");
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        this.weights = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            this.weights[k] = weights[k] / sum;
        }
        this.metadata = this.members.metadata(id, TYPE, provenance);
    }

    /** The members, in order. */
    public List<Model> members() {
        return members.models;
    }

    /** The weights normalised to sum to 1 (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        members.check(metadata, input);
        double s = 0;
        double h = 0;
        double b = 0;
        for (int k = 0; k < members.size(); k++) {
            members.predict(k, input, scratch);
            s += weights[k] * scratch[0];
            h += weights[k] * scratch[1];
            b += weights[k] * scratch[2];
        }
        double sum = s + h + b;
        probabilities[0] = s / sum;
        probabilities[1] = h / sum;
        probabilities[2] = b / sum;
        return Double.NaN;
    }

    @Override
    public Optional<TreeGain> treeGain() {
        return TreeGain.sum(members.models);
    }

    @Override
    public void close() {
        members.close();
    }
}

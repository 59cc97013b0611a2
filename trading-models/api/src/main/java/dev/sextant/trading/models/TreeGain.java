package dev.sextant.trading.models;

import dev.sextant.trading.core.Checks;
import java.util.List;
import java.util.Optional;

/**
 * How much each input value of a tree model was used by its splits, indexed like the model's input
 * ({@link ModelMetadata#inputLength()} entries): the total gain (the training-loss reduction of
 * every split on that input, XGBoost's {@code loss_chg}), the total cover (the hessian sum of the
 * training rows that reached those splits) and the number of splits. An input never split on has
 * 0 in all three.
 *
 * <p>Gain is measured on training rows, so it says what the trees were built from, not what
 * helps out of sample; permutation importance on held-out rows answers that.
 *
 * @param gain   per input, total split gain, finite and non-negative
 * @param cover  per input, total cover, finite and non-negative
 * @param splits per input, number of splits, non-negative
 */
public record TreeGain(double[] gain, double[] cover, long[] splits) {

    /** Validates and copies. */
    public TreeGain {
        Checks.notNull(gain, "gain");
        Checks.notNull(cover, "cover");
        Checks.notNull(splits, "splits");
        if (gain.length == 0 || cover.length != gain.length || splits.length != gain.length) {
            throw new IllegalArgumentException("gain, cover and splits must have the same positive length but had "
                    + gain.length + ", " + cover.length + " and " + splits.length);
        }
        gain = gain.clone();
        cover = cover.clone();
        splits = splits.clone();
        for (int j = 0; j < gain.length; j++) {
            Checks.nonNegative(Checks.finite(gain[j], "gain[" + j + "]"), "gain[" + j + "]");
            Checks.nonNegative(Checks.finite(cover[j], "cover[" + j + "]"), "cover[" + j + "]");
            if (splits[j] < 0) {
                throw new IllegalArgumentException("splits[" + j + "] must be non-negative but was " + splits[j]);
            }
        }
    }

    /** Number of inputs. */
    public int size() {
        return gain.length;
    }

    /** A copy of the gains. */
    @Override
    public double[] gain() {
        return gain.clone();
    }

    /** A copy of the covers. */
    @Override
    public double[] cover() {
        return cover.clone();
    }

    /** A copy of the split counts. */
    @Override
    public long[] splits() {
        return splits.clone();
    }

    /** Each input's share of the total gain, in [0, 1] and summing to 1; all 0 when no split has gain. */
    public double[] gainShare() {
        double total = 0;
        for (double g : gain) {
            total += g;
        }
        double[] share = new double[gain.length];
        if (total > 0) {
            for (int j = 0; j < share.length; j++) {
                share[j] = gain[j] / total;
            }
        }
        return share;
    }

    /**
     * Input by input sums of this and {@code other} (for the members of an ensemble, or the folds of
     * a walk-forward).
     *
     * @throws IllegalArgumentException if the sizes differ
     */
    public TreeGain plus(TreeGain other) {
        Checks.notNull(other, "other");
        if (other.size() != size()) {
            throw new IllegalArgumentException("cannot add tree gains of " + size() + " and " + other.size() + " inputs");
        }
        double[] g = gain.clone();
        double[] c = cover.clone();
        long[] s = splits.clone();
        for (int j = 0; j < g.length; j++) {
            g[j] += other.gain[j];
            c[j] += other.cover[j];
            s[j] += other.splits[j];
        }
        return new TreeGain(g, c, s);
    }

    /**
     * The sum of the tree gains of the models that have one, empty when none has.
     *
     * @throws IllegalArgumentException if two of them have different sizes
     */
    public static Optional<TreeGain> sum(List<? extends Model> models) {
        Optional<TreeGain> total = Optional.empty();
        for (Model m : models) {
            Optional<TreeGain> g = m.treeGain();
            if (g.isPresent()) {
                total = Optional.of(total.map(t -> t.plus(g.get())).orElse(g.get()));
            }
        }
        return total;
    }
}

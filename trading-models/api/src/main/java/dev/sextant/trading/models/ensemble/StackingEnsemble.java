package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelOutputException;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TreeGain;
import dev.sextant.trading.models.internal.ProbabilityChecks;
import java.util.List;
import java.util.Optional;

/**
 * Stacking: base models predict, and a meta-learner maps their probabilities to the final
 * probabilities. The meta-learner reads {@code 3 * bases} values, base k's SELL, HOLD, BUY at
 * {@code [3k..3k+2]}, each transformed by {@link #metaFeature(double)} ({@code ln} of the
 * probability floored at {@value #FLOOR}); train it with {@link StackingTrainer}, which feeds it
 * only out-of-fold base predictions.
 *
 * <p>Base models share the feature count; vector bases and shorter windows read the latest
 * vectors of the ensemble window. The ensemble returns the meta-learner's confidence (NaN for
 * the built-in logistic meta-learner). Holds scratch buffers: one thread at a time. Closing
 * closes the bases and the meta-learner.
 */
public final class StackingEnsemble implements Model {

    /** The model type id written to bundles. */
    public static final String TYPE = "stacking";
    /** Smallest base probability before the logarithm, so that meta features stay finite. */
    public static final double FLOOR = 1e-7;

    private final Members bases;
    private final Model meta;
    private final ModelMetadata metadata;
    private final float[] metaInput;
    private final double[] scratch = new double[3];

    /**
     * Combines base models through a meta-learner.
     *
     * @param id         ensemble id
     * @param bases      at least one base model, distinct ids, equal feature counts
     * @param meta       a vector model reading {@code 3 * bases.size()} values
     * @param provenance how it was trained
     */
    public StackingEnsemble(String id, List<Model> bases, Model meta, Provenance provenance) {
        this.bases = new Members(bases);
        this.meta = Checks.notNull(meta, "meta");
        ModelMetadata md = meta.metadata();
        if (md.inputKind() != InputKind.VECTOR || md.featureCount() != 3 * this.bases.size()) {
            throw new IllegalArgumentException("meta-learner " + md.id() + " must read a vector of "
                    + 3 * this.bases.size() + " values (3 per base model) but reads " + md.inputKind() + " of "
                    + md.featureCount());
        }
        this.metaInput = new float[3 * this.bases.size()];
        this.metadata = this.bases.metadata(id, TYPE, provenance);
    }

    /** The meta-learner's input value for a base probability: {@code ln(max(p, FLOOR))}. */
    public static float metaFeature(double p) {
        return (float) Math.log(Math.max(p, FLOOR));
    }

    /** The base models, in meta-input order. */
    public List<Model> bases() {
        return bases.models;
    }

    /** The meta-learner. */
    public Model meta() {
        return meta;
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        bases.check(metadata, input);
        for (int k = 0; k < bases.size(); k++) {
            bases.predict(k, input, scratch);
            metaInput[3 * k] = metaFeature(scratch[0]);
            metaInput[3 * k + 1] = metaFeature(scratch[1]);
            metaInput[3 * k + 2] = metaFeature(scratch[2]);
        }
        double confidence = meta.predict(metaInput, probabilities);
        ProbabilityChecks.output(meta.metadata().id(), probabilities, 0, ModelOutputException.UNKNOWN_ROW);
        return confidence;
    }

    @Override
    public Optional<TreeGain> treeGain() {
        return TreeGain.sum(bases.models);
    }

    @Override
    public void close() {
        try {
            bases.close();
        } finally {
            meta.close();
        }
    }
}

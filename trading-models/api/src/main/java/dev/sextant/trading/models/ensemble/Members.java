package dev.sextant.trading.models.ensemble;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelOutputException;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.internal.ProbabilityChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The members of an ensemble and how one ensemble input feeds each of them: the ensemble reads a
 * window as long as its longest member (a vector if all are vector models), and a member with a
 * shorter window, or a vector model, reads the latest vectors of it. Holds scratch buffers: one
 * thread at a time.
 */
final class Members {

    final List<Model> models;
    final int featureCount;
    final int sequenceLength;
    private final float[][] buffers;
    private final int[] offsets;

    Members(List<Model> models) {
        Checks.notNull(models, "models");
        Checks.positive(models.size(), "number of members");
        this.models = List.copyOf(models);
        int f = this.models.get(0).metadata().featureCount();
        int seq = 1;
        Set<String> ids = new TreeSet<>();
        for (Model m : this.models) {
            ModelMetadata md = m.metadata();
            if (md.featureCount() != f) {
                throw new IllegalArgumentException("member " + md.id() + " reads " + md.featureCount()
                        + " features but member " + this.models.get(0).metadata().id() + " reads " + f);
            }
            if (!ids.add(md.id())) {
                throw new IllegalArgumentException("member id " + md.id() + " appears twice");
            }
            seq = Math.max(seq, md.sequenceLength());
        }
        this.featureCount = f;
        this.sequenceLength = seq;
        this.buffers = new float[this.models.size()][];
        this.offsets = new int[this.models.size()];
        for (int k = 0; k < this.models.size(); k++) {
            ModelMetadata md = this.models.get(k).metadata();
            offsets[k] = (seq - md.sequenceLength()) * f;
            buffers[k] = offsets[k] == 0 ? null : new float[md.inputLength()];
        }
    }

    int size() {
        return models.size();
    }

    List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (Model m : models) {
            ids.add(m.metadata().id());
        }
        return ids;
    }

    ModelMetadata metadata(String id, String type, Provenance provenance) {
        return new ModelMetadata(id, type, sequenceLength == 1 ? InputKind.VECTOR : InputKind.WINDOW,
                featureCount, sequenceLength, false, provenance);
    }

    /**
     * Predicts member {@code k} on its part of the ensemble input.
     *
     * @throws ModelOutputException if the member's output is not a probability distribution
     */
    double predict(int k, float[] input, double[] probabilities) {
        Model m = models.get(k);
        double confidence;
        if (buffers[k] == null) {
            confidence = m.predict(input, probabilities);
        } else {
            System.arraycopy(input, offsets[k], buffers[k], 0, buffers[k].length);
            confidence = m.predict(buffers[k], probabilities);
        }
        ProbabilityChecks.output(m.metadata().id(), probabilities, 0, ModelOutputException.UNKNOWN_ROW);
        return confidence;
    }

    void check(ModelMetadata metadata, float[] input) {
        ModelInputException.check(metadata, input);
    }

    void close() {
        RuntimeException first = null;
        for (Model m : models) {
            try {
                m.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

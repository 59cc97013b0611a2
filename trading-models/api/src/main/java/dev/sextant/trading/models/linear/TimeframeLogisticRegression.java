package dev.sextant.trading.models.linear;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TrainingSet;
import dev.sextant.trading.models.internal.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reference model of one time frame in a multi-timeframe feature vector: a
 * {@link LogisticRegression} that reads only the {@link #count()} columns starting at
 * {@link #offset()}, the features a {@link dev.sextant.trading.features.FeatureSpec} with time
 * frames computes on bars of {@link #timeframe()}. Model type id {@value #TYPE}.
 *
 * <p>Its input is the whole vector ({@code metadata().featureCount()} values), so it stacks with
 * the models of the other time frames over one feature engine; because a coarser time frame's
 * columns change only when one of its bars closes, so does this model's output.
 *
 * <p>Saved as the logistic regression's JSON with {@code "format": "sextant-timeframe-logistic"}
 * and the fields {@code timeframe}, {@code offset} and {@code inputCount} ({@code featureCount}
 * is the number of columns read). The time frame, offset and count are also in the provenance
 * attributes ({@code timeframe}, {@code offset}, {@code count}), where ensembles that hold the
 * model behind wrappers find them through {@link #timeframeOf(ModelMetadata)}.
 *
 * <p>Immutable; {@link #predict} allocates nothing and is thread-safe.
 */
public final class TimeframeLogisticRegression implements TrainedModel {

    /** The model type id. */
    public static final String TYPE = "timeframe-logistic";
    /** The format name written into saved files. */
    public static final String FORMAT = "sextant-timeframe-logistic";
    /** The provenance attribute holding the time frame label ({@code 5m}). */
    public static final String TIMEFRAME_ATTRIBUTE = "timeframe";

    private final LogisticRegression slice;
    private final TimeFrame timeframe;
    private final int offset;
    private final ModelMetadata metadata;

    /**
     * A model over the columns {@code [offset, offset + slice.featureCount())} of vectors of
     * {@code inputCount} values.
     *
     * @param slice      the logistic regression on the time frame's columns
     * @param timeframe  the time frame those columns were computed on
     * @param offset     the first column, non-negative
     * @param inputCount the length of the whole vector, at least {@code offset + columns}
     * @throws IllegalArgumentException if the columns do not fit the vector
     */
    public TimeframeLogisticRegression(LogisticRegression slice, TimeFrame timeframe, int offset, int inputCount) {
        this.slice = Checks.notNull(slice, "slice");
        this.timeframe = Checks.notNull(timeframe, "timeframe");
        this.offset = Checks.nonNegative(offset, "offset");
        int count = slice.metadata().featureCount();
        if ((long) offset + count > inputCount) {
            throw new IllegalArgumentException("time frame " + timeframe + " columns [" + offset + ", " + (offset + count)
                    + ") do not fit a vector of " + inputCount + " values");
        }
        Provenance p = slice.metadata().provenance();
        Map<String, String> attributes = new LinkedHashMap<>(p.attributes());
        attributes.put(TIMEFRAME_ATTRIBUTE, timeframe.label());
        attributes.put("offset", Integer.toString(offset));
        attributes.put("count", Integer.toString(count));
        Provenance provenance = new Provenance(p.trainer(), p.dataDescription(), p.seed(), p.created(), attributes);
        this.metadata = new ModelMetadata(slice.metadata().id(), TYPE, InputKind.VECTOR, inputCount, 1, false, provenance);
    }

    /**
     * Trains on the columns {@code [offset, offset + count)} of {@code data}.
     *
     * @param data          whole vectors and labels (class weights honoured)
     * @param id            model id
     * @param timeframe     the time frame of those columns
     * @param offset        first column
     * @param count         number of columns, positive
     * @param l2            L2 penalty, positive
     * @param maxIterations L-BFGS iteration limit, positive
     * @throws IllegalArgumentException if the columns do not fit the data
     */
    public static TimeframeLogisticRegression train(TrainingSet data, String id, TimeFrame timeframe, int offset, int count,
            double l2, int maxIterations) {
        Checks.notNull(data, "data");
        Checks.nonNegative(offset, "offset");
        Checks.positive(count, "count");
        if ((long) offset + count > data.featureCount()) {
            throw new IllegalArgumentException("time frame " + timeframe + " columns [" + offset + ", " + (offset + count)
                    + ") do not fit the training data's " + data.featureCount() + " features");
        }
        float[][] x = new float[data.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = java.util.Arrays.copyOfRange(data.row(i), offset, offset + count);
        }
        TrainingSet sliced = TrainingSet.of(x, data.labels()).withClassWeights(data.classWeights());
        return new TimeframeLogisticRegression(LogisticRegression.train(sliced, id, l2, maxIterations), timeframe, offset,
                data.featureCount());
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @throws ModelLoadException if the file is missing, not JSON, of another format, or has a
     *                            missing or invalid field (named in the message)
     */
    public static TimeframeLogisticRegression load(Path file) {
        String where = String.valueOf(file);
        JsonNode root = Json.parse(LogisticRegression.readText(file, TYPE), where);
        LogisticRegression slice = LogisticRegression.fromJson(root, where, FORMAT);
        String label = Json.string(root, "timeframe", where);
        TimeFrame tf;
        try {
            tf = TimeFrame.parse(label);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": field 'timeframe' is not a time frame: '" + label + "'", e);
        }
        int offset = Json.intValue(root, "offset", where);
        int inputCount = Json.intValue(root, "inputCount", where);
        try {
            return new TimeframeLogisticRegression(slice, tf, offset, inputCount);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The time frame a model of this type (possibly behind a scaler or checks, which share its
     * metadata) reads, from its provenance; empty for a model of another type.
     */
    public static java.util.Optional<TimeFrame> timeframeOf(ModelMetadata metadata) {
        Checks.notNull(metadata, "metadata");
        String label = metadata.provenance().attributes().get(TIMEFRAME_ATTRIBUTE);
        return TYPE.equals(metadata.type()) && label != null ? java.util.Optional.of(TimeFrame.parse(label))
                : java.util.Optional.empty();
    }

    @Override
    public void save(Path file) throws IOException {
        ObjectNode root = slice.toJson(FORMAT, metadata.provenance());
        root.put("timeframe", timeframe.label());
        root.put("offset", offset);
        root.put("inputCount", metadata.featureCount());
        AtomicFileWriter.writeString(file, Json.write(root));
    }

    @Override
    public String fileExtension() {
        return "json";
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The time frame whose columns this model reads. */
    public TimeFrame timeframe() {
        return timeframe;
    }

    /** The first column read. */
    public int offset() {
        return offset;
    }

    /** The number of columns read. */
    public int count() {
        return slice.metadata().featureCount();
    }

    /** The logistic regression on the time frame's columns. */
    public LogisticRegression slice() {
        return slice;
    }

    @Override
    public double predict(float[] input, double[] probabilities) {
        ModelInputException.check(metadata, input);
        slice.predictFrom(input, offset, probabilities);
        return Double.NaN;
    }

    /** Nothing native to release. */
    @Override
    public void close() {
        // Pure Java: no resources.
    }

    @Override
    public String toString() {
        return "TimeframeLogisticRegression[" + metadata.id() + ", " + timeframe + ", columns " + offset + ".."
                + (offset + count() - 1) + " of " + metadata.featureCount() + "]";
    }
}

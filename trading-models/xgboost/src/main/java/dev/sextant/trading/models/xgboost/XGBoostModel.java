package dev.sextant.trading.models.xgboost;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import dev.sextant.trading.models.TrainedModel;
import dev.sextant.trading.models.TreeGain;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * An XGBoost multi-class model ({@code multi:softprob}, 3 classes in SELL, HOLD, BUY order) read
 * from an XGBoost JSON or UBJ file, whether trained in Python, R, or Java with
 * {@link XGBoostTrainer}.
 *
 * <p>By default predictions come from {@link XGBoostTrees}, a pure-Java evaluator that needs no
 * native code and matches XGBoost's probabilities (see its Javadoc); with
 * {@link XGBoostOptions.Engine#XGBOOST4J} they come from XGBoost's own native predictor. The
 * XGBoost4J native library is loaded only when that engine is chosen or a model is saved in the
 * other format.
 *
 * <p>Provenance is read from the model's attributes {@code sextant.trainer}, {@code sextant.data},
 * {@code sextant.seed}, {@code sextant.created} (as written by {@link XGBoostTrainer} and the
 * reference training script), else the trainer is "xgboost" and the version that wrote the file.
 *
 * <p>Thread-safe: the Java engine is immutable; native calls are serialised on the booster.
 */
public final class XGBoostModel implements TrainedModel {

    /** The model type id. */
    public static final String TYPE = "xgboost";
    /** Model attribute holding the model id; without it the file name (less extension) is used. */
    public static final String MODEL_ID_ATTRIBUTE = "sextant.model_id";
    /** Model attribute describing what trained the model. */
    public static final String TRAINER_ATTRIBUTE = "sextant.trainer";
    /** Model attribute describing the training data (file, time range). */
    public static final String DATA_ATTRIBUTE = "sextant.data";
    /** Model attribute holding the training seed. */
    public static final String SEED_ATTRIBUTE = "sextant.seed";
    /** Model attribute holding the creation time, ISO-8601. */
    public static final String CREATED_ATTRIBUTE = "sextant.created";

    private final ModelMetadata metadata;
    private final XGBoostTrees trees;
    private final byte[] model;
    private final XGBoostFormat format;
    private final XGBoostOptions options;
    private final String source;
    private final Object boosterLock = new Object();
    private Booster booster;
    private volatile boolean closed;
    /** Read on first use: a second parse of the model, which serving never needs. */
    private volatile Optional<TreeGain> treeGain;

    private XGBoostModel(byte[] model, String id, String source, XGBoostOptions options) {
        this.model = model;
        this.source = source;
        this.options = options;
        this.format = XGBoostFormat.detect(model);
        this.trees = XGBoostTrees.parse(model, source);
        if (options.expectedFeatureCount() > 0 && options.expectedFeatureCount() != trees.featureCount()) {
            throw new ModelLoadException(source + ": the model has " + trees.featureCount() + " features but "
                    + options.expectedFeatureCount() + " were expected");
        }
        Map<String, String> attrs = trees.attributes();
        this.metadata = new ModelMetadata(attrs.getOrDefault(MODEL_ID_ATTRIBUTE, id), TYPE, InputKind.VECTOR,
                trees.featureCount(), 1, false, provenance(attrs, trees.writerVersion(), source));
        if (options.engine() == XGBoostOptions.Engine.XGBOOST4J) {
            this.booster = loadBooster(model, source);
        }
    }

    /**
     * Loads an XGBoost JSON or UBJ model file (told apart by content).
     *
     * @throws ModelLoadException if the file is missing, corrupted, or not a 3-class
     *                            {@code multi:softprob} tree model, or its feature count differs
     *                            from {@link XGBoostOptions#expectedFeatureCount()}
     */
    public static XGBoostModel load(Path file, XGBoostOptions options) {
        Checks.notNull(file, "file");
        Checks.notNull(options, "options");
        byte[] bytes;
        try {
            bytes = ModelLimits.defaults().readModelFile(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("XGBoost model file not found: " + file, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read XGBoost model file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return new XGBoostModel(bytes, dot > 0 ? name.substring(0, dot) : name, file.toString(), options);
    }

    /**
     * Loads a model from its bytes (for example a bundle entry whose checksum was verified).
     *
     * @param id used when the model has no {@value #MODEL_ID_ATTRIBUTE} attribute
     * @throws ModelLoadException as {@link #load(Path, XGBoostOptions)}
     */
    public static XGBoostModel load(byte[] model, String id, XGBoostOptions options) {
        Checks.notNull(model, "model");
        Checks.notBlank(id, "id");
        return new XGBoostModel(model.clone(), id, "XGBoost model " + id, Checks.notNull(options, "options"));
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The pure-Java evaluator of this model's trees (usable directly, NaN = missing). */
    public XGBoostTrees trees() {
        return trees;
    }

    /** The format the model was read in, also the format {@link #save} uses for other extensions. */
    public XGBoostFormat format() {
        return format;
    }

    /** The options this model predicts with. */
    public XGBoostOptions options() {
        return options;
    }

    /**
     * {@inheritDoc}
     *
     * <p>With {@link XGBoostOptions#missingValues()} a NaN input is a missing value; infinities
     * are always rejected.
     *
     * @return always NaN: an XGBoost model has no confidence output
     * @throws IllegalStateException if the model is closed or XGBoost4J fails
     */
    @Override
    public double predict(float[] input, double[] probabilities) {
        checkInput(input, -1);
        Checks.notNull(probabilities, "probabilities");
        if (probabilities.length < 3) {
            throw new IllegalArgumentException("probabilities must hold 3 values but has " + probabilities.length);
        }
        ensureOpen();
        if (options.engine() == XGBoostOptions.Engine.JAVA) {
            trees.probabilities(input, probabilities, 0);
        } else {
            float[][] p = nativePredict(input, 1);
            for (int c = 0; c < 3; c++) {
                probabilities[c] = p[0][c];
            }
        }
        return Double.NaN;
    }

    /**
     * {@inheritDoc}
     *
     * @throws ModelInputException naming the row if any input row is wrong
     */
    @Override
    public void predictBatch(float[][] inputs, double[] probabilities, double[] confidence) {
        Checks.notNull(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) {
            checkInput(inputs[i], i);
        }
        Checks.notNull(probabilities, "probabilities");
        if (probabilities.length < 3 * inputs.length) {
            throw new IllegalArgumentException("probabilities must hold " + 3 * inputs.length + " values but has "
                    + probabilities.length);
        }
        if (confidence != null && confidence.length < inputs.length) {
            throw new IllegalArgumentException("confidence must hold " + inputs.length + " values but has "
                    + confidence.length);
        }
        ensureOpen();
        if (options.engine() == XGBoostOptions.Engine.JAVA) {
            trees.probabilities(inputs, probabilities);
        } else if (inputs.length > 0) {
            int f = metadata.featureCount();
            float[] flat = new float[inputs.length * f];
            for (int i = 0; i < inputs.length; i++) {
                System.arraycopy(inputs[i], 0, flat, i * f, f);
            }
            float[][] p = nativePredict(flat, inputs.length);
            for (int i = 0; i < inputs.length; i++) {
                for (int c = 0; c < 3; c++) {
                    probabilities[3 * i + c] = p[i][c];
                }
            }
        }
        if (confidence != null) {
            Arrays.fill(confidence, 0, inputs.length, Double.NaN);
        }
    }

    /**
     * Writes the model: XGBoost JSON for a {@code .json} file, UBJ for {@code .ubj}, and this
     * model's own {@link #format()} for any other name. The same format is written byte for byte
     * as it was read; the other is converted by XGBoost4J. Either way XGBoost (Python or Java)
     * and {@link #load(Path, XGBoostOptions)} read it back to the same predictions. The file is
     * replaced atomically ({@link AtomicFileWriter}): a failed or interrupted save leaves the
     * previous file as it was and no temporary file behind.
     *
     * @throws IOException naming the file and the reason if it cannot be written
     */
    @Override
    public void save(Path file) throws IOException {
        Checks.notNull(file, "file");
        ensureOpen();
        XGBoostFormat target = XGBoostFormat.ofFileName(file).orElse(format);
        byte[] out = target == format ? model : converted(target);
        AtomicFileWriter.write(file, o -> o.write(out));
    }

    private byte[] converted(XGBoostFormat target) throws IOException {
        synchronized (boosterLock) {
            try {
                return booster().toByteArray(target.extension());
            } catch (XGBoostError e) {
                throw new IOException("XGBoost4J could not convert model " + metadata.id() + " to "
                        + target.extension() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The extension {@link #save} uses by default: this model's {@link #format()}. */
    @Override
    public String fileExtension() {
        return format.extension();
    }

    /** The serialised model, in {@link #format()}; a copy. */
    public byte[] toBytes() {
        return model.clone();
    }

    /**
     * Per-feature total gain, total cover and split count of the model's trees, from the split
     * statistics XGBoost stores with each tree ({@code loss_changes}, {@code sum_hessian}); empty
     * when the model file carries none. Read once, on the first call. Thread-safe.
     *
     * @throws ModelLoadException if a split's stored gain or cover is negative or not finite
     */
    @Override
    public Optional<TreeGain> treeGain() {
        Optional<TreeGain> g = treeGain;
        if (g == null) {
            g = SplitGains.read(model, source, trees.featureCount());
            treeGain = g;
        }
        return g;
    }

    /** Releases the XGBoost4J booster, if one was created. Idempotent. */
    @Override
    public void close() {
        synchronized (boosterLock) {
            closed = true;
            if (booster != null) {
                booster.dispose();
                booster = null;
            }
        }
    }

    @Override
    public String toString() {
        return "XGBoostModel[" + metadata.id() + ", " + trees + ", engine " + options.engine() + "]";
    }

    private void checkInput(float[] input, int row) {
        String where = row < 0 ? "" : "row " + row + ": ";
        if (input == null || input.length != metadata.featureCount()) {
            throw new ModelInputException(where + "model " + metadata.id() + " expects " + metadata.featureCount()
                    + " input values but got " + (input == null ? "null" : input.length));
        }
        for (int i = 0; i < input.length; i++) {
            float v = input[i];
            if (Float.isInfinite(v) || (Float.isNaN(v) && !options.missingValues())) {
                throw new ModelInputException(where + "model " + metadata.id() + " input value " + i + " (feature "
                        + i + ") is not finite: " + v
                        + (Float.isNaN(v) ? " (enable missingValues to treat NaN as missing)" : ""));
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model " + metadata.id() + " is closed");
        }
    }

    private float[][] nativePredict(float[] flat, int rows) {
        synchronized (boosterLock) {
            ensureOpen();
            try {
                return booster().inplace_predict(flat, rows, metadata.featureCount(), Float.NaN);
            } catch (XGBoostError e) {
                throw new IllegalStateException("XGBoost4J failed on model " + metadata.id() + ": " + e.getMessage(),
                        e);
            }
        }
    }

    private Booster booster() {
        if (booster == null) {
            booster = loadBooster(model, source);
        }
        return booster;
    }

    private static Booster loadBooster(byte[] model, String source) {
        try {
            return XGBoost.loadModel(model);
        } catch (XGBoostError | IOException e) {
            throw new ModelLoadException(source + ": XGBoost4J cannot load the model: " + e.getMessage(), e);
        }
    }

    private static Provenance provenance(Map<String, String> attrs, String writerVersion, String source) {
        String trainer = attrs.getOrDefault(TRAINER_ATTRIBUTE, "xgboost " + writerVersion);
        long seed = 0;
        if (attrs.containsKey(SEED_ATTRIBUTE)) {
            try {
                seed = Long.parseLong(attrs.get(SEED_ATTRIBUTE).strip());
            } catch (NumberFormatException e) {
                throw new ModelLoadException(source + ": attribute " + SEED_ATTRIBUTE + " is not an integer: "
                        + attrs.get(SEED_ATTRIBUTE), e);
            }
        }
        Instant created = Instant.EPOCH;
        if (attrs.containsKey(CREATED_ATTRIBUTE)) {
            try {
                created = Instant.parse(attrs.get(CREATED_ATTRIBUTE).strip());
            } catch (DateTimeParseException e) {
                throw new ModelLoadException(source + ": attribute " + CREATED_ATTRIBUTE
                        + " is not an ISO-8601 instant: " + attrs.get(CREATED_ATTRIBUTE), e);
            }
        }
        return new Provenance(trainer, attrs.getOrDefault(DATA_ATTRIBUTE, ""), seed, created, attrs);
    }
}

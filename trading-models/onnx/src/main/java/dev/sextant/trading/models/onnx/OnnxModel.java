package dev.sextant.trading.models.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.Provenance;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A classifier run by ONNX Runtime.
 *
 * <p>The graph must have one float input of shape {@code [batch, features]} (a
 * {@link InputKind#VECTOR} model) or {@code [batch, seq, features]} (a {@link InputKind#WINDOW}
 * model), where {@code batch} is symbolic or 1. Its class output is found by name:
 * <ul>
 *   <li>{@code logits} {@code [batch, 3]}: Sextant applies a softmax, after dividing by the
 *       temperature ({@link OnnxModelOptions#temperature()}, else the model's
 *       {@value #TEMPERATURE_KEY} metadata entry, else 1);</li>
 *   <li>{@code probabilities} or {@code probs} {@code [batch, 3]}: used as they are (checked to be
 *       probabilities).</li>
 * </ul>
 * When both kinds are present, {@code logits} wins so that temperature scaling applies. An
 * optional output named {@code confidence} of shape {@code [batch]} or {@code [batch, 1]}, with
 * values in [0, 1], is returned by {@link #predict}. Classes are in SELL, HOLD, BUY order. Shapes
 * are checked when the model is loaded (against {@link OnnxModelOptions#expectedFeatureCount()}
 * and {@link OnnxModelOptions#sequenceLength()} when given) and every input when it is predicted.
 *
 * <p>Native memory: every tensor and result this class creates is closed before the call
 * returns; single-row prediction reuses one input and one output tensor over direct buffers, so
 * it allocates no native memory per call.
 *
 * <p>Thread-safe: calls are serialised by a lock (ONNX Runtime parallelises inside a call with
 * {@link OnnxModelOptions#intraOpThreads()}); use one model per thread for parallel calls.
 */
public final class OnnxModel implements Model {

    /** The model type id. */
    public static final String TYPE = "onnx";
    /** ONNX metadata key holding the fitted softmax temperature for a {@code logits} output. */
    public static final String TEMPERATURE_KEY = "sextant.temperature";
    /** ONNX metadata key holding the model id; without it the file name (less extension) is used. */
    public static final String MODEL_ID_KEY = "sextant.model_id";
    /** ONNX metadata key describing what trained the model (e.g. {@code pytorch 1.13}). */
    public static final String TRAINER_KEY = "sextant.trainer";
    /** ONNX metadata key describing the training data (file, time range). */
    public static final String DATA_KEY = "sextant.data";
    /** ONNX metadata key holding the training seed. */
    public static final String SEED_KEY = "sextant.seed";
    /** ONNX metadata key holding the creation time, ISO-8601. */
    public static final String CREATED_KEY = "sextant.created";

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModel.class);
    private static final int CLASSES = 3;
    /** Rows per native call in {@link #predictBatch}; bounds the input buffer at a few MB. */
    static final int MAX_BATCH_ROWS = 1024;
    private static final double PROBABILITY_SUM_TOLERANCE = 1e-4;

    private final ModelMetadata metadata;
    private final String source;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final ExecutionProvider executionProvider;
    private final String inputName;
    private final String classOutputName;
    private final boolean logits;
    private final String confidenceOutputName;
    private final double temperature;
    private final boolean batchable;
    private final Set<String> outputNames;

    private final FloatBuffer rowInput;
    private final OnnxTensor rowInputTensor;
    private final FloatBuffer rowClasses;
    private final OnnxTensor rowClassesTensor;
    private final FloatBuffer rowConfidence;
    private final OnnxTensor rowConfidenceTensor;
    private final Map<String, OnnxTensor> rowInputs;
    private final Map<String, OnnxTensor> rowOutputs;

    private final ReentrantLock lock = new ReentrantLock();
    private FloatBuffer batchInput;
    private boolean closed;

    private OnnxModel(Session s, String id, String source, OnnxModelOptions options) throws OrtException {
        this.env = s.env;
        this.sessionOptions = s.options;
        this.session = s.session;
        this.executionProvider = s.provider;
        this.source = source;

        if (session.getNumInputs() != 1) {
            throw new ModelLoadException(source + ": an ONNX classifier must have exactly one input but this one has "
                    + session.getInputNames());
        }
        NodeInfo input = session.getInputInfo().values().iterator().next();
        this.inputName = input.getName();
        TensorInfo in = tensorInfo(input, source);
        if (in.type != OnnxJavaType.FLOAT) {
            throw new ModelLoadException(source + ": input '" + inputName + "' must be float32 but is " + in.type);
        }
        long[] shape = in.getShape();
        if (shape.length != 2 && shape.length != 3) {
            throw new ModelLoadException(source + ": input '" + inputName + "' must be [batch, features] or "
                    + "[batch, seq, features] but has shape " + Arrays.toString(shape));
        }
        if (shape[0] != -1 && shape[0] != 1) {
            throw new ModelLoadException(source + ": input '" + inputName + "' batch dimension must be symbolic or 1 "
                    + "but is " + shape[0]);
        }
        this.batchable = shape[0] == -1;
        int features = dimension(shape[shape.length - 1], options.expectedFeatureCount(), "feature", source);
        InputKind kind = shape.length == 2 ? InputKind.VECTOR : InputKind.WINDOW;
        int seq = kind == InputKind.VECTOR ? 1 : dimension(shape[1], options.sequenceLength(), "sequence", source);
        if (kind == InputKind.VECTOR && options.sequenceLength() > 1) {
            throw new ModelLoadException(source + ": sequenceLength " + options.sequenceLength()
                    + " was given but input '" + inputName + "' is a vector " + Arrays.toString(shape));
        }

        Map<String, NodeInfo> outputs = session.getOutputInfo();
        if (outputs.containsKey("logits")) {
            this.classOutputName = "logits";
        } else if (outputs.containsKey("probabilities")) {
            this.classOutputName = "probabilities";
        } else if (outputs.containsKey("probs")) {
            this.classOutputName = "probs";
        } else {
            throw new ModelLoadException(source + ": no output named logits, probabilities or probs; outputs are "
                    + outputs.keySet());
        }
        this.logits = classOutputName.equals("logits");
        TensorInfo out = tensorInfo(outputs.get(classOutputName), source);
        long[] outShape = out.getShape();
        if (out.type != OnnxJavaType.FLOAT || outShape.length != 2 || (outShape[1] != CLASSES && outShape[1] != -1)) {
            throw new ModelLoadException(source + ": output '" + classOutputName + "' must be float32 [batch, 3] "
                    + "(SELL, HOLD, BUY) but is " + out.type + " " + Arrays.toString(outShape));
        }
        int confidenceRank = 0;
        if (outputs.containsKey("confidence")) {
            TensorInfo c = tensorInfo(outputs.get("confidence"), source);
            long[] cs = c.getShape();
            boolean ok = c.type == OnnxJavaType.FLOAT && (cs.length == 1 || (cs.length == 2 && cs[1] == 1));
            if (!ok) {
                throw new ModelLoadException(source + ": output 'confidence' must be float32 [batch] or [batch, 1] "
                        + "but is " + c.type + " " + Arrays.toString(cs));
            }
            this.confidenceOutputName = "confidence";
            confidenceRank = cs.length;
        } else {
            this.confidenceOutputName = null;
        }

        OnnxModelMetadata onnxMeta = session.getMetadata();
        Map<String, String> custom = onnxMeta.getCustomMetadata();
        this.temperature = temperature(options, custom, logits, source);
        Provenance provenance = provenance(onnxMeta, custom, source);
        String modelId = custom.getOrDefault(MODEL_ID_KEY, id);
        this.metadata = new ModelMetadata(modelId, TYPE, kind, features, seq, confidenceOutputName != null,
                provenance);

        Set<String> names = new LinkedHashSet<>();
        names.add(classOutputName);
        if (confidenceOutputName != null) {
            names.add(confidenceOutputName);
        }
        this.outputNames = Set.copyOf(names);

        long[] rowShape = kind == InputKind.VECTOR ? new long[] {1, features} : new long[] {1, seq, features};
        this.rowInput = directFloats(metadata.inputLength());
        this.rowInputTensor = OnnxTensor.createTensor(env, rowInput, rowShape);
        this.rowClasses = directFloats(CLASSES);
        this.rowClassesTensor = OnnxTensor.createTensor(env, rowClasses, new long[] {1, CLASSES});
        if (confidenceOutputName != null) {
            this.rowConfidence = directFloats(1);
            this.rowConfidenceTensor = OnnxTensor.createTensor(env, rowConfidence,
                    confidenceRank == 1 ? new long[] {1} : new long[] {1, 1});
            this.rowOutputs = Map.of(classOutputName, rowClassesTensor, confidenceOutputName, rowConfidenceTensor);
        } else {
            this.rowConfidence = null;
            this.rowConfidenceTensor = null;
            this.rowOutputs = Map.of(classOutputName, rowClassesTensor);
        }
        this.rowInputs = Map.of(inputName, rowInputTensor);
        LOG.debug("loaded ONNX model {} from {}: {} {} x {}, output {}{}, provider {}, temperature {}", modelId, source,
                kind, seq, features, classOutputName, confidenceOutputName == null ? "" : " + confidence",
                executionProvider, temperature);
    }

    /**
     * Loads an ONNX model file.
     *
     * @param file    the {@code .onnx} file
     * @param options provider, session and shape options
     * @throws ModelLoadException if the file is missing or unreadable, is not a valid ONNX model,
     *                            does not have the shapes described above, or needs a GPU that is
     *                            not there
     */
    public static OnnxModel load(Path file, OnnxModelOptions options) {
        Checks.notNull(file, "file");
        Checks.notNull(options, "options");
        byte[] bytes;
        try {
            bytes = ModelLimits.defaults().readModelFile(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("ONNX model file not found: " + file, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read ONNX model file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return load(bytes, dot > 0 ? name.substring(0, dot) : name, file.toString(), options);
    }

    /**
     * Loads an ONNX model from its bytes (for example a bundle entry whose checksum was verified).
     *
     * @param model   the serialised ONNX model
     * @param id      model id used when the model has no {@value #MODEL_ID_KEY} metadata entry
     * @param options provider, session and shape options
     * @throws ModelLoadException as {@link #load(Path, OnnxModelOptions)}
     */
    public static OnnxModel load(byte[] model, String id, OnnxModelOptions options) {
        Checks.notNull(model, "model");
        Checks.notBlank(id, "id");
        return load(model, id, "ONNX model " + id, Checks.notNull(options, "options"));
    }

    private static OnnxModel load(byte[] bytes, String id, String source, OnnxModelOptions options) {
        if (bytes.length == 0) {
            throw new ModelLoadException(source + ": the file is empty");
        }
        Session s = Session.open(bytes, source, options);
        try {
            return new OnnxModel(s, id, source, options);
        } catch (OrtException e) {
            s.close();
            throw new ModelLoadException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The execution provider the session actually uses (after an {@code auto} fallback). */
    public ExecutionProvider executionProvider() {
        return executionProvider;
    }

    /** The softmax temperature applied to logits; 1 when none was fitted or the model outputs probabilities. */
    public double temperature() {
        return temperature;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if the model is closed, ONNX Runtime fails, or the model's
     *                               output is not a valid probability (or confidence) vector
     */
    @Override
    public double predict(float[] input, double[] probabilities) {
        ModelInputException.check(metadata, input);
        checkOutput(probabilities, CLASSES, "probabilities");
        lock.lock();
        try {
            ensureOpen();
            rowInput.put(0, input);
            try (OrtSession.Result ignored = session.run(rowInputs, rowOutputs)) {
                toProbabilities(rowClasses, 0, probabilities, 0);
                return confidenceOutputName == null ? Double.NaN : checkConfidence(rowConfidence.get(0));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on model " + metadata.id() + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Rows go to ONNX Runtime in native batches of up to 1024 (one at a time when the model's
     * batch dimension is fixed at 1).
     *
     * @throws ModelInputException   naming the row if any input row is wrong
     * @throws IllegalStateException as {@link #predict}
     */
    @Override
    public void predictBatch(float[][] inputs, double[] probabilities, double[] confidence) {
        Checks.notNull(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) {
            try {
                ModelInputException.check(metadata, inputs[i]);
            } catch (ModelInputException e) {
                throw new ModelInputException("row " + i + ": " + e.getMessage());
            }
        }
        checkOutput(probabilities, CLASSES * inputs.length, "probabilities");
        if (confidence != null) {
            checkOutput(confidence, inputs.length, "confidence");
        }
        if (!batchable) {
            Model.super.predictBatch(inputs, probabilities, confidence);
            return;
        }
        lock.lock();
        try {
            ensureOpen();
            for (int from = 0; from < inputs.length; from += MAX_BATCH_ROWS) {
                runBatch(inputs, from, Math.min(MAX_BATCH_ROWS, inputs.length - from), probabilities, confidence);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on model " + metadata.id() + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void runBatch(float[][] inputs, int from, int rows, double[] probabilities, double[] confidence)
            throws OrtException {
        int len = metadata.inputLength();
        int needed = rows * len;
        if (batchInput == null || batchInput.capacity() < needed) {
            batchInput = directFloats(Math.max(needed, len * Math.min(MAX_BATCH_ROWS, 64)));
        }
        FloatBuffer buf = batchInput.slice(0, needed);
        for (int i = 0; i < rows; i++) {
            buf.put(i * len, inputs[from + i]);
        }
        long[] shape = metadata.inputKind() == InputKind.VECTOR
                ? new long[] {rows, metadata.featureCount()}
                : new long[] {rows, metadata.sequenceLength(), metadata.featureCount()};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, buf, shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor), outputNames)) {
            OnnxTensor classes = (OnnxTensor) result.get(classOutputName).orElseThrow();
            long[] cs = classes.getInfo().getShape();
            if (cs.length != 2 || cs[0] != rows || cs[1] != CLASSES) {
                throw new IllegalStateException("model " + metadata.id() + " output '" + classOutputName
                        + "' has shape " + Arrays.toString(cs) + " for " + rows + " rows; expected [" + rows + ", 3]");
            }
            FloatBuffer values = classes.getFloatBuffer();
            for (int i = 0; i < rows; i++) {
                toProbabilities(values, CLASSES * i, probabilities, CLASSES * (from + i));
            }
            if (confidence != null) {
                if (confidenceOutputName == null) {
                    Arrays.fill(confidence, from, from + rows, Double.NaN);
                } else {
                    FloatBuffer c = ((OnnxTensor) result.get(confidenceOutputName).orElseThrow()).getFloatBuffer();
                    if (c.remaining() != rows) {
                        throw new IllegalStateException("model " + metadata.id() + " output 'confidence' has "
                                + c.remaining() + " values for " + rows + " rows");
                    }
                    for (int i = 0; i < rows; i++) {
                        confidence[from + i] = checkConfidence(c.get(i));
                    }
                }
            }
        }
    }

    /** Closes the ONNX Runtime session and its tensors. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            rowInputTensor.close();
            rowClassesTensor.close();
            if (rowConfidenceTensor != null) {
                rowConfidenceTensor.close();
            }
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("closing ONNX session of model {} failed: {}", metadata.id(), e.getMessage());
            }
            sessionOptions.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxModel[" + metadata.id() + ", " + metadata.inputKind() + " " + metadata.sequenceLength() + "x"
                + metadata.featureCount() + ", " + classOutputName + ", " + executionProvider + "]";
    }

    private void toProbabilities(FloatBuffer src, int offset, double[] dst, int dstOffset) {
        double a = src.get(offset);
        double b = src.get(offset + 1);
        double c = src.get(offset + 2);
        if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
            throw new IllegalStateException("model " + metadata.id() + " output '" + classOutputName
                    + "' is not finite: [" + a + ", " + b + ", " + c + "]");
        }
        if (logits) {
            double max = Math.max(a, Math.max(b, c));
            double ea = Math.exp((a - max) / temperature);
            double eb = Math.exp((b - max) / temperature);
            double ec = Math.exp((c - max) / temperature);
            double sum = ea + eb + ec;
            dst[dstOffset] = ea / sum;
            dst[dstOffset + 1] = eb / sum;
            dst[dstOffset + 2] = ec / sum;
        } else {
            double sum = a + b + c;
            if (a < 0 || b < 0 || c < 0 || Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
                throw new IllegalStateException("model " + metadata.id() + " output '" + classOutputName
                        + "' is not a probability vector: [" + a + ", " + b + ", " + c + "]");
            }
            dst[dstOffset] = a;
            dst[dstOffset + 1] = b;
            dst[dstOffset + 2] = c;
        }
    }

    private double checkConfidence(float c) {
        if (!(c >= 0 && c <= 1)) {
            throw new IllegalStateException("model " + metadata.id() + " output 'confidence' must lie in [0, 1] but was "
                    + c);
        }
        return c;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("model " + metadata.id() + " is closed");
        }
    }

    private static void checkOutput(double[] out, int needed, String name) {
        Checks.notNull(out, name);
        if (out.length < needed) {
            throw new IllegalArgumentException(name + " must hold at least " + needed + " values but has "
                    + out.length);
        }
    }

    private static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(4 * count).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static TensorInfo tensorInfo(NodeInfo node, String source) {
        ValueInfo info = node.getInfo();
        if (!(info instanceof TensorInfo t)) {
            throw new ModelLoadException(source + ": '" + node.getName() + "' must be a tensor but is " + info);
        }
        return t;
    }

    private static int dimension(long declared, int expected, String what, String source) {
        if (declared > 0) {
            if (expected > 0 && declared != expected) {
                throw new ModelLoadException(source + ": the model's " + what + " dimension is " + declared
                        + " but " + expected + " was expected");
            }
            return Math.toIntExact(declared);
        }
        if (expected > 0) {
            return expected;
        }
        throw new ModelLoadException(source + ": the model's " + what + " dimension is symbolic; give its size with "
                + "the " + (what.equals("feature") ? "featureCount" : "sequenceLength") + " option");
    }

    private static double temperature(OnnxModelOptions options, Map<String, String> custom, boolean logits,
            String source) {
        double t = options.temperature();
        String origin = "option temperature";
        if (t == 0 && custom.containsKey(TEMPERATURE_KEY)) {
            origin = "metadata " + TEMPERATURE_KEY;
            try {
                t = Double.parseDouble(custom.get(TEMPERATURE_KEY).strip());
            } catch (NumberFormatException e) {
                throw new ModelLoadException(source + ": " + origin + " is not a number: " + custom.get(TEMPERATURE_KEY), e);
            }
            if (!(t > 0) || !Double.isFinite(t)) {
                throw new ModelLoadException(source + ": " + origin + " must be positive but was " + t);
            }
        }
        if (t == 0) {
            return 1.0;
        }
        if (!logits && t != 1.0) {
            throw new ModelLoadException(source + ": " + origin + " = " + t
                    + " applies to a 'logits' output, but this model outputs probabilities");
        }
        return t;
    }

    private static Provenance provenance(OnnxModelMetadata meta, Map<String, String> custom, String source) {
        String trainer = custom.getOrDefault(TRAINER_KEY, meta.getProducerName());
        if (trainer == null || trainer.isBlank()) {
            trainer = "unknown ONNX producer";
        }
        long seed = 0;
        if (custom.containsKey(SEED_KEY)) {
            try {
                seed = Long.parseLong(custom.get(SEED_KEY).strip());
            } catch (NumberFormatException e) {
                throw new ModelLoadException(source + ": metadata " + SEED_KEY + " is not an integer: "
                        + custom.get(SEED_KEY), e);
            }
        }
        Instant created = Instant.EPOCH;
        if (custom.containsKey(CREATED_KEY)) {
            try {
                created = Instant.parse(custom.get(CREATED_KEY).strip());
            } catch (DateTimeParseException e) {
                throw new ModelLoadException(source + ": metadata " + CREATED_KEY + " is not an ISO-8601 instant: "
                        + custom.get(CREATED_KEY), e);
            }
        }
        return new Provenance(trainer, custom.getOrDefault(DATA_KEY, ""), seed, created, custom);
    }

    /** An open session with the options and provider it was created with. */
    private record Session(OrtEnvironment env, OrtSession.SessionOptions options, OrtSession session,
            ExecutionProvider provider) {

        static Session open(byte[] bytes, String source, OnnxModelOptions o) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions so = sessionOptions(o, source);
            ExecutionProvider provider;
            try {
                provider = addProvider(so, o, source);
            } catch (RuntimeException e) {
                so.close();
                throw e;
            }
            try {
                return new Session(env, so, env.createSession(bytes, so), provider);
            } catch (OrtException e) {
                so.close();
                if (provider == ExecutionProvider.CPU) {
                    throw new ModelLoadException(source + ": not a loadable ONNX model: " + e.getMessage(), e);
                }
                if (o.executionProvider() == ExecutionProvider.AUTO && !o.requireGpu()) {
                    LOG.warn("{}: executionProvider=auto could not start a session on {} device {} ({}); "
                            + "falling back to CPU", source, provider, o.gpuDeviceId(), e.getMessage());
                    return open(bytes, source, o.withExecutionProvider(ExecutionProvider.CPU));
                }
                // The model may be fine: CUDA kernels and device memory are only set up here.
                throw new ModelLoadException(source + ": cannot start a session on " + provider + " device "
                        + o.gpuDeviceId() + " (the model may also be invalid): " + e.getMessage(), e);
            }
        }

        void close() {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.warn("closing ONNX session failed: {}", e.getMessage());
            }
            options.close();
        }

        private static OrtSession.SessionOptions sessionOptions(OnnxModelOptions o, String source) {
            OrtSession.SessionOptions so = new OrtSession.SessionOptions();
            try {
                so.setOptimizationLevel(switch (o.optimizationLevel()) {
                    case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                    case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                    case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                    case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
                });
                if (o.intraOpThreads() > 0) {
                    so.setIntraOpNumThreads(o.intraOpThreads());
                }
                return so;
            } catch (OrtException e) {
                so.close();
                throw new ModelLoadException(source + ": invalid session options: " + e.getMessage(), e);
            }
        }

        private static ExecutionProvider addProvider(OrtSession.SessionOptions so, OnnxModelOptions o, String source) {
            EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
            int device = o.gpuDeviceId();
            switch (o.executionProvider()) {
                case CPU -> {
                    return ExecutionProvider.CPU;
                }
                case CUDA -> {
                    requireProvider(available, OrtProvider.CUDA, source);
                    add(() -> addCuda(so, device), ExecutionProvider.CUDA, device, source);
                    return ExecutionProvider.CUDA;
                }
                case TENSORRT -> {
                    requireProvider(available, OrtProvider.TENSOR_RT, source);
                    add(() -> so.addTensorrt(device), ExecutionProvider.TENSORRT, device, source);
                    if (available.contains(OrtProvider.CUDA)) {
                        add(() -> addCuda(so, device), ExecutionProvider.CUDA, device, source);
                    }
                    return ExecutionProvider.TENSORRT;
                }
                case AUTO -> {
                    if (!available.contains(OrtProvider.CUDA)) {
                        if (o.requireGpu()) {
                            throw new ModelLoadException(source + ": requireGpu is set but " + noGpuBuild(available));
                        }
                        LOG.warn("{}: executionProvider=auto found no GPU ({}); running on CPU", source,
                                noGpuBuild(available));
                        return ExecutionProvider.CPU;
                    }
                    try {
                        addCuda(so, device);
                        return ExecutionProvider.CUDA;
                    } catch (OrtException e) {
                        String reason = e.getMessage().strip() + GpuLibraries.missing(ExecutionProvider.CUDA);
                        if (o.requireGpu()) {
                            throw new ModelLoadException(source + ": requireGpu is set but CUDA device " + device
                                    + " cannot be used: " + reason, e);
                        }
                        LOG.warn("{}: executionProvider=auto cannot use CUDA device {} ({}); running on CPU", source,
                                device, reason);
                        return ExecutionProvider.CPU;
                    }
                }
                default -> throw new IllegalStateException("unhandled provider " + o.executionProvider());
            }
        }

        /**
         * Registers CUDA with TF32 off. ONNX Runtime's CUDA provider turns TF32 on by default
         * ({@code use_tf32}): on Ampere and newer GPUs it rounds MatMul and GEMM inputs to 10-bit
         * mantissas, which moves float32 results by up to about 1e-3 relative. Sextant prefers
         * CUDA results that reproduce the CPU ones to 1e-4 over that speed-up. ONNX Runtime copies
         * the options when they are added, so they close here.
         */
        private static void addCuda(OrtSession.SessionOptions so, int device) throws OrtException {
            try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device)) {
                cuda.add("use_tf32", "0");
                so.addCUDA(cuda);
            }
        }

        private static void requireProvider(EnumSet<OrtProvider> available, OrtProvider p, String source) {
            if (!available.contains(p)) {
                throw new ModelLoadException(source + ": execution provider " + p.getName() + " requested but "
                        + noGpuBuild(available));
            }
        }

        private static String noGpuBuild(EnumSet<OrtProvider> available) {
            return "this ONNX Runtime build offers only " + available + "; put com.microsoft.onnxruntime:onnxruntime_gpu"
                    + " on the class path in place of onnxruntime and run on a machine with an NVIDIA GPU and CUDA";
        }

        private static void add(OrtCall call, ExecutionProvider provider, int device, String source) {
            try {
                call.run();
            } catch (OrtException e) {
                String name = provider == ExecutionProvider.TENSORRT ? "TensorRT" : "CUDA";
                throw new ModelLoadException(source + ": cannot use " + name + " device " + device + ": "
                        + e.getMessage().strip() + GpuLibraries.missing(provider), e);
            }
        }
    }

    @FunctionalInterface
    private interface OrtCall {
        void run() throws OrtException;
    }
}

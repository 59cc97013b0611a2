package dev.sextant.trading.models.onnx;

import ai.onnxruntime.OnnxModelMetadata;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
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
import java.util.Arrays;
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
 * <p>The parts: {@link OnnxSession} opens the session on the chosen execution provider,
 * {@link OnnxSignature} checks the graph's inputs and outputs, {@link SextantMetadata} reads the
 * temperature and provenance, {@link OutputDecoder} turns raw outputs into probabilities; this
 * class holds the reusable tensors and runs the calls.
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
    private static final int CLASSES = OnnxSignature.CLASSES;
    /** Rows per native call in {@link #predictBatch}; bounds the input buffer at a few MB. */
    static final int MAX_BATCH_ROWS = 1024;

    private final ModelMetadata metadata;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions sessionOptions;
    private final OrtSession session;
    private final ExecutionProvider executionProvider;
    private final String inputName;
    private final String classOutputName;
    private final String confidenceOutputName;
    private final double temperature;
    private final boolean batchable;
    private final Set<String> outputNames;
    private final OutputDecoder decoder;

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

    private OnnxModel(OnnxSession s, String id, String source, OnnxModelOptions options) throws OrtException {
        this.env = s.env();
        this.sessionOptions = s.options();
        this.session = s.session();
        this.executionProvider = s.provider();

        OnnxSignature sig = OnnxSignature.of(session, options, source);
        this.inputName = sig.inputName();
        this.batchable = sig.batchable();
        this.classOutputName = sig.classOutput();
        this.confidenceOutputName = sig.confidenceOutput();
        InputKind kind = sig.kind();
        int features = sig.features();
        int seq = sig.sequenceLength();

        OnnxModelMetadata onnxMeta = session.getMetadata();
        Map<String, String> custom = onnxMeta.getCustomMetadata();
        this.temperature = SextantMetadata.temperature(options, custom, sig.logits(), source);
        Provenance provenance = SextantMetadata.provenance(onnxMeta, custom, source);
        String modelId = custom.getOrDefault(MODEL_ID_KEY, id);
        this.metadata = new ModelMetadata(modelId, TYPE, kind, features, seq, confidenceOutputName != null,
                provenance);
        this.decoder = new OutputDecoder(modelId, classOutputName, sig.logits(), temperature);

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
                    sig.confidenceRank() == 1 ? new long[] {1} : new long[] {1, 1});
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
        OnnxSession s = OnnxSession.open(bytes, source, options);
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
                decoder.toProbabilities(rowClasses, 0, probabilities, 0);
                return confidenceOutputName == null ? Double.NaN : decoder.confidence(rowConfidence.get(0));
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
                decoder.toProbabilities(values, CLASSES * i, probabilities, CLASSES * (from + i));
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
                        confidence[from + i] = decoder.confidence(c.get(i));
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
}

package dev.sextant.trading.models.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.ModelInputException;
import dev.sextant.trading.models.ModelLimits;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.ModelOutputException;
import dev.sextant.trading.models.Softmax;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.BundleWriter;
import dev.sextant.trading.models.policy.PolicyLayout;
import dev.sextant.trading.models.policy.PolicyModel;
import dev.sextant.trading.models.policy.PolicyObservation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A trading policy's actor exported to ONNX (by a PyTorch script, or from a Stable-Baselines3
 * policy wrapped the same way), run by ONNX Runtime as a {@link PolicyModel} of type
 * {@value #TYPE}.
 *
 * <p>The graph has one float32 input of shape {@code [batch, observationSize]} ({@code batch}
 * symbolic or 1, {@code observationSize} that of the {@link PolicyLayout}) and two float32
 * outputs: {@code logits} {@code [batch, 3]}, the direction logits in SELL, HOLD, BUY order, and
 * {@code size} {@code [batch]} or {@code [batch, 1]}, the proposed position size in [0, 1]
 * (the graph applies its own squashing, e.g. a sigmoid or a Beta mean). Shapes are checked when
 * the graph is loaded and every observation when it is run; a mismatch is a one-line
 * {@link ModelLoadException} or {@link ModelInputException} naming the tensor, its shape and the
 * expected one. A size outside [0, 1] or a non-finite logit is a {@link ModelOutputException}.
 *
 * <p>In a bundle the model entry's options carry the layout ({@link PolicyLayout#toOptions()});
 * other options are {@link OnnxModelOptions}'s. As a plain model it reads the raw feature window
 * and answers for a flat account.
 *
 * <p>Thread-safe: calls are serialised by a lock. Native memory: the single-row input and output
 * tensors are created once and reused.
 */
public final class OnnxPolicy implements PolicyModel {
    /** The model type id. */
    public static final String TYPE = "onnx-policy";
    /** Name of the direction logits output. */
    public static final String LOGITS = "logits";
    /** Name of the size output. */
    public static final String SIZE = "size";
    private static final int DIRECTIONS = 3;

    private final PolicyLayout layout;
    private final ModelMetadata metadata;
    private final OnnxSession s;
    private final String inputName;
    private final FloatBuffer input;
    private final OnnxTensor inputTensor;
    private final FloatBuffer logits;
    private final OnnxTensor logitsTensor;
    private final FloatBuffer size;
    private final OnnxTensor sizeTensor;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;
    private final float[] row;
    private final double[] raw = new double[DIRECTIONS];
    private final PolicyObservation flat;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private OnnxPolicy(OnnxSession s, String id, String source, PolicyLayout layout) throws OrtException {
        this.s = s;
        this.layout = layout;
        OrtSession session = s.session();
        int n = layout.observationSize();
        if (session.getNumInputs() != 1) {
            throw new ModelLoadException(source + ": an ONNX policy must have one input (the observation) but has "
                    + session.getInputNames());
        }
        NodeInfo in = session.getInputInfo().values().iterator().next();
        this.inputName = in.getName();
        long[] inShape = floatShape(in, source);
        if (inShape.length != 2 || (inShape[0] != -1 && inShape[0] != 1) || inShape[1] != n) {
            throw new ModelLoadException(source + ": input '" + inputName + "' must be float32 [batch, " + n
                    + "] (window " + layout.window() + " x " + layout.spec().size() + " features + "
                    + PolicyObservation.PORTFOLIO_VALUES + " portfolio values) but is " + Arrays.toString(inShape));
        }
        Map<String, NodeInfo> outs = session.getOutputInfo();
        if (!outs.containsKey(LOGITS) || !outs.containsKey(SIZE)) {
            throw new ModelLoadException(source + ": an ONNX policy must have outputs '" + LOGITS + "' and '" + SIZE
                    + "' but has " + outs.keySet());
        }
        long[] ls = floatShape(outs.get(LOGITS), source);
        if (ls.length != 2 || ls[1] != DIRECTIONS) {
            throw new ModelLoadException(source + ": output '" + LOGITS + "' must be float32 [batch, 3] (SELL, HOLD,"
                    + " BUY) but is " + Arrays.toString(ls));
        }
        long[] ss = floatShape(outs.get(SIZE), source);
        if (ss.length != 1 && (ss.length != 2 || ss[1] != 1)) {
            throw new ModelLoadException(source + ": output '" + SIZE + "' must be float32 [batch] or [batch, 1] but is "
                    + Arrays.toString(ss));
        }
        Map<String, String> custom = session.getMetadata().getCustomMetadata();
        String modelId = custom.getOrDefault(OnnxModel.MODEL_ID_KEY, id);
        this.metadata = new ModelMetadata(modelId, TYPE, layout.window() > 1 ? InputKind.WINDOW : InputKind.VECTOR,
                layout.spec().size(), layout.window(), true,
                SextantMetadata.provenance(session.getMetadata(), custom, source));
        this.row = new float[n];
        this.input = directFloats(n);
        this.inputTensor = OnnxTensor.createTensor(s.env(), input, new long[] {1, n});
        this.logits = directFloats(DIRECTIONS);
        this.logitsTensor = OnnxTensor.createTensor(s.env(), logits, new long[] {1, DIRECTIONS});
        this.size = directFloats(1);
        this.sizeTensor = OnnxTensor.createTensor(s.env(), size, ss.length == 1 ? new long[] {1} : new long[] {1, 1});
        this.inputs = Map.of(inputName, inputTensor);
        this.outputs = Map.of(LOGITS, logitsTensor, SIZE, sizeTensor);
        this.flat = new PolicyObservation(layout);
    }

    private static long[] floatShape(NodeInfo node, String source) {
        if (!(node.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new ModelLoadException(source + ": '" + node.getName() + "' must be a float32 tensor but is "
                    + node.getInfo());
        }
        return t.getShape();
    }

    /**
     * Loads an ONNX actor file.
     *
     * @throws ModelLoadException if the file is missing or unreadable, not a valid ONNX model, or
     *                            its input or outputs do not have the shapes in the class comment
     */
    public static OnnxPolicy load(Path file, PolicyLayout layout, OnnxModelOptions options) {
        Checks.notNull(file, "file");
        byte[] bytes;
        try {
            bytes = ModelLimits.defaults().readModelFile(file);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("ONNX policy file not found: " + file, e);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read ONNX policy file " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return load(bytes, dot > 0 ? name.substring(0, dot) : name, file.toString(), layout, options);
    }

    /**
     * Loads an ONNX actor from its bytes.
     *
     * @param id model id used when the graph has no {@value OnnxModel#MODEL_ID_KEY} metadata entry
     * @throws ModelLoadException as {@link #load(Path, PolicyLayout, OnnxModelOptions)}
     */
    public static OnnxPolicy load(byte[] model, String id, PolicyLayout layout, OnnxModelOptions options) {
        Checks.notNull(model, "model");
        return load(model, Checks.notBlank(id, "id"), "ONNX policy " + id, layout, options);
    }

    private static OnnxPolicy load(byte[] bytes, String id, String source, PolicyLayout layout,
            OnnxModelOptions options) {
        Checks.notNull(layout, "layout");
        Checks.notNull(options, "options");
        if (bytes.length == 0) {
            throw new ModelLoadException(source + ": the file is empty");
        }
        OnnxSession s = OnnxSession.open(bytes, source, options);
        try {
            return new OnnxPolicy(s, id, source, layout);
        } catch (OrtException e) {
            s.close();
            throw new ModelLoadException(source + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /**
     * Writes a bundle directory holding {@code onnxFile} as a model of type {@value #TYPE} with
     * {@code layout} in its options: manifest (with the layout's feature spec) and
     * {@code bundle.sha256}, verified on load like any bundle. The file is loaded first, so a
     * graph whose shapes do not fit the layout is refused here.
     *
     * @throws ModelLoadException if the graph does not fit the layout
     * @throws IOException        if the directory cannot be written
     */
    public static BundleManifest writeBundle(Path onnxFile, PolicyLayout layout, String bundleId, String bundleVersion,
            Path dir) throws IOException {
        try (OnnxPolicy loaded = load(onnxFile, layout, OnnxModelOptions.defaults())) {
            return BundleWriter.create(bundleId, bundleVersion, layout.spec())
                    .addFile(loaded, onnxFile, layout.toOptions(), null).single(loaded.metadata().id())
                    .attribute("rl.maxFraction", Double.toString(layout.maxFraction()))
                    .attribute("rl.window", Integer.toString(layout.window())).writeDirectory(dir);
        }
    }

    @Override
    public PolicyLayout layout() {
        return layout;
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    /**
     * The raw outputs for one observation: the direction logits into {@code logitsOut[0..2]}.
     *
     * @param observation {@link PolicyLayout#observationSize()} finite values (as float32)
     * @return the size output
     * @throws ModelInputException  if the observation has the wrong length or a non-finite value
     * @throws ModelOutputException if a logit is not finite or the size is outside [0, 1]
     */
    public double logits(float[] observation, double[] logitsOut) {
        Checks.notNull(observation, "observation");
        Checks.notNull(logitsOut, "logitsOut");
        if (observation.length != row.length) {
            throw new ModelInputException("ONNX policy " + metadata.id() + " input '" + inputName + "' takes "
                    + row.length + " values (window " + layout.window() + " x " + layout.spec().size()
                    + " features + " + PolicyObservation.PORTFOLIO_VALUES + ") but got " + observation.length);
        }
        for (int i = 0; i < observation.length; i++) {
            if (!Float.isFinite(observation[i])) {
                throw new ModelInputException("ONNX policy " + metadata.id() + ": observation[" + i + "] is "
                        + observation[i]);
            }
        }
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("ONNX policy " + metadata.id() + " is closed");
            }
            input.put(0, observation);
            try (OrtSession.Result ignored = s.session().run(inputs, outputs)) {
                for (int k = 0; k < DIRECTIONS; k++) {
                    double v = logits.get(k);
                    if (!Double.isFinite(v)) {
                        throw new ModelOutputException(metadata.id(), ModelOutputException.UNKNOWN_ROW,
                                "logit " + k + " is " + v);
                    }
                    logitsOut[k] = v;
                }
                double z = size.get(0);
                if (!(z >= 0 && z <= 1)) {
                    throw new ModelOutputException(metadata.id(), ModelOutputException.UNKNOWN_ROW,
                            "size " + z + " is outside [0, 1]");
                }
                return z;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on policy " + metadata.id() + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The observation is converted to float32; the probabilities are the softmax of the
     * logits; the size is the graph's.
     */
    @Override
    public double act(double[] observation, double[] probabilities) {
        Checks.notNull(observation, "observation");
        lock.lock();
        try {
            float[] f = observation.length == row.length ? row : new float[observation.length];
            for (int i = 0; i < observation.length; i++) {
                f[i] = (float) observation[i];
            }
            double z = logits(f, raw);
            Softmax.apply(raw[0], raw[1], raw[2], probabilities, 0);
            return z;
        } finally {
            lock.unlock();
        }
    }

    /** Direction probabilities for a flat account from the raw feature window; returns the size. */
    @Override
    public double predict(float[] input, double[] probabilities) {
        ModelInputException.check(metadata, input);
        lock.lock();
        try {
            double[] window = new double[input.length];
            for (int i = 0; i < input.length; i++) {
                window[i] = input[i];
            }
            return act(flat.observe(window, 0, 0, 1, 1, 0), probabilities);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the session and its tensors. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            inputTensor.close();
            logitsTensor.close();
            sizeTensor.close();
            s.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxPolicy[" + metadata.id() + ", observation " + row.length + ", " + s.provider() + "]";
    }

    private static FloatBuffer directFloats(int count) {
        return ByteBuffer.allocateDirect(4 * count).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}

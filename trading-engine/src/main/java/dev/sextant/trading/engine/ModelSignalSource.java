package dev.sextant.trading.engine;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.engine.internal.FeatureEngineBytes;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureEngineState;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.features.SequenceWindow;
import dev.sextant.trading.models.InputKind;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.drift.DriftMonitor;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.labels.FixedHorizonLabeler;
import dev.sextant.trading.models.labels.LabelStream;
import dev.sextant.trading.models.labels.Labels;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signals from a model over streaming features: per instrument a {@link FeatureEngine} (and a
 * {@link SequenceWindow} for window models) feeds the model, whose calibrated SELL/HOLD/BUY
 * probabilities become the signal. The direction is the most probable class; the confidence is
 * the model's own confidence output when it has one, else the probability of that direction.
 *
 * <p>With a {@link DriftGuard}, every prediction also feeds the instrument's
 * {@link DriftMonitor} (feature and prediction drift, alerts to the guard's listener), and a bar
 * whose feature vector is out of distribution gives {@link SignalResult.OutOfDistribution}
 * instead of a tradable signal. With the guard's label definition, each close also settles the
 * label of the bar {@code horizon} bars back, and the log loss of the prediction made on that bar
 * (traded, held, or gated as out of distribution) feeds the monitor's Page-Hinkley test: the
 * performance drift of this model, in every session or replay that uses the source.
 *
 * <p>Its per-instrument state is restorable ({@link RestorableSignalSource}): the feature engine,
 * the window and whether a prediction was made, and with a drift guard also the instrument's
 * {@link DriftMonitor} (its windows, Page-Hinkley test and alert state), its
 * {@link LabelStream} and the predictions whose labels are not settled yet. A guarded source's
 * {@link #stateKey()} names the guard (the reference's hash, the settings, the label
 * definition), so a state is restored only into a source with the same guard, or none when it was
 * saved without; restored, the instrument gives the signals, out-of-distribution gates and alerts
 * the saved source would have given, bit for bit.
 *
 * <p>Not thread-safe: one thread feeds all instruments (the pipeline's contract). The model is
 * shared by the instruments and closed by {@link #close()}.
 */
public final class ModelSignalSource implements RestorableSignalSource, AutoCloseable {
    private final FeatureSpec spec;
    private final Model model;
    private final String modelId;
    private final String modelVersion;
    private final DriftGuard guard;
    private final Map<Instrument, State> states = new HashMap<>();
    private final double[] probabilities = new double[3];
    private String stateKey;

    private final class State {
        final FeatureEngine engine = FeatureEngine.create(spec);
        final double[] vector = new double[spec.size()];
        final SequenceWindow window;
        final float[] input;
        boolean predicted;
        final DriftMonitor monitor;
        /** Settles each bar's label {@code horizon} bars later; null without a label definition. */
        final LabelStream labels;
        /**
         * The probabilities predicted on the last {@code horizon + 1} bars, bar {@code i} at
         * {@code 3 * (i % (horizon + 1))}; a NaN first value where none was made.
         */
        final double[] pending;

        State(Instrument instrument) {
            int length = model.metadata().inputKind() == InputKind.WINDOW ? model.metadata().sequenceLength() : 1;
            window = new SequenceWindow(length, spec.size());
            input = new float[length * spec.size()];
            monitor = guard == null ? null : new DriftMonitor(instrument.id(), guard.reference(), guard.settings(),
                    guard.listener());
            labels = guard == null ? null : guard.labels().map(LabelStream::new).orElse(null);
            pending = labels == null ? null : new double[3 * (labels.labeler().horizon() + 1)];
        }

        /**
         * Records this bar's prediction (null when none) and feeds the monitor the loss of the
         * prediction whose label this close settles.
         */
        void settle(double close, long closeMillis, double[] predicted) {
            int slots = labels.labeler().horizon() + 1;
            // The label stream counts the bars; this is bar `bar`.
            long bar = labels.bars();
            int slot = 3 * (int) (bar % slots);
            if (predicted == null) {
                pending[slot] = Double.NaN;
            } else {
                System.arraycopy(predicted, 0, pending, slot, 3);
            }
            int label = labels.onClose(close);
            long settled = bar - labels.labeler().horizon();
            if (label == Labels.UNDEFINED || settled < 0) {
                return;
            }
            int from = 3 * (int) (settled % slots);
            if (!Double.isNaN(pending[from])) {
                monitor.onLoss(closeMillis, DriftReference.logLoss(pending[from + label]));
            }
        }
    }

    /**
     * @param spec         the features the model reads; its size must equal the model's feature count
     * @param model        the (calibrated) model or ensemble
     * @param modelId      id stamped on every signal (e.g. the bundle id)
     * @param modelVersion version stamped on every signal
     */
    public ModelSignalSource(FeatureSpec spec, Model model, String modelId, String modelVersion) {
        this(spec, model, modelId, modelVersion, null);
    }

    /**
     * A source that monitors drift and gates out-of-distribution bars.
     *
     * @param spec         the features the model reads; its size must equal the model's feature count
     * @param model        the (calibrated) model or ensemble
     * @param modelId      id stamped on every signal (e.g. the bundle id)
     * @param modelVersion version stamped on every signal
     * @param guard        the bundle's reference, settings and alert listener; its feature names
     *                     must be the spec's
     * @throws IllegalArgumentException if the reference describes other features than the spec
     */
    public ModelSignalSource(FeatureSpec spec, Model model, String modelId, String modelVersion, DriftGuard guard) {
        this.guard = guard;
        if (guard != null && !guard.reference().featureNames().equals(Checks.notNull(spec, "spec").featureNames())) {
            throw new IllegalArgumentException("the drift reference describes features " + guard.reference().featureNames()
                    + " but feature set " + spec.name() + " has " + spec.featureNames());
        }
        this.spec = Checks.notNull(spec, "spec");
        this.model = Checks.notNull(model, "model");
        this.modelId = Checks.notBlank(modelId, "modelId");
        this.modelVersion = Checks.notBlank(modelVersion, "modelVersion");
        if (model.metadata().featureCount() != spec.size()) {
            throw new IllegalArgumentException("model " + model.metadata().id() + " reads " + model.metadata().featureCount()
                    + " features but feature set " + spec.name() + " has " + spec.size());
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The signal is stamped at the bar's close, {@code bar.time() + timeFrame.millis()}.
     *
     * @throws IllegalArgumentException if the feature spec names an input time frame other than
     *                                  {@code timeFrame}, or the bar is out of order or invalid
     *                                  (from the {@link FeatureEngine})
     */
    @Override
    public SignalResult onBar(Instrument instrument, TimeFrame timeFrame, Bar bar) {
        Checks.notNull(timeFrame, "timeFrame");
        if (!spec.timeframes().isEmpty() && !spec.timeframes().get(0).equals(timeFrame)) {
            throw new IllegalArgumentException("feature set " + spec.name() + " reads " + spec.timeframes().get(0)
                    + " bars but was given a " + timeFrame + " bar of " + instrument.id());
        }
        State s = states.computeIfAbsent(instrument, State::new);
        SignalResult result = predict(s, instrument, timeFrame, bar);
        if (s.labels != null) {
            boolean predicted = result instanceof SignalResult.Ready || result instanceof SignalResult.OutOfDistribution;
            s.settle(bar.close(), bar.time() + timeFrame.millis(), predicted ? probabilities : null);
        }
        return result;
    }

    private SignalResult predict(State s, Instrument instrument, TimeFrame timeFrame, Bar bar) {
        if (!s.engine.onBar(bar, s.vector)) {
            return SignalResult.warmingUp();
        }
        s.window.push(s.vector);
        if (!s.window.isFull()) {
            return SignalResult.warmingUp();
        }
        s.window.copyTo(s.input);
        s.predicted = true;
        double confidence = model.predict(s.input, probabilities);
        ClassProbabilities p = new ClassProbabilities(probabilities[0], probabilities[1], probabilities[2]);
        Direction d = p.argmax();
        double c = Double.isNaN(confidence) ? p.of(d) : Math.max(0, Math.min(1, confidence));
        long close = bar.time() + timeFrame.millis();
        Signal signal = new Signal(instrument, Instant.ofEpochMilli(close), d, p, c, modelId, modelVersion);
        if (s.monitor != null && s.monitor.onPrediction(close, s.vector, probabilities)) {
            return new SignalResult.OutOfDistribution(signal, s.monitor.lastScore(), s.monitor.oodThreshold());
        }
        return SignalResult.of(signal);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The feature spec's hash and the model's window length (1 for a vector model); with a
     * drift guard also the reference's {@link DriftReference#hash() hash}, the drift settings and
     * the label definition ({@code none} without), e.g. {@code spec 3f2a..., window 1, drift
     * reference 9c01..., DriftSettings[window=500, ...], labels fixed horizon 10 bars, k=0.5,
     * volatility window 60}. A guarded and an unguarded source never share a key, nor do two
     * bundles with different references: the monitor's windows mean nothing against another
     * reference.
     */
    @Override
    public String stateKey() {
        // Hashing the spec and the reference costs time; a keyed operator may snapshot every bar.
        if (stateKey == null) {
            String key = "spec " + spec.hash() + ", window " + windowLength();
            if (guard != null) {
                key += ", drift reference " + guard.reference().hash() + ", " + guard.settings() + ", labels "
                        + guard.labels().map(FixedHorizonLabeler::description).orElse("none");
            }
            stateKey = key;
        }
        return stateKey;
    }

    private int windowLength() {
        return model.metadata().inputKind() == InputKind.WINDOW ? model.metadata().sequenceLength() : 1;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Writes whether the instrument has state, then its {@link FeatureEngineState} bytes, its
     * window and whether a prediction was made (so {@link #lastModelInput} survives too). With a
     * drift guard, then the {@link DriftMonitor#writeState monitor's state} and, with a label
     * definition, the {@link LabelStream#writeState label stream's} and the probabilities of the
     * last {@code min(bars, horizon + 1)} bars (3 doubles each), whose labels are not all settled.
     */
    @Override
    public void writeState(Instrument instrument, DataOutput out) throws IOException {
        Checks.notNull(instrument, "instrument");
        State s = states.get(instrument);
        out.writeBoolean(s != null);
        if (s != null) {
            FeatureEngineBytes.write(s.engine, out);
            s.window.writeState(out);
            out.writeBoolean(s.predicted);
            if (s.monitor != null) {
                s.monitor.writeState(out);
            }
            if (s.labels != null) {
                s.labels.writeState(out);
                int held = 3 * (int) Math.min(s.labels.bars(), s.labels.labeler().horizon() + 1);
                for (int i = 0; i < held; i++) {
                    out.writeDouble(s.pending[i]);
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * @throws StateFormatException also if the drift monitor's or the label stream's state is
     *                              impossible or of another reference, settings or label
     *                              definition ({@link DriftMonitor#readState},
     *                              {@link LabelStream#readState}), or a pending probability is
     *                              outside [0, 1]
     */
    @Override
    public void readState(Instrument instrument, DataInput in) throws IOException {
        Checks.notNull(instrument, "instrument");
        states.remove(instrument);
        if (!in.readBoolean()) {
            return;
        }
        State s = new State(instrument);
        FeatureEngineBytes.read(s.engine, in, instrument.id());
        s.window.readState(in);
        s.predicted = in.readBoolean();
        if (s.predicted) {
            if (!s.window.isFull()) {
                throw new StateFormatException(InstrumentState.KIND, StateFormatException.Problem.CORRUPT,
                        "a prediction was made for " + instrument.id() + " but its window is not full");
            }
            s.window.copyTo(s.input);
        }
        if (s.monitor != null) {
            s.monitor.readState(in);
        }
        if (s.labels != null) {
            s.labels.readState(in);
            int held = 3 * (int) Math.min(s.labels.bars(), s.labels.labeler().horizon() + 1);
            for (int i = 0; i < held; i++) {
                double p = in.readDouble();
                // A slot without a prediction is marked by a NaN first value; the others keep what was there.
                if (!(p >= 0 && p <= 1) && !(i % 3 == 0 && Double.isNaN(p))) {
                    throw new StateFormatException(InstrumentState.KIND, StateFormatException.Problem.CORRUPT,
                            "pending probability " + i + " of " + instrument.id() + " is " + p);
                }
                s.pending[i] = p;
            }
        }
        states.put(instrument, s);
    }

    @Override
    public void forget(Instrument instrument) {
        states.remove(Checks.notNull(instrument, "instrument"));
    }

    /** The drift monitor of {@code instrument}: empty without a guard or before its first bar. */
    public Optional<DriftMonitor> monitor(Instrument instrument) {
        State s = states.get(instrument);
        return s == null ? Optional.empty() : Optional.ofNullable(s.monitor);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The array given to {@link Model#predict}: the feature vector, or for a window model the
     * window's vectors one after another, oldest first.
     */
    @Override
    public Optional<float[]> lastModelInput(Instrument instrument) {
        State s = states.get(Checks.notNull(instrument, "instrument"));
        return s == null || !s.predicted ? Optional.empty() : Optional.of(s.input.clone());
    }

    /** Closes the model. */
    @Override
    public void close() {
        model.close();
    }
}

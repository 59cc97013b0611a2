package dev.sextant.trading.engine;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarResampler;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.calibration.Calibrator;
import dev.sextant.trading.models.ensemble.CalibratedModel;
import dev.sextant.trading.models.ensemble.StackingEnsemble;
import dev.sextant.trading.models.linear.TimeframeLogisticRegression;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Streams a multi-timeframe bundle ({@link MultiTimeframeModels}) on input bars: each time
 * frame's reference model, then the meta-learner and the calibrator.
 *
 * <p>On each input bar the {@link FeatureEngine} updates the input bars' features, and a coarser
 * time frame's features only when one of its bars closes (assembled by {@link BarResampler}).
 * The reference model of a coarser time frame runs only at those closes; between closes its last
 * output is held. The input time frame's model and the meta-learner run on every bar. The
 * outputs are therefore exactly those of the whole ensemble evaluated on every bar
 * ({@link #batch}), with a coarser model's work done once per coarser bar.
 *
 * <p>Before the feature engine's warm-up is over, {@link #onBar} returns false and nothing is
 * defined. Not thread-safe: one predictor per instrument, fed from one thread.
 */
public final class MultiTimeframePredictor {

    private final FeatureSpec spec;
    private final FeatureEngine engine;
    private final Model[] bases;
    private final TimeFrame[] frames;
    private final BarResampler[] closes;
    private final Model meta;
    private final Optional<Calibrator> calibrator;
    private final double[] features;
    private final float[] input;
    private final double[][] held;
    private final long[] evaluations;
    private final float[] metaInput;
    private final double[] raw = new double[3];
    private final double[] output = new double[3];
    private boolean ready;

    /**
     * A predictor for the stacking ensemble {@code model} (possibly calibrated) over {@code spec}.
     *
     * @param spec  the bundle's multi-timeframe feature spec
     * @param model a {@link StackingEnsemble}, or a {@link CalibratedModel} around one, whose
     *              bases are {@link TimeframeLogisticRegression} models (possibly behind a scaler)
     *              of time frames in {@code spec}
     * @throws IllegalArgumentException if the model is not such an ensemble
     */
    public MultiTimeframePredictor(FeatureSpec spec, Model model) {
        this.spec = Checks.notNull(spec, "spec");
        Checks.notNull(model, "model");
        Model inner = model;
        Optional<Calibrator> cal = Optional.empty();
        if (model instanceof CalibratedModel c) {
            cal = Optional.of(c.calibrator());
            inner = c.inner();
        }
        if (!(inner instanceof StackingEnsemble stack)) {
            throw new IllegalArgumentException("model " + model.metadata().id() + " is not a stacking ensemble of time-frame "
                    + "models (a multi-timeframe bundle from MultiTimeframeModels)");
        }
        if (spec.timeframes().isEmpty()) {
            throw new IllegalArgumentException("feature spec " + spec.name() + " has no time frames");
        }
        this.calibrator = cal;
        this.meta = stack.meta();
        List<Model> members = stack.bases();
        this.bases = members.toArray(new Model[0]);
        this.frames = new TimeFrame[bases.length];
        this.closes = new BarResampler[bases.length];
        TimeFrame inputFrame = spec.timeframes().get(0);
        for (int k = 0; k < bases.length; k++) {
            Model b = bases[k];
            TimeFrame tf = TimeframeLogisticRegression.timeframeOf(b.metadata()).orElseThrow(() -> new IllegalArgumentException(
                    "base model " + b.metadata().id() + " of type " + b.metadata().type() + " is not a "
                            + TimeframeLogisticRegression.TYPE + " model"));
            if (!spec.timeframes().contains(tf)) {
                throw new IllegalArgumentException("base model " + b.metadata().id() + " reads time frame " + tf
                        + ", which feature spec " + spec.name() + " does not compute " + spec.timeframes());
            }
            frames[k] = tf;
            closes[k] = tf.equals(inputFrame) ? null : new BarResampler(inputFrame, tf);
        }
        this.engine = FeatureEngine.create(spec);
        this.features = new double[spec.size()];
        this.input = new float[spec.size()];
        this.held = new double[bases.length][3];
        this.evaluations = new long[bases.length];
        this.metaInput = new float[3 * bases.length];
    }

    /**
     * A predictor for a loaded multi-timeframe bundle; the bundle stays open and owned by the caller.
     *
     * @throws IllegalArgumentException if the bundle is not a multi-timeframe bundle
     */
    public static MultiTimeframePredictor of(ModelBundle bundle) {
        Checks.notNull(bundle, "bundle");
        return new MultiTimeframePredictor(bundle.manifest().featureSpec(), bundle.model());
    }

    /**
     * Feeds the next input bar.
     *
     * @return whether the outputs are defined (true from the first bar after the warm-up on)
     * @throws IllegalArgumentException as {@link FeatureEngine#onBar(Bar, double[])}
     */
    public boolean onBar(Bar bar) {
        boolean defined = engine.onBar(bar, features);
        boolean converted = false;
        for (int k = 0; k < bases.length; k++) {
            BarResampler r = closes[k];
            boolean closed = true;
            if (r != null) {
                closed = r.onBar(bar) != null;
                while (r.pollPending() != null) {
                    closed = true;
                }
            }
            if (defined && (closed || evaluations[k] == 0)) {
                if (!converted) {
                    toInput();
                    converted = true;
                }
                bases[k].predict(input, held[k]);
                evaluations[k]++;
            }
        }
        if (!defined) {
            return false;
        }
        combine(held, raw, output);
        ready = true;
        return true;
    }

    private void toInput() {
        for (int j = 0; j < features.length; j++) {
            input[j] = (float) features[j];
        }
    }

    private void combine(double[][] baseOutputs, double[] uncalibrated, double[] out) {
        for (int k = 0; k < bases.length; k++) {
            for (int c = 0; c < 3; c++) {
                metaInput[3 * k + c] = StackingEnsemble.metaFeature(baseOutputs[k][c]);
            }
        }
        meta.predict(metaInput, uncalibrated);
        if (calibrator.isPresent()) {
            calibrator.get().calibrate(uncalibrated, 0, out, 0);
        } else {
            System.arraycopy(uncalibrated, 0, out, 0, 3);
        }
    }

    /** The number of reference models (time frames), in the ensemble's order. */
    public int models() {
        return bases.length;
    }

    /** The time frame of reference model {@code k}. */
    public TimeFrame timeframe(int k) {
        return frames[Checks.inRange(k, 0, bases.length - 1, "k")];
    }

    /**
     * How many times reference model {@code k} has run: once when the outputs first became
     * defined, then once per closed bar of its time frame (every input bar for the input frame).
     */
    public long evaluations(int k) {
        return evaluations[Checks.inRange(k, 0, bases.length - 1, "k")];
    }

    /**
     * Writes reference model {@code k}'s latest SELL, HOLD, BUY probabilities into {@code out}.
     *
     * @throws IllegalStateException if no output is defined yet
     */
    public void modelProbabilities(int k, double[] out) {
        checkReady();
        System.arraycopy(held[Checks.inRange(k, 0, bases.length - 1, "k")], 0, out, 0, 3);
    }

    /**
     * Writes the ensemble's latest (calibrated, when the bundle has a calibrator) probabilities
     * into {@code out}.
     *
     * @throws IllegalStateException if no output is defined yet
     */
    public void probabilities(double[] out) {
        checkReady();
        System.arraycopy(output, 0, out, 0, 3);
    }

    private void checkReady() {
        if (!ready) {
            throw new IllegalStateException("no output yet: the feature warm-up of " + spec.name() + " is not over");
        }
    }

    /**
     * Batch: every model evaluated on every bar of {@code series} from its feature row. Row
     * {@code i} holds {@code 3 * models()} reference probabilities (model 0 first) and then the
     * ensemble's three; rows before the warm-up is over are all {@code NaN}. Equal to streaming
     * the series through a fresh predictor; does not touch this predictor's streaming state.
     */
    public double[][] batch(BarSeries series) {
        Checks.notNull(series, "series");
        double[][] rows = FeatureEngine.create(spec).compute(series);
        int w = 3 * bases.length + 3;
        double[][] out = new double[rows.length][w];
        double[][] baseOutputs = new double[bases.length][3];
        double[] uncalibrated = new double[3];
        double[] calibrated = new double[3];
        float[] x = new float[spec.size()];
        for (int i = 0; i < rows.length; i++) {
            if (Double.isNaN(rows[i][0])) {
                Arrays.fill(out[i], Double.NaN);
                continue;
            }
            for (int j = 0; j < x.length; j++) {
                x[j] = (float) rows[i][j];
            }
            for (int k = 0; k < bases.length; k++) {
                bases[k].predict(x, baseOutputs[k]);
                System.arraycopy(baseOutputs[k], 0, out[i], 3 * k, 3);
            }
            combine(baseOutputs, uncalibrated, calibrated);
            System.arraycopy(calibrated, 0, out[i], 3 * bases.length, 3);
        }
        return out;
    }

    /** Forgets all bars: the next {@link #onBar} starts a new warm-up. */
    public void reset() {
        engine.reset();
        TimeFrame inputFrame = spec.timeframes().get(0);
        for (int k = 0; k < bases.length; k++) {
            closes[k] = closes[k] == null ? null : new BarResampler(inputFrame, frames[k]);
            evaluations[k] = 0;
        }
        ready = false;
    }

    @Override
    public String toString() {
        return "MultiTimeframePredictor[" + spec.name() + ", " + Arrays.toString(frames) + "]";
    }
}

package dev.sextant.trading.features;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarResampler;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFrame;
import dev.sextant.trading.features.indicators.BarColumns;
import dev.sextant.trading.features.internal.FeaturePlan;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;

/**
 * Computes the feature vectors of a {@link FeatureSpec}, streaming one bar at a time (live and
 * backtests) or in batch over a series (training), with the same values both ways.
 *
 * <p><b>Streaming.</b> {@link #onBar(Bar, double[])} feeds the next bar; once every feature is
 * defined it writes the {@link #size()} values into the caller's buffer and returns true. For a
 * spec on the input bars only this is O(1) per bar and allocates nothing (the primitive
 * overload needs no {@link Bar} either). With coarser time frames, each coarser bar that closes
 * is assembled by {@link BarResampler} (one small allocation per coarser bar, none per input bar
 * otherwise); its features are joined to every later input row until the next one closes, so a
 * coarser value never changes before its bar has closed.
 *
 * <p><b>Batch.</b> {@link #compute(BarSeries)} returns one row per bar, all {@code NaN} until the
 * first bar for which {@code onBar} would return true, and thereafter the values {@code onBar}
 * would write (to 1e-12, tested; in practice bit for bit). It does not touch the streaming
 * state.
 *
 * <p><b>State.</b> {@link #snapshot()} captures the exact streaming state as a compact
 * {@link FeatureEngineState}; {@link #restore} puts it into an engine of the same spec, which then
 * continues bit for bit as the snapshotted one would (tested against uninterrupted streaming for
 * every built-in indicator and the built-in feature sets). This is how a keyed stream processor
 * (Flink) keeps an instrument's features in managed state.
 *
 * <p><b>Thread-safety.</b> Not thread-safe: one engine per instrument, fed from one thread. Engines
 * share nothing, so many instruments run in parallel on separate engines.
 */
public final class FeatureEngine {
    private final FeatureSpec spec;
    private final FeaturePlan base;
    private final int baseWidth;
    private final TimeFrame baseFrame;
    private final Higher[] higher;
    private final int warmUp;
    private final double[] baseBuffer;
    private final String specHash;
    private long lastTime = Long.MIN_VALUE;
    private boolean baseReady;

    /** A coarser time frame: its resampler, its own plan over coarser bars and the latest vector. */
    private static final class Higher {
        final TimeFrame frame;
        final FeaturePlan plan;
        final double[] latest;
        BarResampler resampler;
        boolean ready;

        Higher(TimeFrame base, TimeFrame frame, FeatureSpec spec) {
            this.frame = frame;
            this.plan = new FeaturePlan(spec.features());
            this.latest = new double[plan.width()];
            this.resampler = new BarResampler(base, frame);
        }
    }

    private FeatureEngine(FeatureSpec spec) {
        this.spec = Checks.notNull(spec, "spec");
        this.base = new FeaturePlan(spec.features());
        this.specHash = spec.hash();
        this.baseWidth = base.width();
        this.baseBuffer = new double[baseWidth];
        int tfs = spec.timeframes().size();
        this.baseFrame = tfs == 0 ? null : spec.timeframes().get(0);
        this.higher = new Higher[Math.max(0, tfs - 1)];
        int w = base.warmUp();
        for (int i = 0; i < higher.length; i++) {
            TimeFrame tf = spec.timeframes().get(i + 1);
            higher[i] = new Higher(baseFrame, tf, spec);
            long ratio = tf.millis() / baseFrame.millis();
            w = (int) Math.max(w, Math.min(Integer.MAX_VALUE, (higher[i].plan.warmUp() + 1) * ratio - 1));
        }
        this.warmUp = w;
    }

    /** An engine for {@code spec}, in its initial (cold) state. */
    public static FeatureEngine create(FeatureSpec spec) {
        return new FeatureEngine(spec);
    }

    /** The spec this engine computes. */
    public FeatureSpec spec() {
        return spec;
    }

    /** The length of a feature vector, {@code spec().size()}. */
    public int size() {
        return spec.size();
    }

    /**
     * The number of bars before the first defined vector. Exact for a spec on the input bars
     * only; with coarser time frames it assumes contiguous input bars that start on a boundary
     * of every coarser time frame (a partial first coarser bar, or gaps, shift it, and the return
     * value of {@link #onBar} is authoritative).
     */
    public int warmUp() {
        return warmUp;
    }

    /**
     * Feeds the next bar; see {@link #onBar(long, double, double, double, double, double, double[])}.
     */
    public boolean onBar(Bar bar, double[] out) {
        Checks.notNull(bar, "bar");
        return step(bar, bar.time(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume(), out);
    }

    /**
     * Feeds the next bar given as primitives (no {@link Bar} needed, allocation-free for a spec
     * on the input bars only).
     *
     * @param out at least {@link #size()} long; receives the vector when this returns true and is
     *            left untouched otherwise
     * @return whether every feature is defined for this bar (true from the first warm bar on)
     * @throws IllegalArgumentException if the bar is not after the previous one, its values are
     *                                  invalid (see {@link Bar}), or {@code out} is too short;
     *                                  the engine's state is then unchanged
     */
    public boolean onBar(long time, double open, double high, double low, double close, double volume, double[] out) {
        return step(null, time, open, high, low, close, volume, out);
    }

    private boolean step(Bar bar, long time, double open, double high, double low, double close, double volume, double[] out) {
        if (out == null || out.length < size()) {
            throw new IllegalArgumentException("out must hold at least " + size() + " values but held "
                    + (out == null ? "null" : out.length));
        }
        if (time <= lastTime) {
            throw new IllegalArgumentException("bar at " + Instant.ofEpochMilli(time) + " is not after the previous bar at "
                    + Instant.ofEpochMilli(lastTime));
        }
        if (bar == null) {
            checkBar(time, open, high, low, close, volume);
        }
        if (baseFrame != null && baseFrame.alignStart(time) != time) {
            throw new IllegalArgumentException("bar at " + Instant.ofEpochMilli(time) + " does not start on a "
                    + baseFrame + " boundary, the input time frame of spec " + spec.name());
        }
        lastTime = time;
        if (higher.length == 0) {
            boolean ready = base.onBar(time, open, high, low, close, volume, out, 0);
            baseReady = ready;
            return ready;
        }
        baseReady = base.onBar(time, open, high, low, close, volume, baseBuffer, 0) || baseReady;
        Bar b = bar != null ? bar : new Bar(time, open, high, low, close, volume);
        boolean all = baseReady;
        for (Higher h : higher) {
            for (Bar coarse = h.resampler.onBar(b); coarse != null; coarse = h.resampler.pollPending()) {
                if (h.plan.onBar(coarse.time(), coarse.open(), coarse.high(), coarse.low(), coarse.close(), coarse.volume(),
                        h.latest, 0)) {
                    h.ready = true;
                }
            }
            all &= h.ready;
        }
        if (!all) {
            return false;
        }
        System.arraycopy(baseBuffer, 0, out, 0, baseWidth);
        int off = baseWidth;
        for (Higher h : higher) {
            System.arraycopy(h.latest, 0, out, off, h.latest.length);
            off += h.latest.length;
        }
        return true;
    }

    private static void checkBar(long time, double open, double high, double low, double close, double volume) {
        // Same rules as Bar, without allocating one.
        if (!(open > 0 && high > 0 && low > 0 && close > 0) || !Double.isFinite(open) || !Double.isFinite(high)
                || !Double.isFinite(low) || !Double.isFinite(close) || !(volume >= 0) || !Double.isFinite(volume)
                || high < Math.max(open, close) || low > Math.min(open, close)) {
            new Bar(time, open, high, low, close, volume);
        }
    }

    /**
     * Batch: the feature matrix of {@code series}, one row of {@link #size()} values per bar;
     * rows before the first fully defined one are all {@code NaN}. Equal to streaming the series
     * through a fresh engine. Does not change this engine's streaming state.
     *
     * @throws IllegalArgumentException if the series' bars do not start on boundaries of the
     *                                  spec's input time frame
     */
    public double[][] compute(BarSeries series) {
        Checks.notNull(series, "series");
        int n = series.size();
        BarColumns cols = BarColumns.of(series);
        double[][][] baseIndicators = base.computeIndicators(cols);
        int w = size();
        double[][] rows = new double[n][];
        if (higher.length == 0) {
            for (int i = 0; i < n; i++) {
                double[] row = new double[w];
                if (i >= base.warmUp()) {
                    base.row(baseIndicators, cols, i, row, 0);
                } else {
                    Arrays.fill(row, Double.NaN);
                }
                rows[i] = row;
            }
            return rows;
        }
        if (baseFrame != null) {
            for (int i = 0; i < n; i++) {
                if (baseFrame.alignStart(cols.time()[i]) != cols.time()[i]) {
                    throw new IllegalArgumentException("bar " + i + " at " + Instant.ofEpochMilli(cols.time()[i])
                            + " does not start on a " + baseFrame + " boundary, the input time frame of spec " + spec.name());
                }
            }
        }
        // For each coarser frame: its closed bars, the input row at which each closed, and their features.
        int[][] latestCoarse = new int[higher.length][];
        BarColumns[] coarseCols = new BarColumns[higher.length];
        double[][][][] coarseIndicators = new double[higher.length][][][];
        for (int k = 0; k < higher.length; k++) {
            BarResampler r = new BarResampler(baseFrame, higher[k].frame);
            BarSeries coarse = new BarSeries(series.name(), higher[k].frame, n / 2 + 1);
            int[] latest = new int[n];
            for (int i = 0; i < n; i++) {
                for (Bar c = r.onBar(series.bar(i)); c != null; c = r.pollPending()) {
                    coarse.append(c);
                }
                latest[i] = coarse.size() - 1;
            }
            latestCoarse[k] = latest;
            coarseCols[k] = BarColumns.of(coarse);
            coarseIndicators[k] = higher[k].plan.computeIndicators(coarseCols[k]);
        }
        for (int i = 0; i < n; i++) {
            double[] row = new double[w];
            boolean defined = i >= base.warmUp();
            for (int k = 0; k < higher.length && defined; k++) {
                defined = latestCoarse[k][i] >= higher[k].plan.warmUp();
            }
            if (!defined) {
                Arrays.fill(row, Double.NaN);
            } else {
                base.row(baseIndicators, cols, i, row, 0);
                int off = baseWidth;
                for (int k = 0; k < higher.length; k++) {
                    higher[k].plan.row(coarseIndicators[k], coarseCols[k], latestCoarse[k][i], row, off);
                    off += higher[k].plan.width();
                }
            }
            rows[i] = row;
        }
        return rows;
    }

    /** Forgets all bars: the next {@link #onBar} starts a new warm-up. */
    public void reset() {
        base.reset();
        baseReady = false;
        lastTime = Long.MIN_VALUE;
        for (Higher h : higher) {
            h.plan.reset();
            h.resampler = new BarResampler(baseFrame, h.frame);
            h.ready = false;
        }
    }

    /**
     * The exact streaming state: restoring it with {@link #restore} into a fresh engine of the
     * same spec continues as this engine would. O(state size); does not change this engine.
     *
     * @return the state, a few kilobytes at most for the built-in feature sets
     */
    public FeatureEngineState snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(lastTime);
            out.writeBoolean(baseReady);
            base.writeState(out);
            for (Higher h : higher) {
                out.writeBoolean(h.ready);
                for (double v : h.latest) {
                    out.writeDouble(v);
                }
                h.plan.writeState(out);
                h.resampler.writeState(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return FeatureEngineState.sealed(StateFrame.seal(FeatureEngineState.KIND, FeatureEngineState.VERSION, specHash,
                bytes.toByteArray()), specHash);
    }

    /**
     * Replaces this engine's streaming state with {@code state}, taken by {@link #snapshot()} of
     * an engine of the same spec (equal {@link FeatureSpec#hash()}); the next {@link #onBar}
     * continues from there.
     *
     * @param state the state
     * @throws StateFormatException if the state was taken from an engine of another spec
     *                              ({@link StateFormatException.Problem#FOREIGN}) or its payload
     *                              is impossible; this engine is then {@linkplain #reset() reset}
     */
    public void restore(FeatureEngineState state) {
        Checks.notNull(state, "state");
        if (!state.specHash().equals(specHash)) {
            throw new StateFormatException(FeatureEngineState.KIND, StateFormatException.Problem.FOREIGN, "saved for spec hash "
                    + state.specHash() + " but the engine computes " + spec.name() + " (hash " + specHash + ")");
        }
        StateFrame frame = state.frame();
        try (DataInputStream in = frame.payload()) {
            lastTime = in.readLong();
            baseReady = in.readBoolean();
            base.readState(in);
            for (Higher h : higher) {
                h.ready = in.readBoolean();
                for (int i = 0; i < h.latest.length; i++) {
                    h.latest[i] = in.readDouble();
                }
                h.plan.readState(in);
                h.resampler.readState(in);
            }
            if (in.available() > 0) {
                throw new StateFormatException(FeatureEngineState.KIND, StateFormatException.Problem.CORRUPT,
                        in.available() + " bytes left over after the state of " + spec.name());
            }
        } catch (EOFException e) {
            reset();
            throw new StateFormatException(FeatureEngineState.KIND, StateFormatException.Problem.CORRUPT,
                    "the payload of " + frame.payloadLength() + " bytes ends before the state of " + spec.name() + " does");
        } catch (IOException e) {
            reset();
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail otherwise
        } catch (RuntimeException e) {
            reset();
            throw e;
        }
    }

    @Override
    public String toString() {
        return "FeatureEngine[" + spec + "]";
    }
}

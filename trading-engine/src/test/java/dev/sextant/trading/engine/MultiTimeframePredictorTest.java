package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.features.FeatureEngine;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.models.linear.LogisticRegression;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MultiTimeframePredictorTest {

    /** Streams {@code bars}: per bar, the reference models' probabilities then the ensemble's, or NaN before warm-up. */
    static double[][] stream(MultiTimeframePredictor p, BarSeries bars) {
        p.reset();
        int m = p.models();
        double[][] out = new double[bars.size()][3 * m + 3];
        double[] buf = new double[3];
        for (int i = 0; i < bars.size(); i++) {
            if (!p.onBar(bars.bar(i))) {
                Arrays.fill(out[i], Double.NaN);
                continue;
            }
            for (int k = 0; k < m; k++) {
                p.modelProbabilities(k, buf);
                System.arraycopy(buf, 0, out[i], 3 * k, 3);
            }
            p.probabilities(buf);
            System.arraycopy(buf, 0, out[i], 3 * m, 3);
        }
        return out;
    }

    /** Whether the input bar at {@code i} (contiguous one-minute bars) is the last of a {@code tf} bar. */
    static boolean closes(BarSeries bars, int i, TimeFrame tf) {
        return (bars.time(i) + TimeFrame.M1.millis()) % tf.millis() == 0;
    }

    static MultiTimeframePredictor predictor() {
        return MultiTimeframePredictor.of(MultiTimeframeFixture.bundle());
    }

    @Test
    void readsOneReferenceModelPerTimeFrameInSpecOrder() {
        MultiTimeframePredictor p = predictor();
        assertEquals(4, p.models());
        for (int k = 0; k < 4; k++) {
            assertEquals(MultiTimeframeModels.STANDARD_TIMEFRAMES.get(k), p.timeframe(k));
        }
    }

    @Test
    void streamingEqualsBatchForEveryReferenceModelAndTheEnsemble() {
        MultiTimeframePredictor p = predictor();
        BarSeries bars = MultiTimeframeFixture.BARS;
        double[][] batch = p.batch(bars);
        double[][] streamed = stream(p, bars);
        int defined = 0;
        for (int i = 0; i < bars.size(); i++) {
            // Features agree to 1e-12 (FeatureEngine's contract); cast to float32 a feature may land on
            // the neighbouring float (relative 6e-8), which moves a probability by far less than 1e-6.
            assertArrayEquals(batch[i], streamed[i], 1e-6, "bar " + i);
            assertEquals(Double.isNaN(batch[i][0]), Double.isNaN(streamed[i][0]), "bar " + i + " defined in both or neither");
            if (!Double.isNaN(batch[i][0])) {
                defined++;
            }
        }
        assertTrue(defined > 2_000, "most bars have outputs, got " + defined);
    }

    @Test
    void ensembleOutputEqualsTheLoadedBundleModelOnEveryBar() {
        ModelBundle bundle = MultiTimeframeFixture.bundle();
        MultiTimeframePredictor p = MultiTimeframePredictor.of(bundle);
        BarSeries bars = MultiTimeframeFixture.BARS;
        FeatureEngine engine = FeatureEngine.create(bundle.manifest().featureSpec());
        double[] f = new double[engine.size()];
        float[] x = new float[engine.size()];
        double[] expected = new double[3];
        double[] actual = new double[3];
        p.reset();
        for (int i = 0; i < bars.size(); i++) {
            boolean a = engine.onBar(bars.bar(i), f);
            assertEquals(a, p.onBar(bars.bar(i)), "bar " + i);
            if (a) {
                for (int j = 0; j < f.length; j++) {
                    x[j] = (float) f[j];
                }
                bundle.model().predict(x, expected);
                p.probabilities(actual);
                assertArrayEquals(expected, actual, 0.0, "bar " + i);
            }
        }
    }

    @Test
    void coarserModelsRunOnlyAtTheirBarClosesAndHoldTheirOutputBetween() {
        MultiTimeframePredictor p = predictor();
        BarSeries bars = MultiTimeframeFixture.BARS;
        double[][] out = stream(p, bars);
        int first = 0;
        while (Double.isNaN(out[first][0])) {
            first++;
        }
        for (int k = 0; k < p.models(); k++) {
            TimeFrame tf = p.timeframe(k);
            long expectedRuns = 1;
            for (int i = first + 1; i < bars.size(); i++) {
                if (closes(bars, i, tf)) {
                    expectedRuns++;
                }
            }
            assertEquals(expectedRuns, p.evaluations(k), tf + " model runs: once at the first output, then once per close");
        }
        int changesAt1h = 0;
        for (int i = first + 1; i < bars.size(); i++) {
            boolean changed = !Arrays.equals(Arrays.copyOfRange(out[i], 9, 12), Arrays.copyOfRange(out[i - 1], 9, 12));
            if (changed) {
                changesAt1h++;
            }
        }
        assertTrue(changesAt1h > 10, "the 1h model's output moves at its closes (" + changesAt1h + " changes)");
    }

    @Property(tries = 30)
    void poisoningABarChangesNoOutputBeforeItAndCoarserOutputsOnlyAtCloses(
            @ForAll @IntRange(min = 0, max = 4_999) int poisonAt, @ForAll @DoubleRange(min = 1.05, max = 3) double factor) {
        BarSeries clean = MultiTimeframeFixture.BARS;
        BarSeries poisoned = new BarSeries(clean.name(), clean.timeFrame(), clean.size());
        for (int i = 0; i < clean.size(); i++) {
            Bar b = clean.bar(i);
            if (i == poisonAt) {
                double close = b.close() * factor;
                poisoned.append(b.time(), b.open(), Math.max(b.high(), close), b.low(), close, b.volume() * factor);
            } else {
                poisoned.append(b);
            }
        }
        MultiTimeframePredictor p = predictor();
        double[][] before = stream(p, clean);
        double[][] after = stream(p, poisoned);
        for (int i = 0; i < poisonAt; i++) {
            assertArrayEquals(before[i], after[i], 0.0, "output at bar " + i + " changed when bar " + poisonAt + " was poisoned");
        }
        for (int k = 1; k < p.models(); k++) {
            TimeFrame tf = p.timeframe(k);
            for (int i = 1; i < clean.size(); i++) {
                if (Double.isNaN(after[i - 1][0]) || closes(clean, i, tf)) {
                    continue;
                }
                assertArrayEquals(Arrays.copyOfRange(after[i - 1], 3 * k, 3 * k + 3), Arrays.copyOfRange(after[i], 3 * k, 3 * k + 3),
                        0.0, tf + " output changed at bar " + i + ", which closes no " + tf + " bar");
            }
        }
        if (!Double.isNaN(after[poisonAt][0])) {
            assertFalse(Arrays.equals(before[poisonAt], after[poisonAt]), "the poison reaches the 1m model at bar " + poisonAt);
        }
    }

    @Test
    void rejectsAnEnsembleWhoseBasesAreNotTimeFrameModels() {
        LogisticRegression plain = new LogisticRegression("plain", new double[3][24], new double[3],
                new dev.sextant.trading.models.Provenance("test", "none", 0, java.time.Instant.EPOCH, java.util.Map.of()));
        dev.sextant.trading.models.ensemble.StackingEnsemble stack = new dev.sextant.trading.models.ensemble.StackingEnsemble(
                "s", List.of(plain), new LogisticRegression("meta", new double[3][3], new double[3], plain.metadata().provenance()),
                plain.metadata().provenance());
        FeatureSpec spec = FeatureSpec.standard24().withTimeframes(List.of(TimeFrame.M1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiTimeframePredictor(spec, stack));
        assertTrue(e.getMessage().contains("plain") && e.getMessage().contains("timeframe-logistic"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiTimeframePredictor(spec, plain));
    }

    @Test
    void probabilitiesBeforeTheWarmUpIsOverAreAnError() {
        MultiTimeframePredictor p = predictor();
        p.reset();
        assertFalse(p.onBar(MultiTimeframeFixture.BARS.bar(0)));
        assertThrows(IllegalStateException.class, () -> p.probabilities(new double[3]));
    }
}

package dev.sextant.trading.models.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    private static final int D = 6;
    private static final DriftReference REF = References.gaussian(3000, D, 8);
    private static final DriftSettings SETTINGS = DriftSettings.defaults();

    private final List<DriftAlert> alerts = new ArrayList<>();
    private final DriftMonitor monitor = new DriftMonitor("EURUSD", REF, SETTINGS, alerts::add);
    private final Random rnd = new Random(42);
    private final double[] x = new double[D];
    private final double[] p = new double[3];

    private void bar(long t, double shiftFeature0) {
        for (int j = 0; j < D; j++) {
            x[j] = 10 + 2 * rnd.nextGaussian();
        }
        x[0] += shiftFeature0;
        References.prediction(rnd, p, 0);
        monitor.onPrediction(t, x, p);
    }

    @Test
    void stationaryInputsRaiseNoAlertAndStatisticsWaitForAFullWindow() {
        for (int t = 0; t < 499; t++) {
            bar(t, 0);
        }
        assertTrue(Double.isNaN(monitor.featurePsi(0)));
        assertTrue(Double.isNaN(monitor.predictionKs()));
        for (int t = 499; t < 5000; t++) {
            bar(t, 0);
        }
        assertEquals(List.of(), alerts);
        assertTrue(monitor.featurePsi(0) < 0.25 && monitor.featureKs(0) < 0.1);
        assertEquals(5000, monitor.bars());
        // ~1% of same-distribution bars exceed the 99% quantile of the training rows' own distances.
        assertTrue(monitor.gated() < 0.06 * 5000, "gated " + monitor.gated());
    }

    @Test
    void aShiftedFeatureAlertsOncePerDetectorNamingTheFeature() {
        for (int t = 0; t < 500; t++) {
            bar(t, 0);
        }
        for (int t = 500; t < 1500; t++) {
            bar(t, 1.5);
        }
        List<DriftAlert> psi = alerts.stream().filter(a -> a.detector() == Detector.PSI).toList();
        List<DriftAlert> ks = alerts.stream().filter(a -> a.detector() == Detector.KS).toList();
        assertEquals(1, psi.size(), alerts.toString());
        assertEquals(1, ks.size(), alerts.toString());
        DriftAlert.FeatureDrift first = assertInstanceOf(DriftAlert.FeatureDrift.class, ks.get(0));
        assertEquals("f0", first.feature());
        assertEquals("EURUSD", first.instrument());
        assertTrue(first.time().isAfter(Instant.ofEpochMilli(500)) && first.time().isBefore(Instant.ofEpochMilli(700)),
                first.toString());
        assertTrue(first.statistic() > first.threshold());
        assertEquals(2, monitor.alerts());
    }

    @Test
    void aStatisticAlertsAgainOnlyAfterFallingBack() {
        for (int round = 0; round < 2; round++) {
            for (int t = 0; t < 1000; t++) {
                bar(t, 0);
            }
            for (int t = 0; t < 1000; t++) {
                bar(t, 4);
            }
        }
        assertEquals(2, alerts.stream().filter(a -> a.detector() == Detector.PSI).count(), alerts.toString());
    }

    @Test
    void aFarVectorIsOutOfDistribution() {
        bar(0, 0);
        double[] far = new double[D];
        java.util.Arrays.fill(far, 40);
        assertTrue(monitor.onPrediction(1, far, new double[] {0.2, 0.3, 0.5}));
        assertTrue(monitor.lastScore() > monitor.oodThreshold());
        assertEquals(1, monitor.gated());
    }

    @Test
    void risingLossesRaiseAPerformanceAlert() {
        double[] q = new double[3];
        for (int t = 0; t < 3000; t++) {
            References.prediction(rnd, q, 0);
            assertFalse(monitor.onLoss(t, DriftReference.logLoss(q[References.draw(rnd, q, 0)])), "false alarm at " + t);
        }
        boolean alarmed = false;
        for (int t = 3000; t < 3300 && !alarmed; t++) {
            References.prediction(rnd, q, 0);
            // The outcome is now the class the model thought least likely.
            int worst = q[0] < q[1] ? (q[0] < q[2] ? 0 : 2) : (q[1] < q[2] ? 1 : 2);
            alarmed = monitor.onLoss(t, DriftReference.logLoss(q[worst]));
        }
        assertTrue(alarmed, "statistic " + monitor.toString() + " sd " + REF.loss());
        DriftAlert.PerformanceDegraded a = assertInstanceOf(DriftAlert.PerformanceDegraded.class, alerts.getLast());
        assertEquals(Detector.PAGE_HINKLEY, a.detector());
        assertTrue(a.statistic() > a.threshold());
        assertEquals(REF.loss().mean(), a.referenceLoss());
    }

    @Test
    void rejectsVectorsOfTheWrongShapeOrNotFinite() {
        assertThrows(IllegalArgumentException.class, () -> monitor.onPrediction(0, new double[D + 1], p));
        double[] nan = new double[D];
        nan[3] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> monitor.onPrediction(0, nan, p));
        assertTrue(e.getMessage().contains("feature f3 is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> monitor.onLoss(0, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> DriftSettings.defaults().withWindow(5));
        assertThrows(IllegalArgumentException.class, () -> DriftSettings.defaults().withKsThreshold(1.5));
        assertThrows(IllegalArgumentException.class, () -> DriftSettings.defaults().withPsiThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> DriftSettings.defaults().withPageHinkley(-1, 20));
    }

    /**
     * Invariant: the monitor recomputes the KS distance only where its per-bar bound allows a
     * crossing, yet its KS alerts are exactly those of computing it on every bar (an eager
     * re-implementation over the same rolling histograms), whatever the shifts and their timing.
     */
    @net.jqwik.api.Property(tries = 30)
    void kolmogorovSmirnovAlertsEqualThoseOfComputingItOnEveryBar(
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 1_000_000) long seed,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 2) double shift,
            @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 50, max = 400) int window) {
        DriftSettings settings = DriftSettings.defaults().withWindow(window);
        List<DriftAlert> got = new ArrayList<>();
        DriftMonitor lazy = new DriftMonitor("X", REF, settings, got::add);
        RollingHistogram[] eager = new RollingHistogram[D + 1];
        for (int j = 0; j < D; j++) {
            eager[j] = new RollingHistogram(REF.features().get(j), window);
        }
        eager[D] = new RollingHistogram(REF.prediction(), window);
        boolean[] above = new boolean[D + 1];
        List<String> expected = new ArrayList<>();
        Random r = new Random(seed);
        double[] v = new double[D];
        double[] q = new double[3];
        for (int t = 0; t < 3 * window + 600; t++) {
            // Shifts come and go, so statistics cross their thresholds both ways.
            double level = (t / 150) % 3 == 1 ? shift : (t / 150) % 3 == 2 ? -shift / 2 : 0;
            for (int j = 0; j < D; j++) {
                v[j] = 10 + 2 * r.nextGaussian() + (j < 2 ? level : 0);
            }
            References.prediction(r, q, 0);
            lazy.onPrediction(t, v, q);
            for (int j = 0; j <= D; j++) {
                eager[j].add(j < D ? v[j] : q[2] - q[0]);
                if (!eager[j].isFull()) {
                    continue;
                }
                double k = eager[j].ks();
                if (above[j]) {
                    above[j] = k >= DriftMonitor.REARM_FRACTION * settings.ksThreshold();
                } else if (k > settings.ksThreshold() + 1e-9) {
                    above[j] = true;
                    expected.add(t + " " + (j < D ? REF.featureNames().get(j) : "prediction"));
                }
            }
        }
        List<String> actual = got.stream().filter(a -> a.detector() == Detector.KS).map(a -> a.time().toEpochMilli() + " "
                + (a instanceof DriftAlert.FeatureDrift f ? f.feature() : "prediction")).toList();
        assertEquals(expected, actual);
    }

    /** A stream of bars for the state tests: features and predictions with level shifts and far vectors, and losses. */
    private record Stream(double[][] features, double[][] probabilities, double[] losses) {
        static Stream of(long seed, int n, double shift) {
            Random r = new Random(seed);
            double[][] f = new double[n][D];
            double[][] q = new double[n][3];
            double[] l = new double[n];
            for (int t = 0; t < n; t++) {
                double level = (t / 150) % 3 == 1 ? shift : (t / 150) % 3 == 2 ? -shift / 2 : 0;
                boolean far = r.nextInt(40) == 0;
                for (int j = 0; j < D; j++) {
                    f[t][j] = 10 + 2 * r.nextGaussian() + (j < 2 ? level : 0) + (far ? 15 : 0);
                }
                References.prediction(r, q[t], 0);
                // In the shifted stretches the outcome is the class the model thought least likely: losses rise.
                int worst = q[t][0] < q[t][1] ? (q[t][0] < q[t][2] ? 0 : 2) : (q[t][1] < q[t][2] ? 1 : 2);
                l[t] = DriftReference.logLoss(q[t][level != 0 ? worst : References.draw(r, q[t], 0)]);
            }
            return new Stream(f, q, l);
        }

        /** Feeds bars {@code from} to {@code to}, recording whether each was gated. */
        void feed(DriftMonitor m, int from, int to, List<Boolean> gates) {
            for (int t = from; t < to; t++) {
                gates.add(m.onPrediction(t, features[t], probabilities[t]));
                m.onLoss(t, losses[t]);
            }
        }
    }

    static byte[] state(DriftMonitor m) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            m.writeState(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static void restore(DriftMonitor m, byte[] state) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            m.readState(in);
            assertEquals(0, in.available(), "the state is read to its end");
        }
    }

    /**
     * Invariant: a monitor saved at any bar and restored (over another monitor's state) into a
     * monitor of the same reference and settings sends the same alerts (same kinds, times and
     * values) and gates the same bars as the uninterrupted one, and ends in the same state.
     */
    @Property(tries = 20)
    void aRestoredMonitorAlertsAndGatesExactlyAsTheUninterruptedOne(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
            @ForAll @IntRange(min = 20, max = 300) int window, @ForAll @IntRange(min = 0, max = 1000) int cutPermille,
            @ForAll @DoubleRange(min = 0.5, max = 3) double shift, @ForAll @DoubleRange(min = 0.2, max = 5) double lambda)
            throws IOException {
        DriftSettings settings = DriftSettings.defaults().withWindow(window).withPageHinkley(0, lambda);
        int n = 3 * window + 600;
        Stream stream = Stream.of(seed, n, shift);
        List<DriftAlert> expected = new ArrayList<>();
        List<Boolean> expectedGates = new ArrayList<>();
        DriftMonitor straight = new DriftMonitor("BTC", REF, settings, expected::add);
        stream.feed(straight, 0, n, expectedGates);
        assertTrue(expected.stream().anyMatch(a -> a instanceof DriftAlert.PerformanceDegraded)
                && expected.stream().anyMatch(a -> a instanceof DriftAlert.FeatureDrift), "the stream alerts: " + expected);
        assertTrue(expectedGates.contains(true), "the stream has far vectors");

        int cut = cutPermille * n / 1000;
        List<DriftAlert> got = new ArrayList<>();
        List<Boolean> gates = new ArrayList<>();
        DriftMonitor first = new DriftMonitor("BTC", REF, settings, got::add);
        stream.feed(first, 0, cut, gates);
        byte[] saved = state(first);
        List<DriftAlert> after = new ArrayList<>();
        DriftMonitor resumed = new DriftMonitor("BTC", REF, settings, after::add);
        // Over another state: the restore replaces everything.
        Stream.of(seed + 1, window + 50, 2).feed(resumed, 0, window + 50, new ArrayList<>());
        after.clear();
        restore(resumed, saved);
        assertEquals(List.of(), after, "a restore sends no alert");
        assertArrayEquals(saved, state(resumed), "a restored monitor saves the same bytes");
        stream.feed(resumed, cut, n, gates);
        got.addAll(after);
        assertEquals(expected, got, "cut at bar " + cut);
        assertEquals(expectedGates, gates, "cut at bar " + cut);
        assertArrayEquals(state(straight), state(resumed));
        assertEquals(straight.meanLoss(), resumed.meanLoss());
        assertEquals(straight.lastScore(), resumed.lastScore());
    }

    private DriftMonitor fed(String instrument, DriftReference reference, DriftSettings settings, int bars) {
        DriftMonitor m = new DriftMonitor(instrument, reference, settings, DriftListener.NONE);
        Stream.of(3, bars, 1).feed(m, 0, bars, new ArrayList<>());
        return m;
    }

    @Test
    void aStateAgainstAnotherReferenceIsForeignAndLeavesTheMonitorCold() throws IOException {
        byte[] saved = state(fed("BTC", REF, SETTINGS, 700));
        DriftReference other = References.gaussian(3000, D, 9);
        DriftMonitor m = fed("BTC", other, SETTINGS, 600);
        StateFormatException e = assertThrows(StateFormatException.class, () -> restore(m, saved));
        assertEquals(Problem.FOREIGN, e.problem());
        assertEquals(DriftMonitor.STATE_KIND, e.kind());
        assertTrue(e.getMessage().contains("saved against the reference with hash " + REF.hash()
                + " but this monitor's reference has hash " + other.hash()), e.getMessage());
        assertArrayEquals(state(new DriftMonitor("BTC", other, SETTINGS, DriftListener.NONE)), state(m), "cold");
        assertEquals(0, m.bars());
    }

    @Test
    void aStateOfAnotherInstrumentOrOtherSettingsIsForeign() {
        byte[] saved = state(fed("BTC", REF, SETTINGS, 100));
        StateFormatException instrument = assertThrows(StateFormatException.class,
                () -> restore(new DriftMonitor("ETH", REF, SETTINGS, DriftListener.NONE), saved));
        assertEquals(Problem.FOREIGN, instrument.problem());
        assertEquals("drift monitor state: foreign: saved for instrument BTC but this monitor watches ETH",
                instrument.getMessage());
        StateFormatException settings = assertThrows(StateFormatException.class,
                () -> restore(new DriftMonitor("BTC", REF, SETTINGS.withKsThreshold(0.2), DriftListener.NONE), saved));
        assertEquals(Problem.FOREIGN, settings.problem());
        assertTrue(settings.getMessage().contains("ksThreshold=0.1") && settings.getMessage().contains("ksThreshold=0.2"),
                settings.getMessage());
    }

    @Test
    void aNewerFormatIsUnsupported() {
        byte[] saved = state(fed("BTC", REF, SETTINGS, 100));
        ByteBuffer.wrap(saved).putInt(0, DriftMonitor.STATE_VERSION + 1);
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> restore(new DriftMonitor("BTC", REF, SETTINGS, DriftListener.NONE), saved));
        assertEquals(Problem.UNSUPPORTED_VERSION, e.problem());
    }

    @Test
    void aStateCutShortAtAnyLengthEndsTheReadAndLeavesTheMonitorCold() {
        byte[] saved = state(fed("BTC", REF, SETTINGS.withWindow(40), 60));
        byte[] cold = state(new DriftMonitor("BTC", REF, SETTINGS.withWindow(40), DriftListener.NONE));
        DriftMonitor m = fed("BTC", REF, SETTINGS.withWindow(40), 45);
        for (int length = 0; length < saved.length; length++) {
            byte[] cutShort = Arrays.copyOf(saved, length);
            assertThrows(EOFException.class, () -> restore(m, cutShort), "cut at " + length);
            assertArrayEquals(cold, state(m), "cold after a cut at " + length);
        }
    }

    @Test
    void impossibleCountersAreCorrupt() {
        DriftMonitor source = fed("BTC", REF, SETTINGS, 100);
        byte[] saved = state(source);
        // version, instrument, reference hash, settings (window and four thresholds), then bars and gated.
        int bars = 4 + (2 + 3) + (2 + 64) + 4 + 4 * 8;
        assertEquals(100, ByteBuffer.wrap(saved).getLong(bars));
        ByteBuffer.wrap(saved).putLong(bars + 8, 101);
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> restore(new DriftMonitor("BTC", REF, SETTINGS, DriftListener.NONE), saved));
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().startsWith("drift monitor state: corrupt: bars 100, gated 101"), e.getMessage());
    }

    @Test
    void aWindowThatDisagreesWithTheBarCountIsCorrupt() {
        DriftMonitor source = fed("BTC", REF, SETTINGS, 100);
        byte[] saved = state(source);
        int bars = 4 + (2 + 3) + (2 + 64) + 4 + 4 * 8;
        ByteBuffer.wrap(saved).putLong(bars, 99);
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> restore(new DriftMonitor("BTC", REF, SETTINGS, DriftListener.NONE), saved));
        assertEquals(Problem.CORRUPT, e.problem());
        assertTrue(e.getMessage().endsWith("the window of feature f0 holds 100 values up to slot 100 after 99 bars"),
                e.getMessage());
    }
}

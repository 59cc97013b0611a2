package dev.sextant.benchmarks.models;

import dev.sextant.trading.models.drift.Detector;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.models.drift.DriftMonitor;
import dev.sextant.trading.models.drift.DriftReference;
import dev.sextant.trading.models.drift.DriftSettings;
import dev.sextant.trading.models.drift.ReferenceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures the drift detectors' false-alarm rates and detection delays with the default
 * {@link DriftSettings} on synthetic data, and prints a Markdown table (the figures in
 * docs/lifecycle.md). Not a JMH benchmark: it counts alarms, it does not time anything.
 *
 * <p>The data: 24 features, each a stationary Gaussian process (independent draws, or AR(1) with
 * coefficient 0.9, which is closer to indicator features), and a calibrated three-class
 * prediction per bar whose outcome is drawn from it, giving a stationary per-bar log-loss stream.
 * The reference is built from 20,000 bars of the same process. Then:
 * <ul>
 *   <li>false alarms: every alert over {@value #STATIONARY_BARS} further stationary bars per seed,
 *       per 10,000 bars, summed over the 24 features for the feature detectors;</li>
 *   <li>delays: after {@value #BEFORE_SHIFT} stationary bars, feature 0 changes (standard
 *       deviation x1.5, or mean +0.5 standard deviations) and so does the loss stream (its
 *       deviations from the mean x1.5, or its mean +0.5 standard deviations); the delay is the
 *       number of bars until the detector's first alert on the shifted input, median over
 *       {@value #RUNS} runs, with the runs that did not detect within {@value #AFTER_SHIFT} bars.</li>
 * </ul>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar dev.sextant.benchmarks.models.DriftAlarmRates}.
 */
public final class DriftAlarmRates {

    static final int FEATURES = 24;
    static final int REFERENCE_BARS = 20_000;
    static final int STATIONARY_BARS = 100_000;
    static final int SEEDS = 5;
    static final int BEFORE_SHIFT = 1_000;
    static final int AFTER_SHIFT = 5_000;
    static final int RUNS = 20;

    private DriftAlarmRates() {
    }

    /** A stationary process of {@link #FEATURES} Gaussian features with unit variance. */
    private static final class Process {
        final Random rnd;
        final double rho;
        final double[] state = new double[FEATURES];

        Process(long seed, double rho) {
            this.rnd = new Random(seed);
            this.rho = rho;
            next(new double[FEATURES]);
        }

        void next(double[] out) {
            double innovation = Math.sqrt(1 - rho * rho);
            for (int j = 0; j < FEATURES; j++) {
                state[j] = rho * state[j] + innovation * rnd.nextGaussian();
                out[j] = state[j];
            }
        }

        /** A calibrated prediction into {@code p}; returns the outcome drawn from it. */
        int prediction(double[] p) {
            double a = Math.exp(rnd.nextGaussian());
            double b = Math.exp(rnd.nextGaussian());
            double c = Math.exp(rnd.nextGaussian());
            double s = a + b + c;
            p[0] = a / s;
            p[1] = b / s;
            p[2] = c / s;
            double u = rnd.nextDouble();
            return u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }
    }

    private static DriftReference reference(long seed, double rho) {
        Process proc = new Process(seed, rho);
        float[][] rows = new float[REFERENCE_BARS][FEATURES];
        double[] x = new double[FEATURES];
        double[] probabilities = new double[3 * REFERENCE_BARS];
        int[] labels = new int[REFERENCE_BARS];
        double[] p = new double[3];
        for (int i = 0; i < REFERENCE_BARS; i++) {
            proc.next(x);
            for (int j = 0; j < FEATURES; j++) {
                rows[i][j] = (float) x[j];
            }
            labels[i] = proc.prediction(p);
            System.arraycopy(p, 0, probabilities, 3 * i, 3);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            names.add("f" + j);
        }
        return DriftReference.build(names, rows, probabilities, labels, ReferenceSettings.defaults());
    }

    /** Alert counts by row: feature PSI, feature KS, prediction PSI, prediction KS, Page-Hinkley. */
    private static int row(DriftAlert a) {
        return switch (a) {
            case DriftAlert.FeatureDrift f -> f.detector() == Detector.PSI ? 0 : 1;
            case DriftAlert.PredictionDrift p -> p.detector() == Detector.PSI ? 2 : 3;
            case DriftAlert.PerformanceDegraded d -> 4;
        };
    }

    private static final String[] ROWS = {"feature PSI > 0.25 (24 features)", "feature KS > 0.1 (24 features)",
        "prediction PSI > 0.25", "prediction KS > 0.1", "Page-Hinkley on log loss"};

    /** Alerts per 10,000 stationary bars, per detector row, and the share of bars gated. */
    private static double[] falseAlarms(double rho) {
        long[] counts = new long[ROWS.length];
        long gated = 0;
        long bars = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            DriftReference ref = reference(1000 + seed, rho);
            List<DriftAlert> alerts = new ArrayList<>();
            DriftMonitor monitor = new DriftMonitor("SYN", ref, DriftSettings.defaults(), alerts::add);
            Process proc = new Process(2000 + seed, rho);
            double[] x = new double[FEATURES];
            double[] p = new double[3];
            for (int t = 0; t < STATIONARY_BARS; t++) {
                proc.next(x);
                int y = proc.prediction(p);
                monitor.onPrediction(t, x, p);
                monitor.onLoss(t, DriftReference.logLoss(p[y]));
            }
            alerts.forEach(a -> counts[row(a)]++);
            gated += monitor.gated();
            bars += monitor.bars();
        }
        double[] out = new double[ROWS.length + 1];
        for (int k = 0; k < ROWS.length; k++) {
            out[k] = 10_000.0 * counts[k] / bars;
        }
        out[ROWS.length] = (double) gated / bars;
        return out;
    }

    private enum Shift {
        VOLATILITY, MEAN
    }

    /**
     * Per row (feature PSI, feature KS, Page-Hinkley): the delays of the runs that detected, and
     * the gated share before and after the shift.
     */
    private static Result delays(double rho, Shift shift) {
        List<List<Integer>> delays = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long gatedBefore = 0;
        long gatedAfter = 0;
        for (int run = 0; run < RUNS; run++) {
            DriftReference ref = reference(3000 + run, rho);
            double lossMean = ref.loss().mean();
            double lossSd = ref.loss().sd();
            int[] first = {-1, -1, -1};
            int[] now = {0};
            DriftMonitor monitor = new DriftMonitor("SYN", ref, DriftSettings.defaults(), a -> {
                if (now[0] < 0) {
                    return;
                }
                int k = switch (a) {
                    case DriftAlert.FeatureDrift f when f.feature().equals("f0") -> f.detector() == Detector.PSI ? 0 : 1;
                    case DriftAlert.PerformanceDegraded d -> 2;
                    default -> -1;
                };
                if (k >= 0 && first[k] < 0) {
                    first[k] = now[0];
                }
            });
            Process proc = new Process(4000 + run, rho);
            double[] x = new double[FEATURES];
            double[] p = new double[3];
            for (int t = 0; t < BEFORE_SHIFT + AFTER_SHIFT; t++) {
                proc.next(x);
                int y = proc.prediction(p);
                double loss = DriftReference.logLoss(p[y]);
                boolean shifted = t >= BEFORE_SHIFT;
                if (shifted) {
                    if (shift == Shift.VOLATILITY) {
                        x[0] *= 1.5;
                        loss = lossMean + 1.5 * (loss - lossMean);
                    } else {
                        x[0] += 0.5;
                        loss += 0.5 * lossSd;
                    }
                }
                // Alerts before the shift are false alarms, not detections.
                now[0] = shifted ? t - BEFORE_SHIFT : -1;
                monitor.onPrediction(t, x, p);
                monitor.onLoss(t, loss);
                if (t == BEFORE_SHIFT - 1) {
                    gatedBefore += monitor.gated();
                }
            }
            gatedAfter += monitor.gated();
            for (int k = 0; k < 3; k++) {
                if (first[k] >= 0) {
                    delays.get(k).add(first[k]);
                }
            }
        }
        return new Result(delays, (double) gatedBefore / (RUNS * BEFORE_SHIFT),
                (double) (gatedAfter - gatedBefore) / (RUNS * AFTER_SHIFT));
    }

    private record Result(List<List<Integer>> delays, double gatedBefore, double gatedAfter) {
        String cell(int k) {
            List<Integer> d = delays.get(k);
            if (d.isEmpty()) {
                return "not detected (0/" + RUNS + ")";
            }
            int[] sorted = d.stream().mapToInt(Integer::intValue).sorted().toArray();
            return sorted[sorted.length / 2] + " (" + d.size() + "/" + RUNS + ")";
        }
    }

    /** Prints the tables. */
    public static void main(String[] args) {
        System.out.println("False alarms per 10,000 stationary bars (" + SEEDS + " seeds x " + STATIONARY_BARS
                + " bars, window " + DriftSettings.DEFAULT_WINDOW + ")");
        System.out.println();
        System.out.println("| detector | independent features | AR(1) features, coefficient 0.9 |");
        System.out.println("|---|---|---|");
        double[] iid = falseAlarms(0);
        double[] ar = falseAlarms(0.9);
        for (int k = 0; k < ROWS.length; k++) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f |%n", ROWS[k], iid[k], ar[k]);
        }
        System.out.printf(Locale.ROOT, "| bars gated out of distribution | %.2f%% | %.2f%% |%n", 100 * iid[ROWS.length],
                100 * ar[ROWS.length]);
        System.out.println();
        System.out.println("Detection delay in bars after the shift: median over the runs that detected (detected/"
                + RUNS + " within " + AFTER_SHIFT + " bars)");
        System.out.println();
        System.out.println("| detector | process | sd x1.5 | mean +0.5 sd |");
        System.out.println("|---|---|---|---|");
        String[] names = {"feature PSI (f0)", "feature KS (f0)", "Page-Hinkley (loss)"};
        for (double rho : new double[] {0, 0.9}) {
            Result vol = delays(rho, Shift.VOLATILITY);
            Result mean = delays(rho, Shift.MEAN);
            String process = rho == 0 ? "independent" : "AR(1) 0.9";
            for (int k = 0; k < 3; k++) {
                System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", names[k], process, vol.cell(k), mean.cell(k));
            }
            System.out.printf(Locale.ROOT, "| gated share before -> after (f0 shifted) | %s | %.2f%% -> %.2f%% | %.2f%% -> %.2f%% |%n",
                    process, 100 * vol.gatedBefore(), 100 * vol.gatedAfter(), 100 * mean.gatedBefore(), 100 * mean.gatedAfter());
        }
    }
}

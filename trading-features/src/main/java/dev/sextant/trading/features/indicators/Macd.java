package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Moving average convergence/divergence: {@code macd = EMA(fast) - EMA(slow)},
 * {@code signal = EMA(signal)} of the macd line, {@code hist = macd - signal}. Each EMA follows
 * {@link Ema} (SMA seed, alpha 2/(n+1)); the signal EMA is seeded with the average of the first
 * {@code signal} macd values. Outputs {@code macd} (warm-up {@code slow - 1}), {@code macd_signal}
 * and {@code macd_hist} (warm-up {@code slow + signal - 2}; 33 for 12/26/9, as TA-Lib).
 *
 * <p>TA-Lib's {@code MACD} also seeds the fast EMA later (so that both EMAs start on bar
 * {@code slow - 1}); here each EMA is seeded on its own first {@code n} values, as
 * {@code TA_EMA} does. The difference decays geometrically (see {@code docs/features.md}). O(1).
 * Not thread-safe.
 */
public final class Macd extends AbstractValueIndicator {
    private final int fast;
    private final int slow;
    private final int signal;
    private final double fastAlpha;
    private final double slowAlpha;
    private final double signalAlpha;
    private double fastSum;
    private double slowSum;
    private double fastEma;
    private double slowEma;
    private double signalSum;
    private long lines;
    private double macd = Double.NaN;
    private double signalEma = Double.NaN;
    private double hist = Double.NaN;

    /** MACD(12, 26, 9) of the close. */
    public Macd() {
        this(12, 26, 9, Source.CLOSE);
    }

    /**
     * Creates an instance with the given parameters.
     *
     * @param fast   fast EMA period, at least 1 and less than {@code slow}
     * @param slow   slow EMA period
     * @param signal signal EMA period, at least 1
     * @param source the bar value
     */
    public Macd(int fast, int slow, int signal, Source source) {
        super(names(fast, slow, signal, source)[0], source, names(fast, slow, signal, source));
        Checks.positive(fast, "fast");
        Checks.positive(signal, "signal");
        if (slow <= fast) {
            throw new IllegalArgumentException("slow must be greater than fast=" + fast + " but was " + slow);
        }
        this.fast = fast;
        this.slow = slow;
        this.signal = signal;
        this.fastAlpha = 2.0 / (fast + 1);
        this.slowAlpha = 2.0 / (slow + 1);
        this.signalAlpha = 2.0 / (signal + 1);
    }

    private static String[] names(int fast, int slow, int signal, Source source) {
        String p = fast == 12 && slow == 26 && signal == 9 ? "" : "_" + fast + "_" + slow + "_" + signal;
        String s = suffix(source);
        return new String[] {"macd" + p + s, "macd_signal" + p + s, "macd_hist" + p + s};
    }

    @Override
    public int warmUp(int output) {
        return checkOutput(output) == 0 ? slow - 1 : slow + signal - 2;
    }

    @Override
    void writeFields(DataOutput out) throws IOException {
        out.writeDouble(fastSum);
        out.writeDouble(slowSum);
        out.writeDouble(fastEma);
        out.writeDouble(slowEma);
        out.writeDouble(signalSum);
        out.writeLong(lines);
        out.writeDouble(macd);
        out.writeDouble(signalEma);
        out.writeDouble(hist);
    }

    @Override
    void readFields(DataInput in) throws IOException {
        fastSum = in.readDouble();
        slowSum = in.readDouble();
        fastEma = in.readDouble();
        slowEma = in.readDouble();
        signalSum = in.readDouble();
        lines = readCount(in, "lines");
        macd = in.readDouble();
        signalEma = in.readDouble();
        hist = in.readDouble();
    }

    @Override
    void push(double x) {
        if (seen < fast) {
            fastSum += x;
            if (seen == fast - 1) {
                fastEma = fastSum / fast;
            }
        } else {
            fastEma = (x - fastEma) * fastAlpha + fastEma;
        }
        if (seen < slow) {
            slowSum += x;
            if (seen == slow - 1) {
                slowEma = slowSum / slow;
            }
        } else {
            slowEma = (x - slowEma) * slowAlpha + slowEma;
        }
        if (seen >= slow - 1) {
            macd = fastEma - slowEma;
            if (lines < signal) {
                signalSum += macd;
                if (lines == signal - 1) {
                    signalEma = signalSum / signal;
                    hist = macd - signalEma;
                }
            } else {
                signalEma = (macd - signalEma) * signalAlpha + signalEma;
                hist = macd - signalEma;
            }
            lines++;
        }
    }

    @Override
    public double value(int output) {
        return switch (checkOutput(output)) {
            case 0 -> macd;
            case 1 -> signalEma;
            default -> hist;
        };
    }

    @Override
    void clear() {
        fastSum = 0;
        slowSum = 0;
        fastEma = 0;
        slowEma = 0;
        signalSum = 0;
        lines = 0;
        macd = Double.NaN;
        signalEma = Double.NaN;
        hist = Double.NaN;
    }

    @Override
    void kernel(double[] in, int from, int to, double[][] out) {
        kernel(in, from, to, fast, slow, signal, out[0], out[1], out[2]);
    }

    /**
     * Batch MACD of {@code in[from, to)} in one pass with no scratch memory: the two EMAs, the
     * line, the signal EMA and the histogram together. Each EMA is seeded and advanced with
     * {@link Ema}'s operations in the same order, so the values equal {@link Ema#kernel}'s bit
     * for bit. Writes the line from {@code from + slow - 1} and the signal and histogram from
     * {@code from + slow + signal - 2}; shared with {@link StandardIndicators}.
     */
    static void kernel(double[] in, int from, int to, int fast, int slow, int signal,
                       double[] line, double[] sig, double[] hist) {
        int first = from + slow - 1;
        if (first >= to) {
            return;
        }
        double fa = 2.0 / (fast + 1);
        double sa = 2.0 / (slow + 1);
        double ga = 2.0 / (signal + 1);
        int fastSeed = from + fast - 1;
        double fs = 0;
        double ss = 0;
        for (int i = from; i <= fastSeed; i++) {
            fs += in[i];
            ss += in[i];
        }
        double fe = fs / fast;
        for (int i = fastSeed + 1; i <= first; i++) {
            fe = (in[i] - fe) * fa + fe;
            ss += in[i];
        }
        double se = ss / slow;
        int sigSeed = first + signal - 1;
        double m = fe - se;
        line[first] = m;
        double gs = 0;
        gs += m;
        int i = first + 1;
        for (; i <= sigSeed && i < to; i++) {
            double x = in[i];
            fe = (x - fe) * fa + fe;
            se = (x - se) * sa + se;
            m = fe - se;
            line[i] = m;
            gs += m;
        }
        if (sigSeed >= to) {
            return;
        }
        double ge = gs / signal;
        sig[sigSeed] = ge;
        hist[sigSeed] = line[sigSeed] - ge;
        for (; i < to; i++) {
            double x = in[i];
            fe = (x - fe) * fa + fe;
            se = (x - se) * sa + se;
            m = fe - se;
            ge = (m - ge) * ga + ge;
            line[i] = m;
            sig[i] = ge;
            hist[i] = m - ge;
        }
    }
}

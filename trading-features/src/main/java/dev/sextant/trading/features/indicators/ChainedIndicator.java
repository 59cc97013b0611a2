package dev.sextant.trading.features.indicators;

import dev.sextant.trading.core.Checks;
import java.util.List;

/**
 * An indicator applied to the output of another: for example
 * {@code new ChainedIndicator(new Obv(), 0, new ZScore(20))} is the 20-bar z-score of OBV, and
 * {@code new ChainedIndicator(new LogReturn(), 0, new RollingStdDev(20))} is realised volatility.
 * The inner indicator's leading {@code NaN}s (its warm-up) are skipped, so the warm-up of each
 * output is {@code first.warmUp(output) + second.warmUp(k)}. Streaming and batch compose the two
 * indicators' own streaming and batch computations. Not thread-safe; both indicators are owned by
 * this one afterwards and must not be fed elsewhere.
 */
public final class ChainedIndicator implements Indicator {
    private final Indicator first;
    private final int output;
    private final ValueIndicator second;
    private final String name;
    private final List<String> outputNames;

    /**
     * Creates an instance with the given parameters.
     *
     * @param first  the indicator fed with bars
     * @param output which output of {@code first} feeds {@code second}
     * @param second the indicator of that output
     * @throws IndexOutOfBoundsException if {@code output} is not an output of {@code first}
     */
    public ChainedIndicator(Indicator first, int output, ValueIndicator second) {
        this.first = Checks.notNull(first, "first");
        this.second = Checks.notNull(second, "second");
        this.output = java.util.Objects.checkIndex(output, first.outputs());
        String inner = first.outputNames().get(output);
        this.name = second.name() + "(" + inner + ")";
        this.outputNames = second.outputNames().stream().map(n -> n + "(" + inner + ")").toList();
    }

    /** The indicator fed with bars (for the state codec). */
    Indicator first() {
        return first;
    }

    /** The indicator of {@code first}'s output (for the state codec). */
    ValueIndicator second() {
        return second;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    public int outputs() {
        return second.outputs();
    }

    @Override
    public int warmUp(int k) {
        return first.warmUp(output) + second.warmUp(k);
    }

    @Override
    public void update(long time, double open, double high, double low, double close, double volume) {
        first.update(time, open, high, low, close, volume);
        second.accept(first.value(output));
    }

    @Override
    public double value(int k) {
        return second.value(k);
    }

    @Override
    public boolean isReady() {
        return second.isReady();
    }

    @Override
    public long barCount() {
        return first.barCount();
    }

    @Override
    public void reset() {
        first.reset();
        second.reset();
    }

    @Override
    public void compute(BarColumns bars, double[][] out) {
        double[][] inner = new double[first.outputs()][bars.size()];
        first.compute(bars, inner);
        second.compute(inner[output], bars.size(), out);
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.sextant.trading.features.indicators;

import java.util.Arrays;

/** Common bookkeeping of indicators that read whole bars. */
abstract sealed class AbstractBarIndicator extends IndicatorCore
        permits Stochastic, WilliamsR, Cci, Adx, Atr, Obv, Vwap, SessionVwap, Mfi, KeltnerChannel, DonchianChannel {

    AbstractBarIndicator(String name, String... outputNames) {
        super(name, outputNames);
    }

    @Override
    public final void update(long time, double open, double high, double low, double close, double volume) {
        push(time, open, high, low, close, volume);
        seen++;
    }

    /** Adds a bar; {@link #seen} is its 0-based index. */
    abstract void push(long time, double open, double high, double low, double close, double volume);

    @Override
    public final void compute(BarColumns bars, double[][] out) {
        checkShape(out, bars.size(), outputs(), name());
        for (double[] column : out) {
            Arrays.fill(column, 0, bars.size(), Double.NaN);
        }
        kernel(bars, out);
    }

    /** Batch kernel; {@code out} is pre-filled with NaN. */
    abstract void kernel(BarColumns bars, double[][] out);
}

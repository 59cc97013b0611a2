package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.stats.RollingVolatility;

/**
 * Fixed-horizon labels resolved as bars close, the streaming form of
 * {@link FixedHorizonLabeler#label(double[])}: the close of bar j resolves the label of bar
 * {@code j - horizon}, the same class the batch labeler gives that bar (bit for bit: the same
 * rolling volatility and the same rule), so a live or shadow session scores its predictions
 * against the labels its model was trained on, as soon as they are known.
 *
 * <p>Holds {@code horizon + 1} closes and volatilities; allocates nothing per bar. Not
 * thread-safe: one instance per instrument, fed on one thread.
 */
public final class LabelStream {
    private final FixedHorizonLabeler labeler;
    private final RollingVolatility volatility;
    private final double[] closes;
    private final double[] vols;
    private long bars;

    /**
     * @param labeler the label definition, e.g. {@code FixedHorizonLabeler.parse} of a bundle's
     *                {@code labels} attribute
     */
    public LabelStream(FixedHorizonLabeler labeler) {
        this.labeler = Checks.notNull(labeler, "labeler");
        this.volatility = new RollingVolatility(labeler.volatilityWindow());
        this.closes = new double[labeler.horizon() + 1];
        this.vols = new double[labeler.horizon() + 1];
    }

    /** The label definition. */
    public FixedHorizonLabeler labeler() {
        return labeler;
    }

    /** The bars seen so far; the next close is bar {@code bars()} (counting from 0). */
    public long bars() {
        return bars;
    }

    /**
     * Adds the close of the next bar and resolves the label of bar {@code bars() - 1 - horizon}
     * (as counted after this call).
     *
     * @param close the close, finite and positive
     * @return that bar's class (0 SELL, 1 HOLD, 2 BUY), or {@link Labels#UNDEFINED} while fewer
     *         than {@code horizon} bars followed it or when it lies in the volatility warm-up
     * @throws IllegalArgumentException if {@code close} is not finite and positive, naming the bar
     */
    public int onClose(double close) {
        if (!(close > 0) || !Double.isFinite(close)) {
            throw new IllegalArgumentException("close at bar " + bars + " must be finite and positive but was " + close);
        }
        volatility.update(close);
        int slot = (int) (bars % closes.length);
        closes[slot] = close;
        vols[slot] = volatility.value();
        long resolved = bars - labeler.horizon();
        bars++;
        if (resolved < labeler.volatilityWindow()) {
            return Labels.UNDEFINED;
        }
        // The slot of bar `resolved` is the one the next close will overwrite.
        int from = (int) (resolved % closes.length);
        return labeler.classOf(Math.log(close / closes[from]), vols[from]);
    }
}

package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFormatException.Problem;
import dev.sextant.trading.core.stats.RollingVolatility;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Fixed-horizon labels resolved as bars close, the streaming form of
 * {@link FixedHorizonLabeler#label(double[])}: the close of bar j resolves the label of bar
 * {@code j - horizon}, the same class the batch labeler gives that bar (bit for bit: the same
 * rolling volatility and the same rule), so a live or shadow session scores its predictions
 * against the labels its model was trained on, as soon as they are known.
 *
 * <p>Holds {@code horizon + 1} closes and volatilities; allocates nothing per bar. Its exact
 * state can be saved ({@link #writeState}) and restored ({@link #readState}). Not thread-safe:
 * one instance per instrument, fed on one thread.
 */
public final class LabelStream {
    private static final String KIND = "label stream state";

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
     * Writes the exact state so that {@link #readState} into a stream of the same label
     * definition continues bit for bit as this one would: the definition (checked on reading), the
     * bars seen, the rolling volatility and the closes and volatilities of the last
     * {@code horizon + 1} bars. About {@code 8 * volatilityWindow + 16 * horizon + 90} bytes.
     *
     * @param out where to write
     * @throws IOException from {@code out}
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(labeler.horizon());
        out.writeDouble(labeler.k());
        out.writeInt(labeler.volatilityWindow());
        out.writeLong(bars);
        volatility.writeState(out);
        int held = (int) Math.min(bars, closes.length);
        for (int i = 0; i < held; i++) {
            out.writeDouble(closes[i]);
            out.writeDouble(vols[i]);
        }
    }

    /**
     * Replaces this stream's state with one written by {@link #writeState}.
     *
     * @param in where to read
     * @throws StateFormatException if the state is of another label definition ({@code FOREIGN})
     *                              or holds an impossible count, close or volatility
     *                              ({@code CORRUPT}); the stream is then as newly created
     * @throws IOException          from {@code in} (an {@link java.io.EOFException} when it ends
     *                              early; the stream is then as newly created)
     */
    public void readState(DataInput in) throws IOException {
        reset();
        try {
            read(in);
        } catch (IOException | RuntimeException e) {
            reset();
            throw e;
        }
    }

    private void read(DataInput in) throws IOException {
        FixedHorizonLabeler saved;
        try {
            saved = new FixedHorizonLabeler(in.readInt(), in.readDouble(), in.readInt());
        } catch (IllegalArgumentException e) {
            throw new StateFormatException(KIND, Problem.CORRUPT, "impossible label definition: " + e.getMessage());
        }
        if (!saved.equals(labeler)) {
            throw new StateFormatException(KIND, Problem.FOREIGN, "saved for labels '" + saved.description()
                    + "' but this stream settles '" + labeler.description() + "'");
        }
        long n = in.readLong();
        if (n < 0) {
            throw new StateFormatException(KIND, Problem.CORRUPT, "a count of " + n + " bars");
        }
        volatility.readState(in);
        int held = (int) Math.min(n, closes.length);
        for (int i = 0; i < held; i++) {
            double close = in.readDouble();
            double vol = in.readDouble();
            // The volatility is NaN in its warm-up.
            boolean volatilityPossible = Double.isNaN(vol) || (vol >= 0 && vol < Double.POSITIVE_INFINITY);
            if (!(close > 0) || !Double.isFinite(close) || !volatilityPossible) {
                throw new StateFormatException(KIND, Problem.CORRUPT, "slot " + i + " holds close " + close
                        + " and volatility " + vol);
            }
            closes[i] = close;
            vols[i] = vol;
        }
        bars = n;
    }

    private void reset() {
        volatility.reset();
        Arrays.fill(closes, 0);
        Arrays.fill(vols, 0);
        bars = 0;
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

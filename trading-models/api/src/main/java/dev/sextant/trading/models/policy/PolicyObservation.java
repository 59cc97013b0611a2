package dev.sextant.trading.models.policy;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.features.FeatureScaler;

/**
 * Builds a policy's observation (the layout the reinforcement-learning environment gives):
 * the last {@code window} feature vectors, oldest first, each scaled by the layout's scaler and
 * clipped to [-{@value #FEATURE_CLIP}, {@value #FEATURE_CLIP}] (a non-finite raw value becomes the
 * scaler's centre, 0); then the portfolio state: exposure (position value / equity /
 * {@code maxFraction}), unrealised PnL (percent of equity / {@code maxFraction}) and time in
 * position ({@code min(1, bars / }{@value #TIME_IN_POSITION_BARS}{@code )}). The environments,
 * the trained policies and the policy signal source all build observations with this class.
 *
 * <p>Not thread-safe: {@link #observe} returns a live buffer.
 */
public final class PolicyObservation {
    /** Scaled feature values are clipped to plus or minus this. */
    public static final double FEATURE_CLIP = 10;
    /** Bars in position at which the time-in-position value reaches 1. */
    public static final int TIME_IN_POSITION_BARS = 100;
    /** Portfolio values at the end of an observation. */
    public static final int PORTFOLIO_VALUES = 3;

    private final PolicyLayout layout;
    private final double[] observation;
    private final double[] row;
    private final double[] scaledRow;

    /** A builder of observations of {@code layout}. */
    public PolicyObservation(PolicyLayout layout) {
        this.layout = Checks.notNull(layout, "layout");
        this.observation = new double[layout.observationSize()];
        this.row = new double[layout.spec().size()];
        this.scaledRow = new double[layout.spec().size()];
    }

    /** The layout. */
    public PolicyLayout layout() {
        return layout;
    }

    /**
     * The observation for raw (unscaled) feature vectors and the account's state.
     *
     * @param rawFeatures    {@code window x features} raw values, oldest vector first
     * @param position       filled position, signed
     * @param averagePrice   its average entry price
     * @param close          the mark price
     * @param equity         the account equity
     * @param barsInPosition bars since the position was opened in its current sign (0 when flat)
     * @return a live buffer holding the observation, overwritten by the next call
     * @throws IllegalArgumentException if {@code rawFeatures} has the wrong length
     */
    public double[] observe(double[] rawFeatures, double position, double averagePrice, double close, double equity,
            int barsInPosition) {
        int f = row.length;
        int n = layout.window() * f;
        if (Checks.notNull(rawFeatures, "rawFeatures").length != n) {
            throw new IllegalArgumentException("rawFeatures must hold window " + layout.window() + " x " + f
                    + " features = " + n + " values but has " + rawFeatures.length);
        }
        for (int w = 0; w < layout.window(); w++) {
            System.arraycopy(rawFeatures, w * f, row, 0, f);
            scaleInto(layout.scaler(), row, scaledRow, observation, w * f);
        }
        writePortfolio(position, averagePrice, close, equity, barsInPosition, layout.maxFraction(), observation, n);
        return observation;
    }

    /**
     * Scales one raw feature vector and clips it to [-{@value #FEATURE_CLIP}, {@value #FEATURE_CLIP}]
     * into {@code out} from {@code offset}; a non-finite input becomes the scaler's centre (0).
     *
     * @param tmp scratch of the vector's length
     */
    public static void scaleInto(FeatureScaler scaler, double[] raw, double[] tmp, double[] out, int offset) {
        scaler.transform(raw, tmp);
        for (int j = 0; j < raw.length; j++) {
            double v = Double.isFinite(raw[j]) ? tmp[j] : 0;
            out[offset + j] = Math.max(-FEATURE_CLIP, Math.min(FEATURE_CLIP, v));
        }
    }

    /**
     * Writes the portfolio part of an observation ({@value #PORTFOLIO_VALUES} values, see the
     * class comment) into {@code out} from {@code offset}.
     *
     * @param position       filled position, signed
     * @param averagePrice   its average entry price
     * @param close          the mark price
     * @param equity         the account equity
     * @param barsInPosition bars since the position was opened in its current sign (0 when flat)
     * @param maxFraction    the largest position as a fraction of equity
     */
    public static void writePortfolio(double position, double averagePrice, double close, double equity,
            int barsInPosition, double maxFraction, double[] out, int offset) {
        double scale = equity > 0 ? equity * maxFraction : Double.NaN;
        boolean flat = Math.abs(position) <= Position.FLAT_EPSILON;
        out[offset] = flat || !(scale > 0) ? 0 : position * close / scale;
        out[offset + 1] = flat || !(scale > 0) ? 0 : 100 * position * (close - averagePrice) / scale;
        out[offset + 2] = Math.min(1.0, barsInPosition / (double) TIME_IN_POSITION_BARS);
    }
}

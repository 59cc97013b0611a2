package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.Checks;

/**
 * Fixed-horizon three-class labels with a volatility-scaled threshold.
 *
 * <p>For bar {@code i} the forward log return {@code r = ln(close[i + h] / close[i])} is compared
 * with {@code threshold = k * sigma_i * sqrt(h)}, where {@code sigma_i} is the standard deviation
 * of the last {@code volatilityWindow} one-bar log returns up to bar i (no look-ahead), so
 * {@code sigma_i * sqrt(h)} is the typical size of an h-bar return and {@code k} is in units of it:
 * BUY if {@code r > threshold}, SELL if {@code r < -threshold}, HOLD otherwise. The label of bar i
 * ends at bar {@code i + h}. Bars before {@code volatilityWindow} and the last {@code h} bars have no
 * label.
 *
 * @param horizon          h, bars ahead, positive
 * @param k                threshold multiplier, non-negative (0 labels every non-zero move)
 * @param volatilityWindow returns in the volatility estimate, at least 2
 */
public record FixedHorizonLabeler(int horizon, double k, int volatilityWindow) implements Labeler {

    /** Validates. */
    public FixedHorizonLabeler {
        Checks.positive(horizon, "horizon");
        Checks.nonNegative(k, "k");
        Checks.inRange(volatilityWindow, 2, Integer.MAX_VALUE, "volatilityWindow");
    }

    @Override
    public Labels label(double[] close) {
        double[] vol = Closes.checkedVolatility(close, volatilityWindow);
        int n = close.length;
        int[] classes = Closes.undefined(n);
        int[] ends = Closes.undefined(n);
        double sqrtH = Math.sqrt(horizon);
        for (int i = volatilityWindow; i + horizon < n; i++) {
            double threshold = k * vol[i] * sqrtH;
            double r = Math.log(close[i + horizon] / close[i]);
            classes[i] = r > threshold ? 2 : r < -threshold ? 0 : 1;
            ends[i] = i + horizon;
        }
        return new Labels(classes, ends);
    }
}

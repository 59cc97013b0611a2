package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.Checks;

/**
 * Triple-barrier labels (López de Prado, Advances in Financial Machine Learning, ch. 3).
 *
 * <p>From bar {@code i}, with {@code width = sigma_i * sqrt(maxHolding)} ({@code sigma_i} as in
 * {@link FixedHorizonLabeler}: the standard deviation of the last {@code volatilityWindow} one-bar
 * log returns up to bar i), the closes of bars {@code i+1 .. i+maxHolding} are scanned: the first
 * whose log return from bar i reaches {@code +upper * width} labels BUY, the first that reaches
 * {@code -lower * width} labels SELL; if neither barrier is touched by bar {@code i + maxHolding}
 * (the vertical barrier) the label is HOLD. The label ends at the touching bar, or at the
 * vertical barrier. Barriers are checked on closes only, so a bar never touches both.
 *
 * <p>A bar whose vertical barrier lies beyond the series and that touched no barrier in the bars
 * available has no label: its outcome is unknown.
 *
 * @param maxHolding       bars to the vertical barrier, positive
 * @param upper            profit-taking barrier in units of width, positive
 * @param lower            stop-loss barrier in units of width, positive
 * @param volatilityWindow returns in the volatility estimate, at least 2
 */
public record TripleBarrierLabeler(int maxHolding, double upper, double lower, int volatilityWindow) implements Labeler {

    /** Validates. */
    public TripleBarrierLabeler {
        Checks.positive(maxHolding, "maxHolding");
        Checks.positive(upper, "upper");
        Checks.positive(lower, "lower");
        Checks.inRange(volatilityWindow, 2, Integer.MAX_VALUE, "volatilityWindow");
    }

    @Override
    public Labels label(double[] close) {
        double[] vol = Closes.checkedVolatility(close, volatilityWindow);
        int n = close.length;
        int[] classes = Closes.undefined(n);
        int[] ends = Closes.undefined(n);
        double sqrtH = Math.sqrt(maxHolding);
        for (int i = volatilityWindow; i < n - 1; i++) {
            double width = vol[i] * sqrtH;
            double up = upper * width;
            double down = -lower * width;
            int last = Math.min(n - 1, i + maxHolding);
            for (int j = i + 1; j <= last; j++) {
                double r = Math.log(close[j] / close[i]);
                // A zero width (flat history) makes any move a touch; a flat move touches nothing.
                if (r > 0 && r >= up) {
                    classes[i] = 2;
                    ends[i] = j;
                    break;
                }
                if (r < 0 && r <= down) {
                    classes[i] = 0;
                    ends[i] = j;
                    break;
                }
            }
            if (classes[i] == Labels.UNDEFINED && i + maxHolding <= n - 1) {
                classes[i] = 1;
                ends[i] = i + maxHolding;
            }
        }
        return new Labels(classes, ends);
    }
}

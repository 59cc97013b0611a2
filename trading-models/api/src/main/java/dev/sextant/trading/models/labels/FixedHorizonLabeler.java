package dev.sextant.trading.models.labels;

import dev.sextant.trading.core.Checks;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern DESCRIPTION = Pattern.compile(
            "fixed horizon (\\d{1,9}) bars, k=([0-9.eE+-]{1,30}), volatility window (\\d{1,9})");

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
            classes[i] = classOf(Math.log(close[i + horizon] / close[i]), vol[i], sqrtH);
            ends[i] = i + horizon;
        }
        return new Labels(classes, ends);
    }

    /**
     * The class of a bar whose forward log return over the horizon is {@code forwardLogReturn}
     * and whose trailing volatility (at the bar, see the class comment) is {@code volatility}:
     * the rule {@link #label(double[])} applies to every bar, for callers that see bars one at a
     * time ({@link LabelStream}).
     *
     * @return 0 SELL, 1 HOLD or 2 BUY
     */
    public int classOf(double forwardLogReturn, double volatility) {
        return classOf(forwardLogReturn, volatility, Math.sqrt(horizon));
    }

    private int classOf(double r, double volatility, double sqrtH) {
        double threshold = k * volatility * sqrtH;
        return r > threshold ? 2 : r < -threshold ? 0 : 1;
    }

    /**
     * The one-line description bundles record in their {@code labels} attribute, e.g.
     * {@code "fixed horizon 10 bars, k=0.5, volatility window 60"}; {@link #parse} reads it back.
     */
    public String description() {
        return "fixed horizon " + horizon + " bars, k=" + k + ", volatility window " + volatilityWindow;
    }

    /**
     * Reads a {@link #description()}.
     *
     * @throws IllegalArgumentException if {@code description} is not of that form or its values
     *                                  are out of range, quoting it
     */
    public static FixedHorizonLabeler parse(String description) {
        Checks.notNull(description, "description");
        Matcher m = DESCRIPTION.matcher(description.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("label definition '" + (description.length() > 120
                    ? description.substring(0, 120) + "..." : description)
                    + "' is not of the form 'fixed horizon H bars, k=K, volatility window W'");
        }
        double k;
        try {
            k = Double.parseDouble(m.group(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("label definition '" + description + "' has k='" + m.group(2)
                    + "', which is not a number", e);
        }
        return new FixedHorizonLabeler(Integer.parseInt(m.group(1)), Checks.finite(k, "k"), Integer.parseInt(m.group(3)));
    }
}

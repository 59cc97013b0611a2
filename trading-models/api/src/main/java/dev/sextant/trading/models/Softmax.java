package dev.sextant.trading.models;

/**
 * The softmax over the three classes SELL, HOLD, BUY, as every model in Sextant outputs them.
 * Numerically stable (the largest logit is subtracted before {@code exp}), allocation-free, and
 * stateless, so thread-safe. The built-in logistic regression and temperature scaling use it too.
 */
public final class Softmax {

    private Softmax() {
    }

    /**
     * Writes {@code exp(z_c) / sum_k exp(z_k)} for c = SELL, HOLD, BUY into
     * {@code probabilities[offset .. offset + 2]}; the three values are in [0, 1] and sum to 1
     * (to within rounding) for any finite logits.
     *
     * @param sell          the SELL logit
     * @param hold          the HOLD logit
     * @param buy           the BUY logit
     * @param probabilities where to write, at least {@code offset + 3} long
     * @param offset        index of the SELL probability
     * @throws ArrayIndexOutOfBoundsException if {@code probabilities} is too short
     */
    public static void apply(double sell, double hold, double buy, double[] probabilities, int offset) {
        double m = Math.max(sell, Math.max(hold, buy));
        double e0 = Math.exp(sell - m);
        double e1 = Math.exp(hold - m);
        double e2 = Math.exp(buy - m);
        double s = e0 + e1 + e2;
        probabilities[offset] = e0 / s;
        probabilities[offset + 1] = e1 / s;
        probabilities[offset + 2] = e2 / s;
    }
}

package dev.sextant.trading.engine.lifecycle;

import dev.sextant.trading.models.validation.ClassificationMetrics;

/**
 * The per-bar loss a {@link PromotionRule} tests: a strictly proper scoring rule of the model's
 * SELL/HOLD/BUY probabilities against the realised class, lower is better.
 */
public enum LossKind {
    /** {@code -ln p[label]}, probabilities clipped at 1e-15 ({@link ClassificationMetrics#logLoss(double[], int, int)}). */
    LOG_LOSS("log_loss"),
    /** {@code sum_c (p_c - y_c)^2}, in [0, 2] ({@link ClassificationMetrics#brier(double[], int, int)}). */
    BRIER("brier");

    private final String id;

    LossKind(String id) {
        this.id = id;
    }

    /** The id used in reports and on the command line: {@code log_loss} or {@code brier}. */
    public String id() {
        return id;
    }

    /**
     * The kind with {@code id}.
     *
     * @throws IllegalArgumentException naming the accepted ids
     */
    public static LossKind ofId(String id) {
        for (LossKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("loss kind must be log_loss or brier but was '" + id + "'");
    }

    /**
     * The loss of one prediction.
     *
     * @param probabilities SELL, HOLD, BUY probabilities at {@code offset}
     * @param offset        index of the SELL probability
     * @param label         realised class, 0 to 2
     */
    public double loss(double[] probabilities, int offset, int label) {
        return this == LOG_LOSS ? ClassificationMetrics.logLoss(probabilities, offset, label)
                : ClassificationMetrics.brier(probabilities, offset, label);
    }
}

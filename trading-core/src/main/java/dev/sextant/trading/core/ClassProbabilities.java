package dev.sextant.trading.core;

/**
 * Class probabilities in the fixed order SELL, HOLD, BUY.
 *
 * @param sell probability of {@link Direction#SELL}, in [0, 1]
 * @param hold probability of {@link Direction#HOLD}, in [0, 1]
 * @param buy  probability of {@link Direction#BUY}, in [0, 1]
 */
public record ClassProbabilities(double sell, double hold, double buy) {
    /** Tolerance on the sum of the three probabilities. */
    public static final double SUM_TOLERANCE = 1e-6;

    /** Checks each probability is in [0, 1] and that they sum to 1 within {@link #SUM_TOLERANCE}. */
    public ClassProbabilities {
        Checks.inRange(sell, 0, 1, "sell probability");
        Checks.inRange(hold, 0, 1, "hold probability");
        Checks.inRange(buy, 0, 1, "buy probability");
        double sum = sell + hold + buy;
        if (Math.abs(sum - 1.0) > SUM_TOLERANCE) {
            throw new IllegalArgumentException("probabilities must sum to 1 but summed to " + sum);
        }
    }

    /** Reads {@code p[offset..offset+2]} in SELL, HOLD, BUY order. */
    public static ClassProbabilities of(double[] p, int offset) {
        return new ClassProbabilities(p[offset], p[offset + 1], p[offset + 2]);
    }

    /** The probability of {@code d}. */
    public double of(Direction d) {
        return switch (d) {
            case SELL -> sell;
            case HOLD -> hold;
            case BUY -> buy;
        };
    }

    /** The most probable class; ties go to HOLD, then to the lower index. */
    public Direction argmax() {
        if (hold >= sell && hold >= buy) {
            return Direction.HOLD;
        }
        return sell >= buy ? Direction.SELL : Direction.BUY;
    }

    /** The three values as a new array in SELL, HOLD, BUY order. */
    public double[] toArray() {
        return new double[] {sell, hold, buy};
    }
}

package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Signal;

/**
 * How a signal becomes a target position, as a fraction of equity held as notional (0.05 = a
 * position worth 5% of equity). {@link PositionSizer} then applies the minimum edge, the risk
 * headroom and the instrument's lot size.
 */
public sealed interface SizingMethod {

    /**
     * The target notional as a fraction of equity for {@code signal}, at least 0; 0 means "do
     * not trade".
     *
     * @param signal a BUY or SELL signal
     * @param inputs market estimates for the instrument
     */
    double targetFraction(Signal signal, SizingInputs inputs);

    /**
     * The probability that a BUY or SELL signal wins, conditional on the price moving: the
     * probability of its direction divided by the probabilities of BUY and SELL together. Under
     * the three-class labels a HOLD outcome gains or loses nothing, so it drops out of the
     * growth-optimal bet.
     */
    static double winProbability(Signal signal) {
        double up = signal.probabilities().buy();
        double down = signal.probabilities().sell();
        double moving = up + down;
        if (moving <= 0) {
            return 0;
        }
        return (signal.direction().sign() > 0 ? up : down) / moving;
    }

    /**
     * A fixed fraction of equity per position, whatever the signal's strength.
     *
     * @param fraction notional as a fraction of equity, positive
     */
    record FixedFractional(double fraction) implements SizingMethod {
        /** Validates the fraction. */
        public FixedFractional {
            Checks.positive(fraction, "fraction");
        }

        @Override
        public double targetFraction(Signal signal, SizingInputs inputs) {
            return fraction;
        }
    }

    /**
     * A fraction that grows linearly with the signal's confidence: 0 at {@code minConfidence}
     * and below, {@code maxFraction} at confidence 1.
     *
     * @param maxFraction   fraction of equity at full confidence, positive
     * @param minConfidence confidence at or below which nothing is traded, in [0, 1)
     */
    record ConfidenceScaled(double maxFraction, double minConfidence) implements SizingMethod {
        /** Validates the fields. */
        public ConfidenceScaled {
            Checks.positive(maxFraction, "maxFraction");
            if (!(minConfidence >= 0 && minConfidence < 1)) {
                throw new IllegalArgumentException("minConfidence must be in [0, 1) but was " + minConfidence);
            }
        }

        @Override
        public double targetFraction(Signal signal, SizingInputs inputs) {
            double scale = (signal.confidence() - minConfidence) / (1 - minConfidence);
            return maxFraction * Math.max(0, Math.min(1, scale));
        }
    }

    /**
     * Fractional Kelly: {@code multiplier} times the growth-optimal fraction for a bet that
     * gains {@code W} or loses {@code L} per unit of notional with win probability {@code p}
     * (see {@link #winProbability}), {@code f* = p / L - (1 - p) / W}, capped at
     * {@code maxFraction}. With {@code L = 1} and {@code W = b} this is the classic
     * {@code p - (1 - p) / b}.
     *
     * @param multiplier  fraction of full Kelly, in (0, 1]; half Kelly (0.5) is common
     * @param maxFraction cap on the result, positive
     */
    record FractionalKelly(double multiplier, double maxFraction) implements SizingMethod {
        /** Validates the fields. */
        public FractionalKelly {
            if (!(multiplier > 0 && multiplier <= 1)) {
                throw new IllegalArgumentException("multiplier must be in (0, 1] but was " + multiplier);
            }
            Checks.positive(maxFraction, "maxFraction");
        }

        /**
         * The full Kelly fraction {@code p / loss - (1 - p) / win}; negative when the bet has no
         * edge.
         *
         * @param p    win probability in [0, 1]
         * @param win  gain per unit of notional when winning, positive
         * @param loss loss per unit of notional when losing, positive
         */
        public static double fullKelly(double p, double win, double loss) {
            Checks.inRange(p, 0, 1, "p");
            Checks.positive(win, "win");
            Checks.positive(loss, "loss");
            return p / loss - (1 - p) / win;
        }

        @Override
        public double targetFraction(Signal signal, SizingInputs inputs) {
            double f = multiplier * fullKelly(winProbability(signal), inputs.expectedWin(), inputs.expectedLoss());
            return Math.max(0, Math.min(maxFraction, f));
        }
    }

    /**
     * Volatility targeting: the fraction whose daily volatility equals
     * {@code targetDailyVolatility}, {@code target / volatility}, capped at {@code maxFraction}.
     * The volatility is the realised daily volatility or ATR / price.
     *
     * @param measure               which volatility estimate to use
     * @param targetDailyVolatility daily volatility of the position as a fraction of equity,
     *                              positive (e.g. 0.005)
     * @param maxFraction           cap on the result, positive
     */
    record VolatilityTarget(VolatilityMeasure measure, double targetDailyVolatility, double maxFraction)
            implements SizingMethod {
        /** Validates the fields. */
        public VolatilityTarget {
            Checks.notNull(measure, "measure");
            Checks.positive(targetDailyVolatility, "targetDailyVolatility");
            Checks.positive(maxFraction, "maxFraction");
        }

        /** The volatility this method divides by, NaN if the inputs do not have it yet. */
        public double volatility(SizingInputs inputs) {
            return switch (measure) {
                case REALISED -> inputs.dailyVolatility();
                case ATR -> inputs.atr() / inputs.price();
            };
        }

        @Override
        public double targetFraction(Signal signal, SizingInputs inputs) {
            double vol = volatility(inputs);
            if (!(vol > 0)) {
                return 0;
            }
            return Math.min(maxFraction, targetDailyVolatility / vol);
        }
    }

    /** Which volatility {@link VolatilityTarget} uses. */
    enum VolatilityMeasure {
        /** Standard deviation of daily returns. */
        REALISED,
        /** Average true range in price units, divided by the price. */
        ATR
    }
}

package dev.sextant.trading.broker.paper;

import dev.sextant.trading.core.Checks;

/**
 * How far the paper broker moves a marketable fill's price against the order, on top of the
 * cost model's half spread and impact. Immutable and thread-safe.
 */
public sealed interface Slippage {

    /**
     * The slippage as a fraction of price for a fill of {@code quantity} out of {@code volume}.
     *
     * @param quantity filled quantity, positive
     * @param volume   volume of the bar or trade that filled it, non-negative (0 when unknown)
     * @return a non-negative fraction (0.0005 = 5 bps)
     */
    double fraction(double quantity, double volume);

    /** No slippage. */
    static Slippage none() {
        return new None();
    }

    /** A fixed slippage of {@code bps} basis points (non-negative). */
    static Slippage bps(double bps) {
        return new FixedBps(bps);
    }

    /**
     * Volume-based slippage: {@code bpsAtFullVolume * min(1, quantity / volume)} basis points,
     * linear in the share of the bar's volume taken; the full amount when the volume is 0.
     */
    static Slippage volumeShare(double bpsAtFullVolume) {
        return new VolumeShare(bpsAtFullVolume);
    }

    /** No slippage. */
    record None() implements Slippage {
        @Override
        public double fraction(double quantity, double volume) {
            return 0;
        }
    }

    /**
     * A fixed number of basis points.
     *
     * @param bps basis points, finite and non-negative
     */
    record FixedBps(double bps) implements Slippage {
        /** Validates {@code bps}. */
        public FixedBps {
            Checks.nonNegative(bps, "bps");
        }

        @Override
        public double fraction(double quantity, double volume) {
            return bps / 10_000;
        }
    }

    /**
     * Basis points proportional to the share of volume taken.
     *
     * @param bpsAtFullVolume basis points when the fill takes the whole volume, finite and non-negative
     */
    record VolumeShare(double bpsAtFullVolume) implements Slippage {
        /** Validates {@code bpsAtFullVolume}. */
        public VolumeShare {
            Checks.nonNegative(bpsAtFullVolume, "bpsAtFullVolume");
        }

        @Override
        public double fraction(double quantity, double volume) {
            double share = volume > 0 ? Math.min(1, quantity / volume) : 1;
            return bpsAtFullVolume * share / 10_000;
        }
    }
}

package dev.sextant.trading.models.labels;

/** Lets tests in other packages read the real Apple closes. */
public final class RealBarsAccess {

    private RealBarsAccess() {
    }

    /** Closes of the 252 daily Apple bars in ta4j-examples. */
    public static double[] appleCloses() {
        return RealBars.appleCloses();
    }
}

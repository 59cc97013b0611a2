package dev.sextant.trading.features.internal;

/**
 * The elementwise part of a feature: a value from the current outputs of its indicators
 * ({@code a}, in dependency order) and the current bar. Shared by streaming and batch, so that
 * only the indicators' own streaming and batch code differ.
 */
@FunctionalInterface
public interface Formula {
    /** The feature value for one bar; must be finite when every argument is defined. */
    double apply(double[] a, double open, double high, double low, double close, double volume);
}

package dev.sextant.trading.models;

/** What a model reads: one feature vector, or a window of consecutive vectors. */
public enum InputKind {
    /** One vector of {@code featureCount} values. */
    VECTOR,
    /** A window of {@code sequenceLength} vectors, row-major, oldest first. */
    WINDOW
}

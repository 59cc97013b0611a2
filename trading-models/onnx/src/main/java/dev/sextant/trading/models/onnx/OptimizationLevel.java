package dev.sextant.trading.models.onnx;

/** ONNX Runtime graph optimisation level, applied when the session is created. */
public enum OptimizationLevel {
    /** No graph optimisation. */
    NONE,
    /** Constant folding and redundant-node elimination. */
    BASIC,
    /** Basic plus node fusions (ONNX Runtime's "extended"). */
    EXTENDED,
    /** Every optimisation, including layout changes (ONNX Runtime's default). */
    ALL;

    /**
     * Parses {@code none}, {@code basic}, {@code extended} or {@code all}, ignoring case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static OptimizationLevel parse(String value) {
        if (value != null) {
            for (OptimizationLevel l : values()) {
                if (l.name().equalsIgnoreCase(value.strip())) {
                    return l;
                }
            }
        }
        throw new IllegalArgumentException("optimizationLevel must be one of none, basic, extended, all but was "
                + value);
    }
}

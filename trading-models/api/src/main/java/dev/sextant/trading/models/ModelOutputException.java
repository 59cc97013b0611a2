package dev.sextant.trading.models;

/**
 * A model produced something that is not a probability distribution: a value that is NaN,
 * infinite or outside [0, 1], or three values that do not sum to 1. Raised before anything uses
 * the output, so a broken model (for example an XGBoost file with an infinite base score) stops
 * with this error instead of trading on {@code NaN}. The message names the model, the row when
 * known, and the values.
 */
public final class ModelOutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@link #row()} when the row is not known (a single {@link Model#predict} call). */
    public static final long UNKNOWN_ROW = -1;

    private final String model;
    private final long row;
    private final String problem;

    /**
     * An invalid output.
     *
     * @param model   the id of the model (or "ensemble after calibration") that produced it
     * @param row     the row of the batch, or {@link #UNKNOWN_ROW}
     * @param problem what is wrong with the values, naming them
     */
    public ModelOutputException(String model, long row, String problem) {
        super("model " + model + (row >= 0 ? " row " + row : "") + " gave invalid probabilities: " + problem);
        this.model = model;
        this.row = row;
        this.problem = problem;
    }

    /** The model that produced the output. */
    public String model() {
        return model;
    }

    /** The row of the batch call, or {@link #UNKNOWN_ROW}. */
    public long row() {
        return row;
    }

    /** What is wrong with the values. */
    public String problem() {
        return problem;
    }
}

package dev.sextant.trading.models.calibration;

import dev.sextant.trading.models.internal.ProbabilityChecks;

/**
 * Maps a model's SELL, HOLD, BUY probabilities to calibrated probabilities: among rows where the
 * calibrated top probability is 0.7, the top class should be right about 70% of the time.
 *
 * <p>A calibrator is fitted on held-out predictions ({@code fit} factories of
 * {@link TemperatureScaling}, {@link PlattScaling} and {@link IsotonicCalibration}) and remembers
 * the key window it was fitted on ({@link #fittedOn()}); {@link CalibrationEvaluation} refuses to
 * evaluate it on rows inside that window, so a calibration is never scored on its own fitting
 * data.
 *
 * <p>Fitted calibrators are immutable and thread-safe; {@link #calibrate} allocates nothing.
 */
public sealed interface Calibrator permits TemperatureScaling, PlattScaling, IsotonicCalibration {

    /** The method id written to bundles: {@code temperature}, {@code platt} or {@code isotonic}. */
    String method();

    /** The key window of the rows this calibrator was fitted on. */
    FitWindow fittedOn();

    /**
     * Calibrates one row. {@code in} and {@code out} may be the same array at the same offset.
     *
     * @param in        three probabilities at {@code inOffset}, SELL, HOLD, BUY, a distribution
     * @param out       receives three calibrated probabilities at {@code outOffset}, each in
     *                  [0, 1], summing to 1 within 1e-9
     */
    void calibrate(double[] in, int inOffset, double[] out, int outOffset);

    /**
     * Calibrates every row of a flat {@code rows * 3} array into a new array.
     *
     * @throws IllegalArgumentException if a row is not a distribution
     */
    default double[] calibrateAll(double[] probabilities) {
        ProbabilityChecks.distributions(probabilities);
        double[] out = new double[probabilities.length];
        for (int i = 0; i < probabilities.length; i += 3) {
            calibrate(probabilities, i, out, i);
        }
        return out;
    }
}

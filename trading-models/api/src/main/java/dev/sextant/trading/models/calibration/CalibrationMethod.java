package dev.sextant.trading.models.calibration;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.validation.LabelledPredictions;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How an ensemble's probabilities are calibrated on held-out rows: the one place that maps a
 * method to its fitting code, used by the bundle trainer, the walk-forward and the command line.
 * Each constant's {@link #id()} is the name written to bundles and accepted on the command line.
 */
public enum CalibrationMethod {
    /** {@link TemperatureScaling}: one temperature for all classes (default). */
    TEMPERATURE("temperature"),
    /** {@link PlattScaling}: a logistic map per class, renormalised. */
    PLATT("platt"),
    /** {@link IsotonicCalibration}: a monotone step function per class, renormalised. */
    ISOTONIC("isotonic"),
    /** No calibration: the ensemble's probabilities are used as they are. */
    NONE("none");

    private final String id;

    CalibrationMethod(String id) {
        this.id = id;
    }

    /** The lower-case name: {@code temperature}, {@code platt}, {@code isotonic} or {@code none}. */
    public String id() {
        return id;
    }

    /** Every method's {@link #id()}, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(CalibrationMethod::id).toList();
    }

    /**
     * The method named {@code id}, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the value and the accepted names when none matches
     */
    public static CalibrationMethod parse(String id) {
        Checks.notNull(id, "calibration method");
        String key = id.strip().toLowerCase(Locale.ROOT);
        for (CalibrationMethod m : values()) {
            if (m.id.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("calibration must be one of " + String.join(", ", ids()) + " but was '" + id + "'");
    }

    /**
     * Fits this method on held-out predictions.
     *
     * @param heldOut predictions and realised labels of rows the model was not trained on
     * @return the fitted calibrator, or empty for {@link #NONE}
     * @throws IllegalArgumentException if the rows cannot be fitted (see each calibrator's {@code fit})
     */
    public Optional<Calibrator> fit(LabelledPredictions heldOut) {
        Checks.notNull(heldOut, "heldOut");
        return switch (this) {
            case TEMPERATURE -> Optional.of(TemperatureScaling.fit(heldOut));
            case PLATT -> Optional.of(PlattScaling.fit(heldOut));
            case ISOTONIC -> Optional.of(IsotonicCalibration.fit(heldOut));
            case NONE -> Optional.empty();
        };
    }
}

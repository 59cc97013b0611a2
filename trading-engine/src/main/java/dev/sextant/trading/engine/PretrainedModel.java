package dev.sextant.trading.engine;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.Models;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * A model trained outside Sextant (for example a PyTorch network exported to ONNX), with the last
 * time of the data it was trained on. The {@link BundleTrainer} labels only rows after
 * {@code trainedThrough}, and a walk-forward uses it only in folds whose data starts after it:
 * evaluating it on bars it learned from would leak the future into the report.
 *
 * @param model          the model; neither the trainer nor the walk-forward closes it
 * @param trainedThrough the latest bar time (inclusive) in its training, validation and
 *                       calibration data
 * @param file           the model file, copied into a bundle when one is written; empty for a
 *                       model used only in a walk-forward
 */
public record PretrainedModel(Model model, Instant trainedThrough, Optional<Path> file) {

    /**
     * The provenance attribute that names the last bar time a network's training, validation and
     * calibration used ({@code Instant} text); {@code train_reference_models.py} writes it into
     * the committed ONNX networks' metadata.
     */
    public static final String TRAINED_THROUGH_ATTRIBUTE = "sextant.not_for_evaluation_to";

    /** Validates. */
    public PretrainedModel {
        Checks.notNull(model, "model");
        Checks.notNull(trainedThrough, "trainedThrough");
        Checks.notNull(file, "file");
    }

    /** A pretrained model without a file: usable in a walk-forward, not written into bundles. */
    public PretrainedModel(Model model, Instant trainedThrough) {
        this(model, trainedThrough, Optional.empty());
    }

    /**
     * Loads a model file with the provider of {@code type} and reads {@code trainedThrough} from
     * its {@link #TRAINED_THROUGH_ATTRIBUTE} provenance attribute.
     *
     * @throws ModelLoadException       if no provider has that type or the file does not load
     * @throws IllegalArgumentException if the model's metadata lacks the attribute or it is not
     *                                  an instant (the model is closed first)
     */
    public static PretrainedModel load(String type, Path file, Map<String, String> options) {
        Model model = Models.load(type, file, options);
        String text = model.metadata().provenance().attributes().get(TRAINED_THROUGH_ATTRIBUTE);
        try {
            if (text == null) {
                throw new IllegalArgumentException(file + ": model " + model.metadata().id() + " does not say which bars it "
                        + "was trained on (no metadata attribute " + TRAINED_THROUGH_ATTRIBUTE + "); build a PretrainedModel "
                        + "with the time its training data ends");
            }
            return new PretrainedModel(model, Instant.parse(text.strip()), Optional.of(file));
        } catch (DateTimeParseException e) {
            model.close();
            throw new IllegalArgumentException(file + ": metadata attribute " + TRAINED_THROUGH_ATTRIBUTE + " of model "
                    + model.metadata().id() + " must be an ISO-8601 instant but was '" + text + "'", e);
        } catch (IllegalArgumentException e) {
            model.close();
            throw e;
        }
    }
}

package dev.sextant.trading.models;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A model trained in this process that can be written to a file. The {@link ModelProvider} whose
 * {@link ModelProvider#type()} equals {@code metadata().type()} loads the file back and predicts
 * the same probabilities (to within float rounding of the stored format).
 */
public interface TrainedModel extends Model {

    /**
     * Writes the model to {@code file}, replacing it if it exists.
     *
     * @throws IOException if the file cannot be written
     */
    void save(Path file) throws IOException;

    /** The file name extension the saved model uses, without a dot (e.g. {@code "json"}). */
    String fileExtension();
}

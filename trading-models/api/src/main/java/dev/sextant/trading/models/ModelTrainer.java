package dev.sextant.trading.models;

import java.util.Map;

/**
 * Trains a model of one type in Java, found with {@link java.util.ServiceLoader} by its
 * {@link #type()} id ({@code xgboost}, {@code smile-rf}, {@code smile-svm}, {@code smile-logit}).
 * Adapter artifacts provide one; {@link Models#trainer(String)} resolves it and names the
 * artifact to add when it is missing.
 *
 * <p>The trained model can be saved with {@link TrainedModel#save}, and the {@link ModelProvider}
 * of the same type id loads that file back with identical predictions.
 *
 * <p>Implementations are stateless and thread-safe: one trainer may train several models at once.
 */
public interface ModelTrainer {

    /** The stable type id this trainer produces; equal to the type of its {@link ModelProvider}. */
    String type();

    /** The Maven artifact that contains this trainer, named in errors when it is missing. */
    String artifact();

    /**
     * Whether this trainer's models should read standardised features (each feature shifted to
     * mean 0 and scaled to standard deviation 1 by a {@link dev.sextant.trading.models.ensemble.StandardScaler}
     * fitted on the training rows only). True by default, as linear models, SVMs and neural
     * networks need it; tree ensembles, whose splits do not change under such a map, return false
     * so that their model files read raw features.
     */
    default boolean standardizesInputs() {
        return true;
    }

    /**
     * Trains a vector model on {@code data}.
     *
     * <p>Common parameters every trainer accepts: {@code seed} (a long; default 42) and
     * {@code id} (the model id in {@link ModelMetadata}; default the type id). Every other key is
     * trainer specific (for example {@code nTrees}, {@code maxDepth}, {@code eta}) and documented
     * by the trainer.
     *
     * @param data   features, labels (0 SELL, 1 HOLD, 2 BUY), optional validation split and class
     *               weights
     * @param params hyper-parameters as strings; an unknown key or an unparsable value is an
     *               {@link IllegalArgumentException} naming the key
     * @return the trained model, metadata type equal to {@link #type()}, input kind
     *         {@link InputKind#VECTOR}, {@code featureCount == data.featureCount()}
     * @throws IllegalArgumentException on a bad parameter, or data the trainer cannot use (for
     *                                  example a class with no rows where the trainer needs one)
     */
    TrainedModel train(TrainingSet data, Map<String, String> params);
}

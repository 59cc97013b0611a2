package dev.sextant.trading.models.smile;

import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelLoadException;
import dev.sextant.trading.models.smile.internal.SmileModel;
import java.nio.file.Path;

/**
 * Smile models in Sextant: the type ids, their parameters, and loading. Training and loading
 * normally go through {@link dev.sextant.trading.models.Models#trainer(String)} and
 * {@link dev.sextant.trading.models.Models#load}; this class documents what those find here.
 *
 * <p>All three train on vector inputs (standardise features first for SVM and logistic
 * regression) and return SELL, HOLD, BUY probabilities; a class absent from the training rows
 * gets probability 0. Every trainer accepts {@code id} and {@code seed}. Unknown parameters are
 * errors.
 *
 * <ul>
 *   <li>{@value #RANDOM_FOREST}: {@code nTrees} (100), {@code mtry} (0 = floor(sqrt(features))),
 *       {@code maxDepth} (20), {@code maxNodes} (0 = rows / 5), {@code nodeSize} (5),
 *       {@code subsample} (1.0, in (0, 1]); class weights of the training set are honoured
 *       (rounded to integers relative to the smallest). Probabilities are the trees'
 *       averaged leaf posteriors. Smile fails (a clear error here) when a tree's out-of-bag rows
 *       hold exactly two classes, which needs very few or very imbalanced rows.</li>
 *   <li>{@value #SVM}: one-versus-rest kernel SVMs whose scores are mapped to probabilities by
 *       Platt scaling (fitted by Smile on the training scores) and normalised; {@code kernel}
 *       ({@code gaussian} or {@code linear}), {@code sigma} (Gaussian width, default
 *       sqrt(features)), {@code C} (1.0), {@code tol} (1e-3), {@code epochs} (1). Needs rows of
 *       all three classes; class weights other than equal are rejected.</li>
 *   <li>{@value #LOGISTIC}: Smile's (multinomial, or binomial for two classes) logistic regression;
 *       {@code lambda} (0.1, L2), {@code tol} (1e-5), {@code maxIterations} (500). Class weights
 *       other than equal are rejected.</li>
 * </ul>
 *
 * <p>Persistence: a JSON file ({@code "format": "sextant-smile"}) holding metadata and the Smile
 * object in Java serialization form, read back through an {@link java.io.ObjectInputFilter}
 * that admits only the Smile and JDK classes these models consist of, with depth, reference,
 * array and size limits; any other class is rejected before it is instantiated.
 */
public final class SmileModels {

    /** Random forest. */
    public static final String RANDOM_FOREST = "smile-rf";
    /** One-versus-rest kernel SVM with Platt-scaled probabilities. */
    public static final String SVM = "smile-svm";
    /** Logistic regression. */
    public static final String LOGISTIC = "smile-logit";
    /** The Maven coordinates of this artifact. */
    public static final String ARTIFACT = "dev.sextant:trading-models-smile";

    private SmileModels() {
    }

    /**
     * Loads a model saved by a Smile trainer of any of the three types.
     *
     * @throws ModelLoadException if the file is missing, corrupted, of another format, or holds a
     *                            class outside the allow-list
     */
    public static Model load(Path file) {
        return SmileModel.load(file, null);
    }
}

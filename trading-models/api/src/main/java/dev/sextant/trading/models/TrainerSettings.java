package dev.sextant.trading.models;

import java.util.Map;

/**
 * Typed, documented hyper-parameters of one {@link ModelTrainer}, for Java callers: a record with
 * named fields and defaults that turns itself into the string parameters the trainer reads.
 * {@code LogisticRegressionSettings} and the XGBoost adapter's {@code XGBoostTrainer.Params}
 * implement it; a third-party trainer may offer its own, or be given a plain map.
 */
public interface TrainerSettings {

    /** The trainer type id these settings are for, e.g. {@code logistic} or {@code xgboost}. */
    String type();

    /**
     * The settings as the trainer's string parameters. Never contains {@code id} or {@code seed}:
     * the caller that trains (for example the bundle trainer) assigns the model id and the seed.
     */
    Map<String, String> toParams();
}

/**
 * Smile random forest, SVM and logistic regression as Sextant models (GPL-3.0). Found through
 * ServiceLoader by type id ({@code smile-rf}, {@code smile-svm}, {@code smile-logit}); nothing in
 * Sextant depends on this module.
 *
 * <p>Smile's jars have no module-info; they declare the automatic module names {@code smile.core}
 * and {@code smile.base}, which this module requires.
 */
module dev.sextant.trading.models.smile {
    requires dev.sextant.trading.models;
    requires smile.core;
    requires smile.base;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.sextant.trading.models.smile;

    provides dev.sextant.trading.models.ModelProvider with
            dev.sextant.trading.models.smile.internal.RandomForestProvider,
            dev.sextant.trading.models.smile.internal.SvmProvider,
            dev.sextant.trading.models.smile.internal.LogitProvider;
    provides dev.sextant.trading.models.ModelTrainer with
            dev.sextant.trading.models.smile.internal.RandomForestTrainer,
            dev.sextant.trading.models.smile.internal.SvmTrainer,
            dev.sextant.trading.models.smile.internal.LogitTrainer;
}

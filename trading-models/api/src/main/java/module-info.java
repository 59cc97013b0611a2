/**
 * Sextant's model API: models, trainers and their ServiceLoader SPI, ensembles, calibration,
 * labels, validation and model bundles. Pure Java, no native dependencies.
 */
module dev.sextant.trading.models {
    requires transitive dev.sextant.trading.core;
    requires transitive dev.sextant.trading.features;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.sextant.trading.models;
    exports dev.sextant.trading.models.bundle;
    exports dev.sextant.trading.models.calibration;
    exports dev.sextant.trading.models.drift;
    exports dev.sextant.trading.models.ensemble;
    exports dev.sextant.trading.models.labels;
    exports dev.sextant.trading.models.linear;
    exports dev.sextant.trading.models.policy;
    exports dev.sextant.trading.models.validation;

    uses dev.sextant.trading.models.ModelProvider;
    uses dev.sextant.trading.models.ModelTrainer;

    provides dev.sextant.trading.models.ModelProvider
            with dev.sextant.trading.models.internal.LogisticRegressionProvider,
                    dev.sextant.trading.models.internal.TimeframeLogisticProvider;
    provides dev.sextant.trading.models.ModelTrainer
            with dev.sextant.trading.models.internal.LogisticRegressionTrainer,
                    dev.sextant.trading.models.internal.TimeframeLogisticTrainer;
}

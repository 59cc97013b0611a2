/** Sextant's model API: models, ensembles, calibration, labels, validation and model bundles. */
module dev.sextant.trading.models {
    requires transitive dev.sextant.trading.core;
    requires org.slf4j;

    exports dev.sextant.trading.models;

    uses dev.sextant.trading.models.ModelProvider;
    uses dev.sextant.trading.models.ModelTrainer;
}

/**
 * Sextant's engine: the in-process trading pipeline, the event-driven backtester, walk-forward
 * evaluation that cannot see the future, and its reports.
 */
module dev.sextant.trading.engine {
    requires transitive dev.sextant.trading.core;
    requires transitive dev.sextant.trading.features;
    requires transitive dev.sextant.trading.models;
    requires transitive dev.sextant.trading.risk;
    requires transitive dev.sextant.trading.broker;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.sextant.trading.engine;
    exports dev.sextant.trading.engine.lifecycle;
    exports dev.sextant.trading.engine.report;
    exports dev.sextant.trading.engine.rl;
    exports dev.sextant.trading.engine.synthetic;

    uses dev.sextant.trading.models.ModelTrainer;

    provides dev.sextant.trading.models.ModelProvider
            with dev.sextant.trading.engine.rl.internal.PpoPolicyProvider;
}

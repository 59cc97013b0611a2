/**
 * Tear sheets: one self-contained HTML page, with Apache ECharts inlined, from a backtest,
 * walk-forward or paper-session report folder.
 */
module dev.sextant.trading.report {
    requires transitive dev.sextant.trading.engine;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.sextant.trading.report;
}

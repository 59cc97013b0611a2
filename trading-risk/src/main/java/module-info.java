/**
 * Sextant risk: position sizing, the pre-trade check chain, the kill switch, the model circuit
 * breaker, exits, value at risk and the risk state built from fills and marks.
 */
module dev.sextant.trading.risk {
    requires transitive dev.sextant.trading.core;
    requires tools.jackson.databind;
    requires org.slf4j;

    exports dev.sextant.trading.risk;
}

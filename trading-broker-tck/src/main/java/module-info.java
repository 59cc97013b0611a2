/**
 * The broker conformance kit: abstract JUnit 5 tests that a venue adapter's own tests extend to
 * prove the adapter honours the {@link dev.sextant.trading.broker.BrokerConnector} contract.
 */
module dev.sextant.trading.broker.tck {
    requires transitive dev.sextant.trading.broker;
    requires transitive org.junit.jupiter.api;

    exports dev.sextant.trading.broker.tck;

    opens dev.sextant.trading.broker.tck to org.junit.platform.commons;
}

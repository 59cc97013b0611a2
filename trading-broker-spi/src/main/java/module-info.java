/**
 * Sextant's broker SPI: the venue connector and market-data feed interfaces, the order state
 * machine ({@link dev.sextant.trading.broker.Blotter}), a deterministic paper broker and the
 * TWAP/VWAP execution algorithms.
 *
 * <p>Venue adapters implement {@link dev.sextant.trading.broker.BrokerConnector} and publish a
 * {@link dev.sextant.trading.broker.BrokerProvider} with {@code provides}; the paper broker is
 * provided under the id {@code paper}.
 */
module dev.sextant.trading.broker {
    requires transitive dev.sextant.trading.core;
    requires org.slf4j;

    exports dev.sextant.trading.broker;
    exports dev.sextant.trading.broker.paper;
    exports dev.sextant.trading.broker.algo;

    uses dev.sextant.trading.broker.BrokerProvider;

    provides dev.sextant.trading.broker.BrokerProvider
            with dev.sextant.trading.broker.paper.PaperBrokerProvider;
}

/**
 * A FIX 4.4 venue connector on QuickFIX/J: {@link dev.sextant.trading.broker.fix.FixConnector},
 * configured by {@link dev.sextant.trading.broker.fix.FixConnectorConfig} and provided to
 * {@link dev.sextant.trading.broker.BrokerProviders} under the id {@code fix}.
 *
 * <p>Only {@code quickfixj.core} is read at compile time; {@code quickfixj-messages-fix44} is a
 * run-time dependency (its message classes and FIX44.xml dictionary), kept off the module path
 * because both jars hold the package {@code quickfix.field}.
 */
module dev.sextant.trading.broker.fix {
    requires transitive dev.sextant.trading.broker;
    requires quickfixj.core;
    requires org.slf4j;

    exports dev.sextant.trading.broker.fix;

    provides dev.sextant.trading.broker.BrokerProvider
            with dev.sextant.trading.broker.fix.FixBrokerProvider;
}

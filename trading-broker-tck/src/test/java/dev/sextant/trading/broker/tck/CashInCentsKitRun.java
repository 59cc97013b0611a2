package dev.sextant.trading.broker.tck;

import org.junit.jupiter.api.extension.ExtendWith;

/** The whole kit against a connector that reports the account's cash in cents; run by {@link BrokerConformanceKitTest}, not by Surefire, with the kit's default timeout. */
@ExtendWith(KitRunCondition.class)
class CashInCentsKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::cashInCents);
    }
}

package dev.sextant.trading.broker.tck;

import java.time.Duration;

/** The whole kit against a connector that reports the account's cash in cents; run by {@link BrokerConformanceKitTest}, not by Surefire. */
class CashInCentsKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::cashInCents);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofMillis(300);
    }
}

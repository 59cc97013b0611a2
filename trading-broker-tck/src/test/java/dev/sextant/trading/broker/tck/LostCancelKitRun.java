package dev.sextant.trading.broker.tck;

import java.time.Duration;

/** The whole kit against a connector that loses cancels; run by {@link BrokerConformanceKitTest}, not by Surefire. */
class LostCancelKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::lostCancel);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofMillis(300);
    }
}

package dev.sextant.trading.broker.tck;

import java.time.Duration;

/** The whole kit against a connector that delivers a fill twice; run by {@link BrokerConformanceKitTest}, not by Surefire. */
class DuplicateFillKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::duplicateFill);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofMillis(300);
    }
}

package dev.sextant.trading.broker.tck;

import java.time.Duration;

/**
 * The whole kit against a connector that reports wrong positions after a reconnect; run by
 * {@link BrokerConformanceKitTest}, not by Surefire.
 */
class WrongPositionKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::wrongPositionAfterReconnect);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofMillis(300);
    }
}

package dev.sextant.trading.broker.tck;

import java.time.Duration;

/** The whole kit against a connector that silently drops orders submitted while it is connecting; run by {@link BrokerConformanceKitTest}, not by Surefire. */
class DroppedWhileConnectingKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::dropsOrdersWhileConnecting);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofMillis(300);
    }
}

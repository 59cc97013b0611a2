package dev.sextant.trading.broker.tck;

import java.time.Duration;

/** The whole kit against a connector that delivers acknowledgements after fills (arrival order, not venue order); run by {@link BrokerConformanceKitTest}, not by Surefire. */
class AcknowledgementAfterFillKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::acknowledgesAfterFills);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofMillis(300);
    }
}

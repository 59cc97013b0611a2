package dev.sextant.trading.broker.tck;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole kit against a connector that reports wrong positions after a reconnect; run by
 * {@link BrokerConformanceKitTest}, not by Surefire, with the kit's default timeout.
 */
@ExtendWith(KitRunCondition.class)
class WrongPositionKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::wrongPositionAfterReconnect);
    }
}

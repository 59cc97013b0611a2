package dev.sextant.trading.broker.tck;

import org.junit.jupiter.api.extension.ExtendWith;

/** The whole kit against a connector that delivers a fill twice; run by {@link BrokerConformanceKitTest}, not by Surefire, with the kit's default timeout. */
@ExtendWith(KitRunCondition.class)
class DuplicateFillKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::duplicateFill);
    }
}

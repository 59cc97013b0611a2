package dev.sextant.trading.broker.tck;

import org.junit.jupiter.api.extension.ExtendWith;

/** The whole kit against a connector that reports fill prices in ticks; run by {@link BrokerConformanceKitTest}, not by Surefire, with the kit's default timeout. */
@ExtendWith(KitRunCondition.class)
class FillPriceInTicksKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::fillPricesInTicks);
    }
}

package dev.sextant.trading.broker.tck;

import org.junit.jupiter.api.extension.ExtendWith;

/** The whole kit against a connector that reports the positions' average price in ticks; run by {@link BrokerConformanceKitTest}, not by Surefire, with the kit's default timeout. */
@ExtendWith(KitRunCondition.class)
class AveragePriceInTicksKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::averagePriceInTicks);
    }
}

package dev.sextant.trading.broker.tck;

import java.time.Duration;

/** The whole kit against a connector that reports the positions' average price in ticks; run by {@link BrokerConformanceKitTest}, not by Surefire. */
class AveragePriceInTicksKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::averagePriceInTicks);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofMillis(300);
    }
}

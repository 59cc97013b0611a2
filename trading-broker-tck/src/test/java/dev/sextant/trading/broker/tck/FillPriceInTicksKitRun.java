package dev.sextant.trading.broker.tck;

import java.time.Duration;

/** The whole kit against a connector that reports fill prices in ticks; run by {@link BrokerConformanceKitTest}, not by Surefire. */
class FillPriceInTicksKitRun extends BrokerConformanceKit {
    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture(FaultyConnectors::fillPricesInTicks);
    }

    @Override
    protected Duration timeout() {
        return Duration.ofMillis(300);
    }
}

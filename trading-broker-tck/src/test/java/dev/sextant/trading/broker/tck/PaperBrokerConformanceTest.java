package dev.sextant.trading.broker.tck;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The paper broker passes the conformance kit: every final test method of the kit (and their
 * assertions, in {@link ConformanceChecks}) run against this fixture.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PaperBrokerConformanceTest extends BrokerConformanceKit {

    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture();
    }
}

package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.tck.BrokerConformanceKit;
import dev.sextant.trading.broker.tck.VenueFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The FIX connector passes the conformance kit against the simulated exchange over loopback: the
 * kit's final test methods (their assertions are in
 * {@link dev.sextant.trading.broker.tck.ConformanceChecks}) run against this fixture.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FixConnectorConformanceTest extends BrokerConformanceKit {

    @Override
    protected VenueFixture createFixture() {
        return new SimulatedExchangeFixture();
    }
}

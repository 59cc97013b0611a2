package dev.sextant.examples.venue;

import dev.sextant.trading.broker.tck.BrokerConformanceKit;
import dev.sextant.trading.broker.tck.VenueFixture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Example 3's adapter, talking to the example venue over a real loopback socket, passes the
 * conformance kit: every final test method of {@link BrokerConformanceKit} (their assertions live
 * in {@link dev.sextant.trading.broker.tck.ConformanceChecks}) runs against this fixture. This is
 * all an adapter's conformance test needs: extend the kit and return a fresh fixture.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExampleVenueConformanceTest extends BrokerConformanceKit {

    @Override
    protected VenueFixture createFixture() {
        return new ExampleVenueFixture();
    }
}

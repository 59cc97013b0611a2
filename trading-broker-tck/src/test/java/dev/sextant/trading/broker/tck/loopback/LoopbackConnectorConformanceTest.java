package dev.sextant.trading.broker.tck.loopback;

import dev.sextant.trading.broker.tck.BrokerConformanceKit;
import dev.sextant.trading.broker.tck.VenueFixture;

/**
 * An adapter talking to a fake venue over a real loopback socket passes the conformance kit: the
 * kit's sixteen final test methods (and their assertions, in
 * {@link dev.sextant.trading.broker.tck.ConformanceChecks}) run against this fixture.
 */
class LoopbackConnectorConformanceTest extends BrokerConformanceKit {

    @Override
    protected VenueFixture createFixture() {
        return new LoopbackVenueFixture();
    }
}

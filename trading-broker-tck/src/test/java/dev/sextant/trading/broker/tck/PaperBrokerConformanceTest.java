package dev.sextant.trading.broker.tck;

/**
 * The paper broker passes the conformance kit: the kit's sixteen final test methods (and their
 * assertions, in {@link ConformanceChecks}) run against this fixture.
 */
class PaperBrokerConformanceTest extends BrokerConformanceKit {

    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture();
    }
}

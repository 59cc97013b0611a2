package dev.sextant.trading.broker.tck;

/**
 * The paper broker passes the conformance kit: every final test method of the kit (and their
 * assertions, in {@link ConformanceChecks}) run against this fixture.
 */
class PaperBrokerConformanceTest extends BrokerConformanceKit {

    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture();
    }
}

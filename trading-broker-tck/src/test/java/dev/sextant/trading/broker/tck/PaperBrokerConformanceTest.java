package dev.sextant.trading.broker.tck;

/** The paper broker passes the conformance kit. */
class PaperBrokerConformanceTest extends BrokerConformanceKit {

    @Override
    protected VenueFixture createFixture() {
        return new PaperVenueFixture();
    }
}

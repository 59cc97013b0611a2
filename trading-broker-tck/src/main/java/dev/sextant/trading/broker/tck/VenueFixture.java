package dev.sextant.trading.broker.tck;

import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Trade;
import java.util.List;

/**
 * What an adapter's test gives the conformance kit: a fresh connector and control over the venue
 * behind it (a simulator, a local fake venue, or a venue's test environment).
 *
 * <p>The kit creates one fixture per test and closes it afterwards. The kit calls the fixture
 * from the test thread and, in the race tests, from one extra thread at a time.
 */
public interface VenueFixture extends AutoCloseable {

    /** The connector under test: created for this fixture, not yet connected, with no orders. */
    BrokerConnector connector();

    /** The instrument the kit trades; the account must be allowed to trade it long and short. */
    Instrument instrument();

    /** The instrument's current price, on the tick grid; resting orders are placed 10 to 20% away from it. */
    double price();

    /**
     * A normal order quantity, at least two lots: the account must be able to hold four times it
     * long or short at {@link #price()} without running out of buying power.
     */
    double quantity();

    /**
     * Makes the venue print a trade of {@code quantity} at {@code price} (per unit, in the
     * instrument's quote currency): working orders that the print crosses fill from it, at the
     * print's price and at most {@code quantity} in total (orders that were working at the venue
     * before the call). Returns when the venue has processed the print; the resulting
     * events may still be on their way. May be called while the connector is disconnected.
     */
    void trade(double price, double quantity);

    /**
     * The trades the venue printed since this fixture was created, oldest first, as the venue's own
     * tape reports them (price per unit in the instrument's quote currency, quantity in lots of
     * the instrument). The kit checks every fill against them: a fill is at the price of a print
     * (within half a tick) and no worse than its order's limit.
     *
     * <p>Override it to report what the venue really printed: that is what catches an adapter that
     * decodes prices in the wrong unit (ticks, minor units). The default, an empty list, declares
     * that the venue prints exactly the price given to {@link #trade}; the kit then checks fills
     * against the prices it passed to {@link #trade}.
     *
     * @return the prints, oldest first; empty to let the kit use its own record of {@link #trade} calls
     */
    default List<Trade> prints() {
        return List.of();
    }

    /**
     * Severs the connection from the venue's side, as a network failure would. The venue keeps the
     * account's orders working (or cancels them, if that is the venue's documented behaviour).
     */
    void dropConnection();

    /** Closes the connector and releases the venue. */
    @Override
    void close();
}

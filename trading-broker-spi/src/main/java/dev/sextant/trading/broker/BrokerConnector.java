package dev.sextant.trading.broker;

import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import java.util.List;

/**
 * A connection to one trading venue: the interface a venue adapter implements.
 *
 * <h2>Requests and events</h2>
 * {@link #submit}, {@link #cancel} and {@link #replace} are asynchronous: they return once the
 * request is on its way, and the outcome arrives later as {@link OrderEvent}s to the
 * {@link BrokerListener}s. They throw only for requests that cannot be sent at all
 * ({@link BrokerException.Code#NOT_CONNECTED}, a client order id already used for a different
 * order, a malformed replacement). Queries ({@link #openOrders}, {@link #positions},
 * {@link #account}) block until the venue answers and report the venue's view.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Client order ids are unique per connector: submitting a request whose id was already
 *       submitted is a no-op if the request is identical (idempotent retry) and a
 *       {@link BrokerException.Code#DUPLICATE_CLIENT_ORDER_ID} otherwise.</li>
 *   <li>The events of each order follow the FIX order life cycle enforced by {@link Blotter}:
 *       Accepted or Rejected first, then fills, and at most one of Filled, Canceled, Expired or
 *       Replaced as its end.</li>
 *   <li>A cancel or replace of an unknown order yields {@link OrderEvent.CancelRejected} with
 *       {@link RejectReason#UNKNOWN_ORDER}; of a finished order, with {@link RejectReason#TOO_LATE}.</li>
 *   <li>Each execution is delivered once per connection session, with a stable execution id;
 *       after a reconnect the connector delivers the reports the venue produced while it was
 *       disconnected (repeats allowed, with the same ids).</li>
 *   <li>After {@link #connect()} returns following a disconnect, {@link #openOrders()} and
 *       {@link #positions()} describe the venue, and the events still to come bring a
 *       {@link Blotter} to the same state ({@link Blotter#reconcile}).</li>
 *   <li><b>Venue order.</b> Events are delivered in the order the venue produced them. In
 *       particular an order's acknowledgement ({@link OrderEvent.Accepted}; for a replacement,
 *       the {@link OrderEvent.Replaced} that creates it) reaches the listeners before any fill,
 *       cancel, expiry or replacement of that order, and {@link OrderEvent.Rejected} is the
 *       first event of a refused order. A connector that receives the venue's messages on more
 *       than one channel (order entry and drop copy) or out of sequence restores the venue's
 *       order, by the venue's sequence numbers, before delivering. Repeats after a reconnect
 *       are allowed (see above); reordering is not. The {@link Blotter} tolerates reordered
 *       events so that journals replayed out of order give the same state; that tolerance is not
 *       a licence for connectors.</li>
 *   <li><b>Requests around {@link #connect()}.</b> A request ({@link #submit}, {@link #cancel},
 *       {@link #replace}) made while the connector is not {@link ConnectionState#CONNECTED}
 *       ({@link ConnectionState#DISCONNECTED}, or {@link ConnectionState#CONNECTING} while
 *       {@link #connect()} establishes or re-establishes the session), whether from another
 *       thread or from a listener's callback, either throws
 *       {@link BrokerException.Code#NOT_CONNECTED}, and then nothing of it reaches the venue and
 *       the connector keeps no trace of it (the identical request sent again later is a new
 *       order, not a duplicate), or returns normally, and then it reaches the venue once the
 *       session is up and its outcome arrives as events. A request that returned normally is
 *       never silently dropped.</li>
 *   <li><b>Units.</b> Every price a connector reports ({@link dev.sextant.trading.core.Fill#price()},
 *       {@link Order#averageFillPrice()}, {@link Position#averagePrice()}) is per unit of the
 *       instrument in its quote currency: the unit of {@link OrderRequest#limitPrice()},
 *       {@link dev.sextant.trading.core.Instrument#tickSize()} and the venue's trade prints,
 *       never ticks, points or minor units (cents); a connector for a venue that sends integer
 *       ticks or minor units converts them. A fill from a venue print is at that print's price
 *       and no worse than the order's limit. {@link AccountSnapshot#cash()} is in the account
 *       currency and moves with each fill by minus its signed notional (quantity times price)
 *       and minus its fee.</li>
 * </ul>
 * The conformance kit ({@code dev.sextant:trading-broker-tck}) checks all of this.
 *
 * <h2>Threading</h2>
 * Implementations are thread-safe: any method may be called from any thread. Events are
 * delivered as described in {@link BrokerListener}: serially, in venue order, on the
 * connector's thread or on the thread that drives it.
 */
public interface BrokerConnector extends AutoCloseable {

    /** A short, stable id of the venue, e.g. {@code "paper"}. */
    String venue();

    /** Registers {@code listener} for order events and connection changes; a listener added twice is called once. */
    void addListener(BrokerListener listener);

    /** Unregisters {@code listener}; unknown listeners are ignored. */
    void removeListener(BrokerListener listener);

    /**
     * Connects and logs on; blocks until {@link ConnectionState#CONNECTED} or failure. Does
     * nothing when already connected. A connector that has to wait for the venue reports
     * {@link ConnectionState#CONNECTING} while it does (requests made meanwhile follow the contract
     * above: refused with {@link BrokerException.Code#NOT_CONNECTED} or sent, never dropped). After
     * a disconnect it resumes the session: reports missed while disconnected are delivered, in
     * venue order.
     *
     * @throws BrokerException {@link BrokerException.Code#CONNECTION_FAILED} if the venue cannot be reached
     */
    void connect();

    /** Logs off and disconnects; blocks until {@link ConnectionState#DISCONNECTED}. Working orders stay at the venue. */
    void disconnect();

    /** The current connection state. */
    ConnectionState connectionState();

    /**
     * Sends a new order. Outcome: {@link OrderEvent.Accepted} or {@link OrderEvent.Rejected}, then fills.
     *
     * @throws BrokerException {@link BrokerException.Code#NOT_CONNECTED}, or
     *                         {@link BrokerException.Code#DUPLICATE_CLIENT_ORDER_ID} if the id was used
     *                         for a different request
     */
    void submit(OrderRequest request);

    /**
     * Requests cancellation of the order {@code clientOrderId}. Outcome: {@link OrderEvent.Canceled}
     * or {@link OrderEvent.CancelRejected}.
     *
     * @throws BrokerException {@link BrokerException.Code#NOT_CONNECTED}
     */
    void cancel(String clientOrderId);

    /**
     * Requests that the order {@code clientOrderId} be replaced by {@code replacement}, which has
     * a new client order id, the same instrument and side, and as quantity the new total quantity
     * (filled part included). Outcome: {@link OrderEvent.Replaced} or {@link OrderEvent.CancelRejected}.
     *
     * @throws BrokerException {@link BrokerException.Code#NOT_CONNECTED};
     *                         {@link BrokerException.Code#INVALID_REQUEST} for another instrument or side;
     *                         {@link BrokerException.Code#DUPLICATE_CLIENT_ORDER_ID} if the replacement's id was used
     */
    void replace(String clientOrderId, OrderRequest replacement);

    /**
     * The venue's working orders (status New or PartiallyFilled at the venue). Blocks.
     *
     * @throws BrokerException {@link BrokerException.Code#NOT_CONNECTED} or {@link BrokerException.Code#TIMEOUT}
     */
    List<Order> openOrders();

    /**
     * The venue's non-flat positions. Blocks.
     *
     * @throws BrokerException {@link BrokerException.Code#NOT_CONNECTED} or {@link BrokerException.Code#TIMEOUT}
     */
    List<Position> positions();

    /**
     * The venue's account snapshot. Blocks.
     *
     * @throws BrokerException {@link BrokerException.Code#NOT_CONNECTED} or {@link BrokerException.Code#TIMEOUT}
     */
    AccountSnapshot account();

    /** Disconnects and releases the connector's resources; by default {@link #disconnect()}. */
    @Override
    default void close() {
        disconnect();
    }
}

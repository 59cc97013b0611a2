package dev.sextant.trading.broker;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Position;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order blotter: tracks every order, fill and position of a session by applying client
 * requests and venue {@link OrderEvent}s to the FIX order state machine ({@link OrderStateMachine}).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Client order ids are unique: {@link #submitted} of a known id is a no-op for the
 *       identical request and a {@link BrokerException.Code#DUPLICATE_CLIENT_ORDER_ID} otherwise.</li>
 *   <li>Client requests that the status does not allow (cancel of a filled order) throw
 *       {@link BrokerException.Code#ILLEGAL_TRANSITION} and change nothing.</li>
 *   <li>Venue events never throw: an event that would make an illegal transition is not applied
 *       and is reported as an {@link OrderAnomaly}; so are duplicates and stale events.</li>
 *   <li>A fill is identified by its execution id: a repeat is ignored. Every distinct fill is
 *       counted, in the order's filled quantity and in the position, whatever the order's
 *       status: a late fill after a cancel is applied, an overfill is counted and reported
 *       ({@link OrderAnomaly.Kind#OVERFILL}), a fill of an unknown order moves the position.</li>
 *   <li>The status follows the cumulative filled quantity, not the event kind, so fills that
 *       arrive out of order give the same result.</li>
 *   <li>A cancel (or replace) reject returns the order to the status it had before the request,
 *       updated by fills received meanwhile.</li>
 *   <li>Replace follows FIX: the replacement's quantity is the new total, and its filled
 *       quantity includes the fills of the orders it replaced. A fill reported against a replaced
 *       order after the replace is credited to the live replacement.</li>
 * </ul>
 * Positions are the sum of fills, with {@link Position#apply} average-cost accounting.
 *
 * <p>Thread-safe: every method synchronizes on the blotter. The anomaly listener is called on the
 * thread that delivered the event, after the blotter's lock is released. Memory grows with the
 * number of orders and fills of the session; the last 1,000 anomalies are kept, all are counted.
 */
public final class Blotter implements BrokerListener {
    private static final Logger LOG = LoggerFactory.getLogger(Blotter.class);
    private static final int KEPT_ANOMALIES = 1_000;

    private final Consumer<OrderAnomaly> anomalyListener;
    private final Map<String, Tracked> orders = new LinkedHashMap<>();
    private final Set<String> executionIds = new HashSet<>();
    private final List<Fill> fills = new ArrayList<>();
    private final Map<Instrument, Position> positions = new LinkedHashMap<>();
    private final ArrayDeque<OrderAnomaly> recentAnomalies = new ArrayDeque<>();
    private final Map<OrderAnomaly.Kind, Long> anomalyCounts = new EnumMap<>(OrderAnomaly.Kind.class);

    /** A blotter that only logs and records anomalies. */
    public Blotter() {
        this(anomaly -> { });
    }

    /** A blotter that also passes every anomaly to {@code anomalyListener}. */
    public Blotter(Consumer<OrderAnomaly> anomalyListener) {
        this.anomalyListener = Checks.notNull(anomalyListener, "anomalyListener");
    }

    // ---------------------------------------------------------------- client requests

    /**
     * Records that {@code request} is being sent: a new order in {@link OrderStatus#PENDING_NEW}.
     * Call before {@link BrokerConnector#submit}, so that events find the order.
     *
     * @return the order; the existing one if the identical request was recorded before
     * @throws BrokerException {@link BrokerException.Code#DUPLICATE_CLIENT_ORDER_ID} if the id is used by another request
     */
    public synchronized Order submitted(OrderRequest request, Instant time) {
        Checks.notNull(request, "request");
        Checks.notNull(time, "time");
        Tracked existing = orders.get(request.clientOrderId());
        if (existing != null) {
            if (existing.predecessor == null && existing.request.equals(request)) {
                return existing.snapshot();
            }
            throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                    "client order id " + request.clientOrderId() + " is already used by " + existing.request);
        }
        Tracked t = new Tracked(request, time);
        orders.put(request.clientOrderId(), t);
        return t.snapshot();
    }

    /**
     * Records that a cancel of {@code clientOrderId} is being sent: the order moves to
     * {@link OrderStatus#PENDING_CANCEL}. Call before {@link BrokerConnector#cancel}.
     *
     * @throws BrokerException {@link BrokerException.Code#UNKNOWN_ORDER}, or
     *                         {@link BrokerException.Code#ILLEGAL_TRANSITION} unless the order is
     *                         pending new, new or partially filled
     */
    public synchronized Order cancelRequested(String clientOrderId, Instant time) {
        Checks.notNull(time, "time");
        Tracked t = require(clientOrderId);
        if (!OrderStateMachine.isCancelable(t.status)) {
            throw new BrokerException(BrokerException.Code.ILLEGAL_TRANSITION,
                    "cannot cancel order " + clientOrderId + " in status " + t.status);
        }
        t.beforePending = t.status;
        t.move(OrderStatus.PENDING_CANCEL, time);
        return t.snapshot();
    }

    /**
     * Records that a replace of {@code clientOrderId} by {@code replacement} is being sent: the
     * order moves to {@link OrderStatus#PENDING_REPLACE} and the replacement is tracked as
     * {@link OrderStatus#PENDING_NEW}. Call before {@link BrokerConnector#replace}.
     *
     * @return the snapshot of the order being replaced
     * @throws BrokerException {@link BrokerException.Code#UNKNOWN_ORDER};
     *                         {@link BrokerException.Code#ILLEGAL_TRANSITION} unless the order is pending new, new or partially filled;
     *                         {@link BrokerException.Code#INVALID_REQUEST} for another instrument or side, or a
     *                         quantity not above the filled quantity;
     *                         {@link BrokerException.Code#DUPLICATE_CLIENT_ORDER_ID} if the replacement's id is used
     */
    public synchronized Order replaceRequested(String clientOrderId, OrderRequest replacement, Instant time) {
        Checks.notNull(replacement, "replacement");
        Checks.notNull(time, "time");
        Tracked t = require(clientOrderId);
        if (!OrderStateMachine.isCancelable(t.status)) {
            throw new BrokerException(BrokerException.Code.ILLEGAL_TRANSITION,
                    "cannot replace order " + clientOrderId + " in status " + t.status);
        }
        if (!replacement.instrument().equals(t.request.instrument()) || replacement.side() != t.request.side()) {
            throw new BrokerException(BrokerException.Code.INVALID_REQUEST, "replacement " + replacement.clientOrderId()
                    + " must keep instrument " + t.request.instrument().id() + " and side " + t.request.side());
        }
        if (orders.containsKey(replacement.clientOrderId())) {
            throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                    "client order id " + replacement.clientOrderId() + " is already used");
        }
        double filled = t.filled();
        if (replacement.quantity() <= filled + t.tolerance()) {
            throw new BrokerException(BrokerException.Code.INVALID_REQUEST, "replacement quantity "
                    + replacement.quantity() + " must exceed the filled quantity " + filled + " of " + clientOrderId);
        }
        Tracked y = new Tracked(replacement, time);
        y.predecessor = t;
        orders.put(replacement.clientOrderId(), y);
        t.pendingReplacementId = replacement.clientOrderId();
        t.beforePending = t.status;
        t.move(OrderStatus.PENDING_REPLACE, time);
        return t.snapshot();
    }

    // ---------------------------------------------------------------- venue events

    /** Applies a venue event; never throws for venue input, reports anomalies instead. */
    @Override
    public void onOrderEvent(OrderEvent event) {
        Checks.notNull(event, "event");
        List<OrderAnomaly> found = new ArrayList<>(1);
        synchronized (this) {
            apply(event, found);
            for (OrderAnomaly a : found) {
                anomalyCounts.merge(a.kind(), 1L, Long::sum);
                if (recentAnomalies.size() == KEPT_ANOMALIES) {
                    recentAnomalies.removeFirst();
                }
                recentAnomalies.addLast(a);
            }
        }
        for (OrderAnomaly a : found) {
            if (a.kind().isFault()) {
                LOG.warn("order {}: {} {}", a.clientOrderId(), a.kind(), a.detail());
            } else {
                LOG.debug("order {}: {} {}", a.clientOrderId(), a.kind(), a.detail());
            }
            anomalyListener.accept(a);
        }
    }

    private void apply(OrderEvent event, List<OrderAnomaly> out) {
        if (event instanceof OrderEvent.Execution e) {
            applyExecution(e, out);
            return;
        }
        Tracked t = orders.get(event.clientOrderId());
        if (t == null) {
            out.add(new OrderAnomaly(OrderAnomaly.Kind.UNKNOWN_ORDER, event.clientOrderId(), event,
                    event.getClass().getSimpleName() + " for an order this blotter never saw"));
            return;
        }
        switch (event) {
            case OrderEvent.Accepted e -> applyAccepted(t, e, out);
            case OrderEvent.Rejected e -> applyRejected(t, e, out);
            case OrderEvent.Canceled e -> applyDone(t, e, OrderStatus.CANCELED, out);
            case OrderEvent.Expired e -> applyDone(t, e, OrderStatus.EXPIRED, out);
            case OrderEvent.Replaced e -> applyReplaced(t, e, out);
            case OrderEvent.CancelRejected e -> applyCancelRejected(t, e, out);
            case OrderEvent.Execution e -> throw new AssertionError("handled above: " + e);
        }
    }

    private void applyExecution(OrderEvent.Execution e, List<OrderAnomaly> out) {
        Fill fill = e.fill();
        if (!executionIds.add(fill.executionId())) {
            out.add(anomaly(OrderAnomaly.Kind.DUPLICATE_EXECUTION, e, "execution " + fill.executionId()
                    + " was already applied"));
            return;
        }
        fills.add(fill);
        positions.put(fill.instrument(), position(fill.instrument()).apply(fill));
        Tracked t = orders.get(fill.clientOrderId());
        if (t == null) {
            out.add(anomaly(OrderAnomaly.Kind.UNKNOWN_ORDER, e, "fill " + fill.executionId()
                    + " of an unknown order is counted in the position"));
            return;
        }
        if (!fill.instrument().equals(t.request.instrument()) || fill.side() != t.request.side()) {
            out.add(anomaly(OrderAnomaly.Kind.MISMATCHED_FILL, e, "fill " + fill.executionId() + " is "
                    + fill.side() + " " + fill.instrument().id() + " but the order is " + t.request.side() + " "
                    + t.request.instrument().id()));
        }
        t.ownFilled += fill.quantity();
        t.ownNotional += fill.quantity() * fill.price();
        t.touch(fill.time());
        Tracked target = t;
        while (target.status == OrderStatus.REPLACED && target.successor != null) {
            target = target.successor;
            target.touch(fill.time());
        }
        if (target.status == OrderStatus.REJECTED) {
            out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e, "fill " + fill.executionId()
                    + " of a rejected order; counted, status stays REJECTED"));
        }
        settle(target, e, out);
        double filled = target.filled();
        double bound = target.request.quantity();
        if (target.predecessor != null && target.predecessor.status != OrderStatus.REPLACED) {
            bound = Math.max(bound, target.predecessor.request.quantity());
        }
        if (filled > bound + target.tolerance()) {
            out.add(anomaly(OrderAnomaly.Kind.OVERFILL, e, "filled " + filled + " exceeds order quantity " + bound
                    + " of " + target.request.clientOrderId() + " after fill " + fill.executionId()));
        }
    }

    /** Brings the status of {@code t} in line with its cumulative filled quantity. */
    private void settle(Tracked t, OrderEvent cause, List<OrderAnomaly> out) {
        double filled = t.filled();
        boolean complete = filled >= t.request.quantity() - t.tolerance();
        boolean some = filled > t.tolerance();
        switch (t.status) {
            case PENDING_NEW, NEW, PARTIALLY_FILLED -> {
                if (some) {
                    t.move(complete ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, cause.time());
                }
            }
            case PENDING_CANCEL, PENDING_REPLACE -> {
                if (complete) {
                    dropPendingReplacement(t, cause, out);
                    t.move(OrderStatus.FILLED, cause.time());
                } else if (some) {
                    t.beforePending = OrderStatus.PARTIALLY_FILLED;
                }
            }
            case CANCELED, EXPIRED -> {
                if (complete) {
                    t.move(OrderStatus.FILLED, cause.time());
                }
            }
            case FILLED, REPLACED, REJECTED -> {
                // Final as far as the quantity goes; overfills are reported by the caller.
            }
        }
    }

    private void applyAccepted(Tracked t, OrderEvent.Accepted e, List<OrderAnomaly> out) {
        if (t.venueOrderId.isEmpty()) {
            t.venueOrderId = e.venueOrderId();
        }
        switch (t.status) {
            case PENDING_NEW -> t.move(OrderStatus.NEW, e.time());
            case PENDING_CANCEL, PENDING_REPLACE -> {
                if (t.beforePending == OrderStatus.PENDING_NEW) {
                    t.beforePending = OrderStatus.NEW;
                    t.touch(e.time());
                } else {
                    out.add(anomaly(t.beforePending == OrderStatus.NEW ? OrderAnomaly.Kind.DUPLICATE_EVENT
                            : OrderAnomaly.Kind.STALE_EVENT, e, "accepted while " + t.status));
                }
            }
            case NEW -> out.add(anomaly(OrderAnomaly.Kind.DUPLICATE_EVENT, e, "accepted twice"));
            case PARTIALLY_FILLED, FILLED, CANCELED, EXPIRED, REPLACED ->
                    out.add(anomaly(OrderAnomaly.Kind.STALE_EVENT, e, "accepted after the order became " + t.status));
            case REJECTED -> out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e, "accepted after being rejected"));
        }
    }

    private void applyRejected(Tracked t, OrderEvent.Rejected e, List<OrderAnomaly> out) {
        switch (t.status) {
            case PENDING_NEW -> {
                Tracked x = t.predecessor;
                if (x != null && x.status == OrderStatus.PENDING_REPLACE
                        && t.request.clientOrderId().equals(x.pendingReplacementId)) {
                    // The venue refused the replacement itself: the replace did not happen.
                    x.pendingReplacementId = null;
                    x.move(x.beforePending, e.time());
                }
                t.move(OrderStatus.REJECTED, e.time());
            }
            case PENDING_CANCEL, PENDING_REPLACE -> {
                if (t.beforePending == OrderStatus.PENDING_NEW) {
                    dropPendingReplacement(t, e, out);
                    t.move(OrderStatus.REJECTED, e.time());
                } else {
                    out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e, "rejected after being "
                            + t.beforePending));
                }
            }
            case REJECTED -> out.add(anomaly(OrderAnomaly.Kind.DUPLICATE_EVENT, e, "rejected twice"));
            default -> out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e, "rejected after being " + t.status));
        }
    }

    private void applyDone(Tracked t, OrderEvent e, OrderStatus end, List<OrderAnomaly> out) {
        switch (t.status) {
            case PENDING_NEW, NEW, PARTIALLY_FILLED, PENDING_CANCEL, PENDING_REPLACE -> {
                dropPendingReplacement(t, e, out);
                t.move(end, e.time());
            }
            case REJECTED -> out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e,
                    end + " after being rejected"));
            default -> out.add(anomaly(t.status == end ? OrderAnomaly.Kind.DUPLICATE_EVENT
                    : OrderAnomaly.Kind.STALE_EVENT, e, end + " after the order became " + t.status));
        }
    }

    private void applyReplaced(Tracked x, OrderEvent.Replaced e, List<OrderAnomaly> out) {
        OrderRequest r = e.replacement();
        Tracked y = orders.get(r.clientOrderId());
        if (x.status == OrderStatus.REPLACED) {
            out.add(anomaly(x.successor == y ? OrderAnomaly.Kind.DUPLICATE_EVENT : OrderAnomaly.Kind.ILLEGAL_TRANSITION,
                    e, "replaced twice"));
            return;
        }
        if (x.status.isTerminal()) {
            out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e, "replaced after the order became " + x.status));
            return;
        }
        if (!r.instrument().equals(x.request.instrument()) || r.side() != x.request.side()) {
            out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e, "replacement changes instrument or side"));
            return;
        }
        if (x.status == OrderStatus.PENDING_REPLACE && !r.clientOrderId().equals(x.pendingReplacementId)) {
            out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e, "replaced by " + r.clientOrderId()
                    + " but the requested replacement is " + x.pendingReplacementId));
            return;
        }
        if (y != null && (y.predecessor != x || y.status == OrderStatus.REJECTED)) {
            out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, e, "replacement id " + r.clientOrderId()
                    + (y.status == OrderStatus.REJECTED ? " was rejected" : " belongs to another order")));
            return;
        }
        if (y == null) {
            // A replace the blotter did not request (venue-initiated, or after a restart).
            y = new Tracked(r, e.time());
            y.predecessor = x;
            orders.put(r.clientOrderId(), y);
        }
        x.pendingReplacementId = null;
        x.successor = y;
        x.move(OrderStatus.REPLACED, e.time());
        y.request = r;
        if (y.venueOrderId.isEmpty()) {
            y.venueOrderId = e.venueOrderId();
        }
        // The replace acknowledges the replacement; its inherited fills may also complete it.
        if (y.status == OrderStatus.PENDING_NEW) {
            y.move(OrderStatus.NEW, e.time());
        } else if ((y.status == OrderStatus.PENDING_CANCEL || y.status == OrderStatus.PENDING_REPLACE)
                && y.beforePending == OrderStatus.PENDING_NEW) {
            y.beforePending = OrderStatus.NEW;
        }
        // Fills of orders earlier in the chain may complete the live end of it (which is y, or a
        // later replacement whose own Replaced event arrived first).
        Tracked head = y;
        while (head.status == OrderStatus.REPLACED && head.successor != null) {
            head = head.successor;
        }
        settle(head, e, out);
        double filled = head.filled();
        if (filled > head.request.quantity() + head.tolerance()) {
            out.add(anomaly(OrderAnomaly.Kind.OVERFILL, e, "filled " + filled + " exceeds quantity "
                    + head.request.quantity() + " of " + head.request.clientOrderId()));
        }
    }

    private void applyCancelRejected(Tracked t, OrderEvent.CancelRejected e, List<OrderAnomaly> out) {
        switch (t.status) {
            case PENDING_CANCEL -> t.move(t.beforePending, e.time());
            case PENDING_REPLACE -> {
                dropPendingReplacement(t, e, out);
                t.move(t.beforePending, e.time());
            }
            default -> out.add(anomaly(OrderAnomaly.Kind.STALE_EVENT, e, "cancel/replace rejected ("
                    + e.reason() + ") while the order is " + t.status + ", no request pending"));
        }
    }

    /** The replace of {@code x} cannot take effect any more: its pending replacement is rejected. */
    private void dropPendingReplacement(Tracked x, OrderEvent cause, List<OrderAnomaly> out) {
        if (x.pendingReplacementId == null) {
            return;
        }
        Tracked y = orders.get(x.pendingReplacementId);
        x.pendingReplacementId = null;
        if (y == null || y.status == OrderStatus.REJECTED) {
            return;
        }
        if (y.status == OrderStatus.PENDING_NEW && y.ownFilled == 0) {
            y.move(OrderStatus.REJECTED, cause.time());
        } else {
            out.add(anomaly(OrderAnomaly.Kind.ILLEGAL_TRANSITION, cause, "replacement " + y.request.clientOrderId()
                    + " is " + y.status + " although the replace of " + x.request.clientOrderId() + " did not happen"));
        }
    }

    private static OrderAnomaly anomaly(OrderAnomaly.Kind kind, OrderEvent event, String detail) {
        return new OrderAnomaly(kind, event.clientOrderId(), event, detail);
    }

    // ---------------------------------------------------------------- queries

    /** The order {@code clientOrderId}, if tracked. */
    public synchronized Optional<Order> order(String clientOrderId) {
        Checks.notNull(clientOrderId, "clientOrderId");
        Tracked t = orders.get(clientOrderId);
        return t == null ? Optional.empty() : Optional.of(t.snapshot());
    }

    /** Every tracked order, in the order they were first seen. */
    public synchronized List<Order> orders() {
        List<Order> list = new ArrayList<>(orders.size());
        for (Tracked t : orders.values()) {
            list.add(t.snapshot());
        }
        return list;
    }

    /** The orders not in a final status (pending new, new, partially filled, pending cancel or replace). */
    public synchronized List<Order> workingOrders() {
        List<Order> list = new ArrayList<>();
        for (Tracked t : orders.values()) {
            if (!t.status.isTerminal()) {
                list.add(t.snapshot());
            }
        }
        return list;
    }

    /** Every distinct fill applied, in arrival order. */
    public synchronized List<Fill> fills() {
        return List.copyOf(fills);
    }

    /** The position in {@code instrument}: the sum of its fills; flat if none. */
    public synchronized Position position(Instrument instrument) {
        Checks.notNull(instrument, "instrument");
        Position p = positions.get(instrument);
        return p == null ? Position.flat(instrument) : p;
    }

    /** The position of every instrument that had a fill, flat ones included. */
    public synchronized List<Position> positions() {
        return List.copyOf(positions.values());
    }

    /** The most recent anomalies (up to 1,000), oldest first. */
    public synchronized List<OrderAnomaly> anomalies() {
        return List.copyOf(recentAnomalies);
    }

    /** How many anomalies of {@code kind} were seen in total. */
    public synchronized long anomalyCount(OrderAnomaly.Kind kind) {
        return anomalyCounts.getOrDefault(Checks.notNull(kind, "kind"), 0L);
    }

    /**
     * Compares this blotter with the venue's view.
     *
     * @param venueOpenOrders the venue's working orders ({@link BrokerConnector#openOrders()})
     * @param venuePositions  the venue's positions ({@link BrokerConnector#positions()}); missing instruments are flat
     */
    public synchronized ReconciliationReport reconcile(List<Order> venueOpenOrders, List<Position> venuePositions) {
        Checks.notNull(venueOpenOrders, "venueOpenOrders");
        Checks.notNull(venuePositions, "venuePositions");
        List<ReconciliationReport.Discrepancy> found = new ArrayList<>();
        Map<String, Order> venueById = new HashMap<>();
        for (Order o : venueOpenOrders) {
            venueById.put(o.clientOrderId(), o);
        }
        for (Tracked t : orders.values()) {
            if (t.status.isTerminal()) {
                continue;
            }
            Order v = venueById.get(t.request.clientOrderId());
            if (v == null) {
                found.add(new ReconciliationReport.Discrepancy(ReconciliationReport.Kind.MISSING_AT_VENUE,
                        t.request.clientOrderId(), t.request.instrument(), t.filled(), Double.NaN));
            } else if (Math.abs(t.filled() - v.filledQuantity()) > t.tolerance()) {
                found.add(new ReconciliationReport.Discrepancy(ReconciliationReport.Kind.FILLED_QUANTITY_MISMATCH,
                        t.request.clientOrderId(), t.request.instrument(), t.filled(), v.filledQuantity()));
            }
        }
        for (Order v : venueOpenOrders) {
            Tracked t = orders.get(v.clientOrderId());
            if (t == null || t.status.isTerminal()) {
                found.add(new ReconciliationReport.Discrepancy(ReconciliationReport.Kind.UNKNOWN_AT_VENUE,
                        v.clientOrderId(), v.request().instrument(), t == null ? Double.NaN : t.filled(),
                        v.filledQuantity()));
            }
        }
        Map<Instrument, Double> venueQty = new LinkedHashMap<>();
        for (Position p : venuePositions) {
            venueQty.merge(p.instrument(), p.quantity(), Double::sum);
        }
        Set<Instrument> instruments = new LinkedHashSet<>(positions.keySet());
        instruments.addAll(venueQty.keySet());
        for (Instrument i : instruments) {
            double local = position(i).quantity();
            double venue = venueQty.getOrDefault(i, 0.0);
            if (Math.abs(local - venue) > i.quantityTolerance()) {
                found.add(new ReconciliationReport.Discrepancy(ReconciliationReport.Kind.POSITION_MISMATCH, "", i,
                        local, venue));
            }
        }
        return new ReconciliationReport(found);
    }

    private Tracked require(String clientOrderId) {
        Checks.notNull(clientOrderId, "clientOrderId");
        Tracked t = orders.get(clientOrderId);
        if (t == null) {
            throw new BrokerException(BrokerException.Code.UNKNOWN_ORDER, "no order with client order id " + clientOrderId);
        }
        return t;
    }

    /** Mutable state of one order; guarded by the blotter's lock. */
    private static final class Tracked {
        OrderRequest request;
        String venueOrderId = "";
        OrderStatus status = OrderStatus.PENDING_NEW;
        OrderStatus beforePending;
        String pendingReplacementId;
        Tracked predecessor;
        Tracked successor;
        double ownFilled;
        double ownNotional;
        Instant updated;

        Tracked(OrderRequest request, Instant time) {
            this.request = request;
            this.updated = time;
        }

        /** Cumulative filled quantity: own fills plus those of the orders this one replaces. */
        double filled() {
            double sum = 0;
            for (Tracked t = this; t != null; t = t.inherited()) {
                sum += t.ownFilled;
            }
            return sum;
        }

        double notional() {
            double sum = 0;
            for (Tracked t = this; t != null; t = t.inherited()) {
                sum += t.ownNotional;
            }
            return sum;
        }

        private Tracked inherited() {
            return status == OrderStatus.REJECTED ? null : predecessor;
        }

        double tolerance() {
            return request.instrument().quantityTolerance();
        }

        void move(OrderStatus next, Instant time) {
            if (next == status) {
                touch(time);
                return;
            }
            if (!OrderStateMachine.isLegal(status, next)) {
                throw new IllegalStateException("blotter bug: order " + request.clientOrderId() + " cannot move from "
                        + status + " to " + next);
            }
            status = next;
            touch(time);
        }

        void touch(Instant time) {
            if (time.isAfter(updated)) {
                updated = time;
            }
        }

        Order snapshot() {
            double filled = filled();
            return new Order(request, venueOrderId, status, filled, filled > 0 ? notional() / filled : Double.NaN,
                    updated);
        }
    }
}

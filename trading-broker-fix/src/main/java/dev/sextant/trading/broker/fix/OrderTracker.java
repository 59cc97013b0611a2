package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Position;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.FieldNotFound;
import quickfix.Message;

/**
 * Turns ExecutionReports into {@link OrderEvent}s and keeps what that needs: which executions
 * were delivered (by ExecID), how much of each venue order was delivered (CumQty by OrderID, a
 * replace chain sharing one), which orders were acknowledged and finished, and the positions the
 * delivered fills add up to (the fallback when the venue has no RequestForPositions).
 *
 * <p>Rules: a report whose ExecID was delivered is a repeat (PossDupFlag resend) and yields
 * nothing; a fill report whose CumQty is not above what was delivered for its order yields no
 * fill (reconciliation delivered it already); a fill whose CumQty jumps by more than LastQty
 * delivers the whole jump (reports were lost), priced so the order's average is AvgPx; the first
 * fill of an order submitted here is preceded by {@link OrderEvent.Accepted} if none was
 * delivered. For an order first seen in a resend or status report (submitted by an earlier run
 * of the connector), the fills before that report count as delivered. Thread-safe (synchronized).
 *
 * <p>Memory is bounded: working orders are always kept, but of the finished ones (filled,
 * cancelled, rejected, expired, replaced) only the last {@code retainedFinishedOrders} are, the
 * oldest to finish being evicted first with their fill totals. The connector's default,
 * {@link FixConnectorConfig#DEFAULT_RETAINED_FINISHED_ORDERS} (10,000, a few megabytes), outlasts
 * the minutes in which late reports of a finished order arrive (a resend after a reconnect, the
 * venue's own fill after reconciliation delivered it) by far at any ordinary order rate; a count,
 * not an age, because only a count bounds memory under a burst of orders. An evicted order's
 * ClOrdID is remembered (short strings, at most as many as the ExecIDs remembered, the oldest
 * forgotten first): a later report for it is logged in one line and ignored rather than taken
 * for an order of an earlier run, which would deliver its fills a second time, and
 * {@link #evicted} lets the connector refuse the ClOrdID's reuse. Only once that id is forgotten
 * too is such a report treated like any unknown order's.
 */
final class OrderTracker {
    private static final Logger LOG = LoggerFactory.getLogger(OrderTracker.class);

    /** A working order: what reconciliation asks the venue about when it has no mass status. */
    record Working(String clientOrderId, String venueOrderId, OrderRequest request) {
    }

    private static final class State {
        final boolean local;
        OrderRequest request;
        String venueOrderId = "";
        boolean accepted;
        boolean finished;
        /** The venue OrderIDs whose {@link Chain} this order uses (usually one). */
        final List<String> chainKeys = new ArrayList<>(1);

        State(OrderRequest request, boolean local) {
            this.request = request;
            this.local = local;
        }
    }

    private static final class Chain {
        double cumulative;
        double notional;
    }

    private final int rememberedExecutions;
    private final int retainedFinishedOrders;
    private final Map<String, State> orders = new HashMap<>();
    /** The finished orders still in {@link #orders}, oldest to finish first. */
    private final SequencedSet<String> finishedOrders = new LinkedHashSet<>();
    /** The ClOrdIDs of evicted orders, oldest first, at most {@link #rememberedExecutions}. */
    private final SequencedSet<String> evictedOrders = new LinkedHashSet<>();
    private final Map<String, Chain> chains = new HashMap<>();
    /** How many orders in {@link #orders} use each chain: a chain goes when its last order does. */
    private final Map<String, Integer> chainUsers = new HashMap<>();
    private final SequencedSet<String> executionIds = new LinkedHashSet<>();
    private final Map<Instrument, Position> ledger = new LinkedHashMap<>();

    /**
     * @param rememberedExecutions   how many ExecIDs (and ClOrdIDs of evicted orders) are remembered
     * @param retainedFinishedOrders how many finished orders are kept; working orders always are
     * @throws IllegalArgumentException if either is not positive
     */
    OrderTracker(int rememberedExecutions, int retainedFinishedOrders) {
        this.rememberedExecutions = Checks.positive(rememberedExecutions, "rememberedExecutions");
        this.retainedFinishedOrders = Checks.positive(retainedFinishedOrders, "retainedFinishedOrders");
    }

    synchronized void submitted(OrderRequest request) {
        orders.putIfAbsent(request.clientOrderId(), new State(request, true));
    }

    synchronized void forget(String clientOrderId) {
        State s = orders.get(clientOrderId);
        if (s != null && s.venueOrderId.isEmpty() && !s.accepted) {
            orders.remove(clientOrderId);
            release(s);
        }
    }

    /** Whether {@code clientOrderId} finished and was evicted, its id still remembered. */
    synchronized boolean evicted(String clientOrderId) {
        return evictedOrders.contains(clientOrderId);
    }

    /** How many orders are held: the working ones and at most {@code retainedFinishedOrders} finished ones. */
    synchronized int heldOrders() {
        return orders.size();
    }

    /** How many finished orders are held. */
    synchronized int heldFinishedOrders() {
        return finishedOrders.size();
    }

    /** How many venue order chains (fill totals) are held; never more than the orders held. */
    synchronized int heldChains() {
        return chains.size();
    }

    /** The venue's OrderID of {@code clientOrderId}, or empty if not known yet. */
    synchronized String venueOrderId(String clientOrderId) {
        State s = orders.get(clientOrderId);
        return s == null ? "" : s.venueOrderId;
    }

    /** The request of {@code clientOrderId} as sent here or reported by the venue, or null if unknown. */
    synchronized OrderRequest request(String clientOrderId) {
        State s = orders.get(clientOrderId);
        return s == null ? null : s.request;
    }

    synchronized List<Working> working() {
        List<Working> out = new ArrayList<>();
        for (Map.Entry<String, State> e : orders.entrySet()) {
            if (!e.getValue().finished) {
                out.add(new Working(e.getKey(), e.getValue().venueOrderId, e.getValue().request));
            }
        }
        return out;
    }

    synchronized List<Position> ledgerPositions() {
        List<Position> out = new ArrayList<>();
        for (Position p : ledger.values()) {
            if (!p.isFlat()) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The events an ExecutionReport brings, in delivery order; empty for repeats, pending states,
     * status-only reports and refused corrections.
     */
    synchronized List<OrderEvent> onExecutionReport(Message m, FixConnectorConfig config,
            Map<String, OrderRequest> sent, Instant now) throws FieldNotFound {
        char execType = m.getChar(FixMessages.EXEC_TYPE);
        String execId = m.getString(FixMessages.EXEC_ID);
        String orderId = m.getString(FixMessages.ORDER_ID);
        String clOrdId = m.isSetField(FixMessages.CL_ORD_ID) ? m.getString(FixMessages.CL_ORD_ID) : orderId;
        String orig = m.isSetField(FixMessages.ORIG_CL_ORD_ID) ? m.getString(FixMessages.ORIG_CL_ORD_ID) : null;
        if (execType != 'I' && !remember(execId)) {
            LOG.debug("execution report {} of {} repeated (PossDupFlag {}): ignored", execId, clOrdId,
                    m.getHeader().isSetField(43) && m.getHeader().getBoolean(43));
            return List.of();
        }
        String evictedId = orig != null && evictedOrders.contains(orig) ? orig
                : evictedOrders.contains(clOrdId) ? clOrdId : null;
        if (evictedId != null) {
            // A status report may restate a long-finished order at every reconciliation: not worth a warning.
            if (execType == 'I') {
                LOG.debug("status report {} of order {}, which finished and was evicted: ignored", execId, evictedId);
            } else {
                LOG.warn("execution report {} (ExecType {}) of order {} ignored: the order finished and was evicted "
                        + "from the order tracker, which keeps the last {} finished orders (retainedFinishedOrders)",
                        execId, execType, evictedId, retainedFinishedOrders);
            }
            return List.of();
        }
        String symbol = m.getString(FixMessages.SYMBOL);
        Optional<Instrument> instrument = config.instrument(symbol);
        if (instrument.isEmpty()) {
            LOG.error("execution report {} of order {} is for symbol {}, which the connector is not configured "
                    + "to trade: ignored (add it to 'instruments')", execId, clOrdId, symbol);
            return List.of();
        }
        Instant time = FixMessages.time(m, now);
        List<OrderEvent> out = new ArrayList<>(2);
        switch (execType) {
            case '0' -> {
                State s = state(clOrdId, m, instrument.get());
                s.venueOrderId = orderId;
                if (!s.accepted) {
                    s.accepted = true;
                    out.add(new OrderEvent.Accepted(clOrdId, orderId, time));
                }
            }
            case 'A', '6', 'E' -> state(clOrdId, m, instrument.get()).venueOrderId = orderId;
            case '1', '2', 'F' -> fill(m, execId, clOrdId, orderId, instrument.get(), time, out);
            case '4' -> {
                String target = orig != null ? orig : clOrdId;
                catchUp(m, target, orderId, instrument.get(), time, out);
                finish(target, state(target, m, instrument.get()));
                out.add(new OrderEvent.Canceled(target, time));
            }
            case 'C' -> {
                catchUp(m, clOrdId, orderId, instrument.get(), time, out);
                finish(clOrdId, state(clOrdId, m, instrument.get()));
                out.add(new OrderEvent.Expired(clOrdId, time));
            }
            case '5' -> replaced(m, orig, clOrdId, orderId, instrument.get(), sent, time, out);
            case '8' -> {
                finish(clOrdId, state(clOrdId, m, instrument.get()));
                RejectReason reason = m.isSetField(FixMessages.ORD_REJ_REASON)
                        ? FixMapping.orderRejectReason(m.getInt(FixMessages.ORD_REJ_REASON)) : RejectReason.VENUE;
                out.add(new OrderEvent.Rejected(clOrdId, reason,
                        m.isSetField(FixMessages.TEXT) ? m.getString(FixMessages.TEXT) : "", time));
            }
            case 'G', 'H' -> LOG.error("execution report {} is a trade {} of execution {} for order {}: refused, the "
                    + "broker SPI cannot revise a delivered fill; positions will show the difference at the next "
                    + "reconciliation", execId, execType == 'G' ? "correction" : "bust (cancel)",
                    m.isSetField(19) ? m.getString(19) : "?", clOrdId);
            case 'I', 'D' -> status(m, clOrdId, orderId, instrument.get(), time, out);
            default -> LOG.debug("execution report {} of {}: ExecType {} carries no order event", execId, clOrdId,
                    execType);
        }
        return out;
    }

    private boolean remember(String execId) {
        if (!executionIds.add(execId)) {
            return false;
        }
        if (executionIds.size() > rememberedExecutions) {
            Iterator<String> it = executionIds.iterator();
            it.next();
            it.remove();
        }
        return true;
    }

    /** Marks {@code s} finished and evicts the oldest finished orders beyond the bound. */
    private void finish(String clOrdId, State s) {
        if (s.finished) {
            return;
        }
        s.finished = true;
        finishedOrders.add(clOrdId);
        while (finishedOrders.size() > retainedFinishedOrders) {
            String oldest = finishedOrders.removeFirst();
            State evicted = orders.remove(oldest);
            if (evicted != null) {
                release(evicted);
            }
            evictedOrders.add(oldest);
            if (evictedOrders.size() > rememberedExecutions) {
                evictedOrders.removeFirst();
            }
        }
    }

    /** Drops the chains that only {@code s}, no longer held, used. */
    private void release(State s) {
        for (String key : s.chainKeys) {
            if (chainUsers.merge(key, -1, Integer::sum) <= 0) {
                chainUsers.remove(key);
                chains.remove(key);
            }
        }
        s.chainKeys.clear();
    }

    /** Records that {@code s} uses the chain of venue order {@code orderId}. */
    private void use(State s, String orderId) {
        if (!s.chainKeys.contains(orderId)) {
            s.chainKeys.add(orderId);
            chainUsers.merge(orderId, 1, Integer::sum);
        }
    }

    /** The state of {@code clOrdId}, created from the report for an order not submitted here. */
    private State state(String clOrdId, Message m, Instrument instrument) throws FieldNotFound {
        State s = orders.get(clOrdId);
        if (s == null) {
            s = new State(m.isSetField(FixMessages.SIDE) ? FixMessages.request(m, clOrdId, instrument) : null, false);
            orders.put(clOrdId, s);
        }
        return s;
    }

    /**
     * The chain of venue order {@code orderId}, used by {@code s}; for an order first seen now,
     * {@code delivered} counts as delivered.
     */
    private Chain chain(String orderId, State s, double delivered, double deliveredNotional) {
        use(s, orderId);
        Chain c = chains.get(orderId);
        if (c == null) {
            c = new Chain();
            if (!s.local) {
                c.cumulative = delivered;
                c.notional = deliveredNotional;
            }
            chains.put(orderId, c);
        }
        return c;
    }

    private void fill(Message m, String execId, String clOrdId, String orderId, Instrument instrument, Instant time,
            List<OrderEvent> out) throws FieldNotFound {
        State s = state(clOrdId, m, instrument);
        double cum = FixMessages.number(m, FixMessages.CUM_QTY);
        double last = FixMessages.number(m, FixMessages.LAST_QTY, 0);
        double lastPx = FixMessages.number(m, FixMessages.LAST_PX, 0);
        double avg = FixMessages.number(m, FixMessages.AVG_PX, 0);
        Chain c = chain(orderId, s, Math.max(0, cum - last), Math.max(0, cum * avg - last * lastPx));
        double eps = instrument.lotSize() * 1e-6;
        if (cum <= c.cumulative + eps) {
            LOG.debug("fill {} of {} is within the {} already delivered: ignored", execId, clOrdId, c.cumulative);
            return;
        }
        double quantity = instrument.roundQuantity(cum - c.cumulative + eps / 2);
        double price = Math.abs(quantity - last) <= eps && lastPx > 0 ? lastPx
                : instrument.roundPrice((cum * avg - c.notional) / quantity);
        double fee = Math.max(0, FixMessages.number(m, FixMessages.COMMISSION, 0));
        deliverFill(m, execId, clOrdId, orderId, instrument, s, c, cum, quantity, price, fee, time, out);
    }

    private void deliverFill(Message m, String execId, String clOrdId, String orderId, Instrument instrument, State s,
            Chain c, double cum, double quantity, double price, double fee, Instant time, List<OrderEvent> out)
            throws FieldNotFound {
        if (s.local && !s.accepted) {
            s.accepted = true;
            out.add(new OrderEvent.Accepted(clOrdId, orderId, time));
        }
        s.venueOrderId = orderId;
        c.cumulative = cum;
        c.notional += quantity * price;
        Fill fill = new Fill(execId, clOrdId, instrument, FixMapping.side(m.getChar(FixMessages.SIDE)), quantity, price,
                fee, time);
        ledger.merge(instrument, Position.flat(instrument).apply(fill), (a, b) -> a.apply(fill));
        double leaves = FixMessages.number(m, FixMessages.LEAVES_QTY, 0);
        boolean complete = m.getChar(FixMessages.ORD_STATUS) == '2'
                || (leaves <= instrument.lotSize() * 1e-6 && m.getChar(FixMessages.ORD_STATUS) != '4'
                && m.getChar(FixMessages.ORD_STATUS) != 'C');
        if (complete) {
            finish(clOrdId, s);
            out.add(new OrderEvent.Filled(fill));
        } else {
            out.add(new OrderEvent.PartiallyFilled(fill));
        }
    }

    /**
     * Delivers the fills a report's CumQty shows beyond what was delivered for a known order:
     * executions the session lost (a venue that reset its session cannot resend them).
     */
    private void catchUp(Message m, String clOrdId, String orderId, Instrument instrument, Instant time,
            List<OrderEvent> out) throws FieldNotFound {
        State s = orders.get(clOrdId);
        if (s == null || !m.isSetField(FixMessages.CUM_QTY)) {
            return;
        }
        double cum = FixMessages.number(m, FixMessages.CUM_QTY);
        double avg = FixMessages.number(m, FixMessages.AVG_PX, 0);
        Chain c = chain(orderId, s, cum, cum * avg);
        double eps = instrument.lotSize() * 1e-6;
        if (cum <= c.cumulative + eps || avg <= 0) {
            return;
        }
        double quantity = instrument.roundQuantity(cum - c.cumulative + eps / 2);
        double price = instrument.roundPrice((cum * avg - c.notional) / quantity);
        if (!(price > 0)) {
            price = instrument.roundPrice(avg);
        }
        String execId = "SXR-" + orderId + "-" + FixMessages.decimal(cum);
        LOG.warn("order {}: the venue reports {} filled but only {} was delivered; delivering the missing {} at {} "
                + "as execution {}", clOrdId, cum, c.cumulative, quantity, price, execId);
        remember(execId);
        deliverFill(m, execId, clOrdId, orderId, instrument, s, c, cum, quantity, price, 0, time, out);
    }

    private void replaced(Message m, String orig, String clOrdId, String orderId, Instrument instrument,
            Map<String, OrderRequest> sent, Instant time, List<OrderEvent> out) throws FieldNotFound {
        if (orig == null) {
            LOG.error("replace report for {} lacks OrigClOrdID (41): ignored", clOrdId);
            return;
        }
        State old = orders.get(orig);
        Chain carried = null;
        if (old != null) {
            Chain previous = chains.get(old.venueOrderId);
            if (previous != null && !old.venueOrderId.equals(orderId)) {
                // A venue that gives the replacement its own OrderID: the chain's fills carry over.
                carried = previous;
            }
        }
        OrderRequest replacement = sent.get(clOrdId);
        if (replacement == null) {
            replacement = FixMessages.request(m, clOrdId, instrument);
        }
        State s = orders.computeIfAbsent(clOrdId, k -> new State(sent.get(k), false));
        if (carried != null) {
            chains.putIfAbsent(orderId, carried);
        }
        if (chains.containsKey(orderId)) {
            use(s, orderId);
        }
        if (old != null) {
            // Finished after the replacement holds the chain, so that evicting it keeps the chain.
            finish(orig, old);
        }
        s.request = replacement;
        s.venueOrderId = orderId;
        s.accepted = true;
        out.add(new OrderEvent.Replaced(orig, replacement, orderId, time));
    }

    /** A status report (ExecType I, or D restated): repairs what the session missed for orders known here. */
    private void status(Message m, String clOrdId, String orderId, Instrument instrument, Instant time,
            List<OrderEvent> out) throws FieldNotFound {
        if (!m.isSetField(FixMessages.CL_ORD_ID) || !m.isSetField(FixMessages.ORD_STATUS)) {
            return;
        }
        OrderStatus status = FixMapping.ordStatus(m.getChar(FixMessages.ORD_STATUS));
        State s = orders.get(clOrdId);
        if (s == null) {
            // An order of an earlier run: what it did before is assumed delivered.
            s = state(clOrdId, m, instrument);
            double cum = FixMessages.number(m, FixMessages.CUM_QTY, 0);
            chain(orderId, s, cum, cum * FixMessages.number(m, FixMessages.AVG_PX, 0));
            s.venueOrderId = orderId;
            s.accepted = status != OrderStatus.PENDING_NEW;
            if (status.isTerminal()) {
                finish(clOrdId, s);
            }
            return;
        }
        if (s.finished) {
            return;
        }
        s.venueOrderId = orderId;
        if (status == OrderStatus.REJECTED) {
            finish(clOrdId, s);
            if (!s.accepted) {
                RejectReason reason = m.isSetField(FixMessages.ORD_REJ_REASON)
                        ? FixMapping.orderRejectReason(m.getInt(FixMessages.ORD_REJ_REASON)) : RejectReason.VENUE;
                out.add(new OrderEvent.Rejected(clOrdId, reason, "reported by the venue's status report", time));
            }
            return;
        }
        if (!s.accepted && status != OrderStatus.PENDING_NEW) {
            s.accepted = true;
            out.add(new OrderEvent.Accepted(clOrdId, orderId, time));
        }
        catchUp(m, clOrdId, orderId, instrument, time, out);
        switch (status) {
            case CANCELED -> {
                finish(clOrdId, s);
                out.add(new OrderEvent.Canceled(clOrdId, time));
            }
            case EXPIRED -> {
                finish(clOrdId, s);
                out.add(new OrderEvent.Expired(clOrdId, time));
            }
            case FILLED -> finish(clOrdId, s);
            default -> {
                // Still working: nothing more to repair.
            }
        }
    }
}

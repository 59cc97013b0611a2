package dev.sextant.trading.broker.fix;

import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.OrderType;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.core.Trade;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated exchange's matching engine for one account: a limit order book per instrument.
 *
 * <ul>
 *   <li>House liquidity ({@link #addLiquidity}) rests in the book; an incoming marketable order
 *       trades against it at the resting price, best price first, then by time.</li>
 *   <li>Trade prints ({@link #print}) are the rest of the market: they fill the account's working
 *       orders that they cross, market orders first, then by price and time, at the print price,
 *       at most the printed quantity in total. A stop order triggers when a print trades at or
 *       through its stop price and then works as a market (stop) or limit (stop-limit) order,
 *       starting with the print that triggered it.</li>
 *   <li>IOC fills what the book has at once and expires the rest; FOK fills completely at once
 *       or expires; DAY and GTC rest. {@link #endOfDay} expires DAY orders.</li>
 *   <li>An order is rejected for buying power when the notional by which it would increase the
 *       position exceeds equity minus gross exposure minus what working orders reserve
 *       (OrdRejReason 3); for an unknown symbol (1); off the tick or lot grid (11); for a client
 *       order id already used (6).</li>
 *   <li>Cancel and replace of a finished order are refused as too late, of an unknown one as
 *       unknown; a replace keeps the OrderID and the filled quantity (FIX semantics).</li>
 * </ul>
 * Not thread-safe: the exchange calls it under its own lock.
 */
final class MatchingEngine {

    /** What the engine did; the exchange turns each into a FIX message. */
    sealed interface Report permits Ack, Reject, Execution, Cancel, Replace, Expire, CancelReject {
    }

    /** An order was accepted (ExecType 0). */
    record Ack(EngineOrder order) implements Report {
    }

    /** An order was refused (ExecType 8). */
    record Reject(OrderRequest request, int ordRejReason, String text) implements Report {
    }

    /** An execution (ExecType F). */
    record Execution(EngineOrder order, String execId, double quantity, double price) implements Report {
    }

    /** An order was cancelled (ExecType 4) by cancel request {@code requestId}, or by the venue when null. */
    record Cancel(EngineOrder order, String requestId) implements Report {
    }

    /** {@code previousClOrdId} was replaced by the order now called {@code order.clOrdId} (ExecType 5). */
    record Replace(EngineOrder order, String previousClOrdId) implements Report {
    }

    /** The order expired by its time in force (ExecType C). */
    record Expire(EngineOrder order) implements Report {
    }

    /** A cancel or replace was refused (OrderCancelReject); {@code order} is null for an unknown order. */
    record CancelReject(String requestId, String origClOrdId, EngineOrder order, int reason, boolean replace,
            String text) implements Report {
    }

    /** An order at the venue; mutable, owned by the engine. */
    static final class EngineOrder {
        final String orderId;
        final long sequence;
        String clOrdId;
        OrderRequest request;
        OrderStatus status = OrderStatus.NEW;
        double filled;
        double notional;
        boolean triggered;

        EngineOrder(String orderId, long sequence, OrderRequest request) {
            this.orderId = orderId;
            this.sequence = sequence;
            this.request = request;
            this.clOrdId = request.clientOrderId();
        }

        double leaves() {
            return status.isTerminal() ? 0 : Math.max(0, request.quantity() - filled);
        }

        double averagePrice() {
            return filled > 0 ? notional / filled : 0;
        }
    }

    private record Liquidity(Side side, double price, long sequence, double[] quantity) {
    }

    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final Map<String, EngineOrder> byClOrdId = new HashMap<>();
    private final List<EngineOrder> orders = new ArrayList<>();
    /** The orders not yet finished, in arrival order; pruned as orders finish. */
    private final List<EngineOrder> working = new ArrayList<>();
    private final Map<String, List<Liquidity>> house = new HashMap<>();
    private final Map<Instrument, Position> positions = new LinkedHashMap<>();
    private final Map<String, Double> lastPrice = new HashMap<>();
    private final List<Fill> executions = new ArrayList<>();
    /** Every trade the venue printed: the prints, and executions against house liquidity. */
    private final List<Trade> tape = new ArrayList<>();
    private double cash;
    private long sequence;
    private long orderIds;
    private long execIds;

    MatchingEngine(List<Instrument> instruments, double initialCash, double initialPrice) {
        for (Instrument i : instruments) {
            this.instruments.put(i.symbol(), i);
            lastPrice.put(i.symbol(), initialPrice);
        }
        this.cash = initialCash;
    }

    Optional<Instrument> instrument(String symbol) {
        return Optional.ofNullable(instruments.get(symbol));
    }

    // ---------------------------------------------------------------- orders

    List<Report> submit(OrderRequest r) {
        List<Report> out = new ArrayList<>();
        if (byClOrdId.containsKey(r.clientOrderId())) {
            out.add(new Reject(r, 6, "duplicate ClOrdID " + r.clientOrderId()));
            return out;
        }
        String problem = gridProblem(r);
        if (problem != null) {
            out.add(new Reject(r, 11, problem));
            return out;
        }
        double increase = increase(r.instrument(), r.side(), r.quantity()) * referencePrice(r);
        if (increase > buyingPower() + 1e-9) {
            out.add(new Reject(r, 3, "order exceeds the buying power " + buyingPower()));
            return out;
        }
        EngineOrder o = new EngineOrder("O" + (++orderIds), ++sequence, r);
        orders.add(o);
        working.add(o);
        byClOrdId.put(r.clientOrderId(), o);
        out.add(new Ack(o));
        if (!r.type().hasStopPrice()) {
            matchHouse(o, out);
        }
        return out;
    }

    List<Report> cancel(String requestId, String origClOrdId) {
        EngineOrder o = byClOrdId.get(origClOrdId);
        if (o == null) {
            return List.of(new CancelReject(requestId, origClOrdId, null, 1, false, "unknown order " + origClOrdId));
        }
        if (o.status.isTerminal() || !o.clOrdId.equals(origClOrdId)) {
            return List.of(new CancelReject(requestId, origClOrdId, o, 0, false, "order " + origClOrdId + " is "
                    + (o.clOrdId.equals(origClOrdId) ? o.status : "replaced by " + o.clOrdId)));
        }
        o.status = OrderStatus.CANCELED;
        return List.of(new Cancel(o, requestId));
    }

    List<Report> replace(String origClOrdId, OrderRequest replacement) {
        EngineOrder o = byClOrdId.get(origClOrdId);
        String id = replacement.clientOrderId();
        if (o == null) {
            return List.of(new CancelReject(id, origClOrdId, null, 1, true, "unknown order " + origClOrdId));
        }
        if (o.status.isTerminal() || !o.clOrdId.equals(origClOrdId)) {
            return List.of(new CancelReject(id, origClOrdId, o, 0, true, "order " + origClOrdId + " is " + o.status));
        }
        if (byClOrdId.containsKey(id)) {
            return List.of(new CancelReject(id, origClOrdId, o, 6, true, "duplicate ClOrdID " + id));
        }
        if (replacement.side() != o.request.side() || !replacement.instrument().equals(o.request.instrument())
                || replacement.quantity() < o.filled - 1e-9 || gridProblem(replacement) != null) {
            return List.of(new CancelReject(id, origClOrdId, o, 99, true, "invalid replacement " + replacement));
        }
        double more = Math.max(0, replacement.quantity() - o.request.quantity());
        if (increase(o.request.instrument(), o.request.side(), more) * referencePrice(replacement) > buyingPower() + 1e-9) {
            return List.of(new CancelReject(id, origClOrdId, o, 99, true, "the replacement exceeds the buying power"));
        }
        o.request = replacement;
        o.clOrdId = id;
        byClOrdId.put(id, o);
        o.status = o.filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
        List<Report> out = new ArrayList<>();
        out.add(new Replace(o, origClOrdId));
        if (o.filled >= replacement.quantity() - 1e-9) {
            o.status = OrderStatus.FILLED;
        } else if (!replacement.type().hasStopPrice() || o.triggered) {
            matchHouse(o, out);
        }
        return out;
    }

    /** A trade print of {@code quantity} at {@code price}. */
    List<Report> print(String symbol, double price, double quantity) {
        List<Report> out = new ArrayList<>();
        Instrument instrument = instruments.get(symbol);
        if (instrument == null) {
            throw new IllegalArgumentException("the exchange does not trade " + symbol);
        }
        lastPrice.put(symbol, price);
        tape.add(new Trade(System.currentTimeMillis(), price, quantity));
        prune();
        for (EngineOrder o : working) {
            OrderRequest r = o.request;
            if (!o.status.isTerminal() && r.instrument().equals(instrument) && r.type().hasStopPrice() && !o.triggered) {
                o.triggered = r.side() == Side.BUY ? price >= r.stopPrice() : price <= r.stopPrice();
            }
        }
        List<EngineOrder> crossing = new ArrayList<>();
        for (EngineOrder o : working) {
            if (!o.status.isTerminal() && o.request.instrument().equals(instrument) && crosses(o, price)) {
                crossing.add(o);
            }
        }
        crossing.sort(Comparator.comparing((EngineOrder o) -> !marketable(o.request))
                .thenComparingDouble(o -> o.request.side() == Side.BUY ? -limit(o.request) : limit(o.request))
                .thenComparingLong(o -> o.sequence));
        double left = quantity;
        for (EngineOrder o : crossing) {
            if (left <= instrument.lotSize() * 1e-6) {
                break;
            }
            double q = instrument.roundQuantity(Math.min(o.leaves(), left));
            if (q <= 0) {
                continue;
            }
            left -= q;
            out.add(execute(o, q, price));
        }
        return out;
    }

    /** Expires every working DAY order. */
    List<Report> endOfDay() {
        List<Report> out = new ArrayList<>();
        prune();
        for (EngineOrder o : working) {
            if (!o.status.isTerminal() && o.request.timeInForce() == TimeInForce.DAY) {
                o.status = OrderStatus.EXPIRED;
                out.add(new Expire(o));
            }
        }
        return out;
    }

    /** Rests house liquidity: {@code quantity} offered ({@code side} SELL) or bid at {@code price}. */
    void addLiquidity(String symbol, Side side, double quantity, double price) {
        house.computeIfAbsent(symbol, k -> new ArrayList<>())
                .add(new Liquidity(side, price, ++sequence, new double[] {quantity}));
    }

    /**
     * Books an execution the account never ordered: the misbehaviour "a report for an unknown
     * order". Returns the trade, whose order is registered under {@code clOrdId}.
     */
    Execution bookUnknown(String clOrdId, Instrument instrument, Side side, double quantity, double price) {
        OrderRequest r = OrderRequest.limit(clOrdId, instrument, side, quantity, price, TimeInForce.DAY);
        EngineOrder o = new EngineOrder("O" + (++orderIds), ++sequence, r);
        orders.add(o);
        byClOrdId.put(clOrdId, o);
        return execute(o, quantity, price);
    }

    // ---------------------------------------------------------------- views

    Optional<EngineOrder> order(String clOrdId) {
        return Optional.ofNullable(byClOrdId.get(clOrdId));
    }

    List<EngineOrder> orders() {
        return List.copyOf(orders);
    }

    List<Position> positions() {
        List<Position> out = new ArrayList<>();
        for (Position p : positions.values()) {
            if (!p.isFlat()) {
                out.add(p);
            }
        }
        return out;
    }

    /** The venue's tape: every trade printed, oldest first. */
    List<Trade> tape() {
        return List.copyOf(tape);
    }

    /** Every execution booked, in order. */
    List<Fill> executions() {
        return List.copyOf(executions);
    }

    double cash() {
        return cash;
    }

    double equity() {
        double equity = cash;
        for (Position p : positions.values()) {
            equity += p.marketValue(lastPrice.get(p.instrument().symbol()));
        }
        return equity;
    }

    double buyingPower() {
        double exposure = 0;
        for (Position p : positions.values()) {
            exposure += Math.abs(p.marketValue(lastPrice.get(p.instrument().symbol())));
        }
        double reserved = 0;
        prune();
        for (EngineOrder o : working) {
            if (!o.status.isTerminal()) {
                reserved += o.leaves() * referencePrice(o.request);
            }
        }
        return Math.max(0, equity() - exposure - reserved);
    }

    // ---------------------------------------------------------------- internals

    private void prune() {
        working.removeIf(o -> o.status.isTerminal());
    }

    private Execution execute(EngineOrder o, double quantity, double price) {
        o.filled += quantity;
        o.notional += quantity * price;
        Instrument i = o.request.instrument();
        o.status = o.filled >= o.request.quantity() - i.lotSize() * 1e-6 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        String execId = "E" + (++execIds);
        Fill fill = new Fill(execId, o.clOrdId, i, o.request.side(), quantity, price, 0, Instant.now());
        executions.add(fill);
        positions.merge(i, Position.flat(i).apply(fill), (a, b) -> a.apply(fill));
        cash -= fill.signedQuantity() * price;
        return new Execution(o, execId, quantity, price);
    }

    private void matchHouse(EngineOrder o, List<Report> out) {
        OrderRequest r = o.request;
        List<Liquidity> book = house.getOrDefault(r.instrument().symbol(), List.of());
        List<Liquidity> candidates = new ArrayList<>();
        for (Liquidity l : book) {
            boolean crosses = l.side() != r.side() && l.quantity()[0] > 0 && (marketable(r)
                    || (r.side() == Side.BUY ? l.price() <= limit(r) : l.price() >= limit(r)));
            if (crosses) {
                candidates.add(l);
            }
        }
        candidates.sort(Comparator.comparingDouble((Liquidity l) -> r.side() == Side.BUY ? l.price() : -l.price())
                .thenComparingLong(Liquidity::sequence));
        double available = candidates.stream().mapToDouble(l -> l.quantity()[0]).sum();
        if (r.timeInForce() == TimeInForce.FOK && available < o.leaves() - 1e-9) {
            o.status = OrderStatus.EXPIRED;
            out.add(new Expire(o));
            return;
        }
        for (Liquidity l : candidates) {
            double q = Math.min(l.quantity()[0], o.leaves());
            if (q <= 0) {
                break;
            }
            l.quantity()[0] -= q;
            tape.add(new Trade(System.currentTimeMillis(), l.price(), q));
            out.add(execute(o, q, l.price()));
        }
        if ((r.timeInForce() == TimeInForce.IOC || r.timeInForce() == TimeInForce.FOK) && !o.status.isTerminal()) {
            o.status = OrderStatus.EXPIRED;
            out.add(new Expire(o));
        }
    }

    private static boolean marketable(OrderRequest r) {
        return r.type() == OrderType.MARKET || r.type() == OrderType.STOP;
    }

    private static double limit(OrderRequest r) {
        return r.type().hasLimitPrice() ? r.limitPrice() : r.side() == Side.BUY ? Double.MAX_VALUE : 0;
    }

    private static boolean crosses(EngineOrder o, double price) {
        OrderRequest r = o.request;
        if (r.type().hasStopPrice() && !o.triggered) {
            return false;
        }
        if (marketable(r)) {
            return true;
        }
        return r.side() == Side.BUY ? price <= r.limitPrice() : price >= r.limitPrice();
    }

    private double referencePrice(OrderRequest r) {
        if (r.type().hasLimitPrice()) {
            return r.limitPrice();
        }
        if (r.type().hasStopPrice()) {
            return r.stopPrice();
        }
        return lastPrice.get(r.instrument().symbol());
    }

    /** The part of {@code quantity} that increases the position's size. */
    private double increase(Instrument instrument, Side side, double quantity) {
        double current = positions.getOrDefault(instrument, Position.flat(instrument)).quantity();
        double reducing = side == Side.BUY ? Math.max(0, -current) : Math.max(0, current);
        return Math.max(0, quantity - reducing);
    }

    private static String gridProblem(OrderRequest r) {
        Instrument i = r.instrument();
        if (offGrid(r.quantity(), i.lotSize())) {
            return "quantity " + r.quantity() + " is not a multiple of the lot size " + i.lotSize();
        }
        if (r.type().hasLimitPrice() && offGrid(r.limitPrice(), i.tickSize())) {
            return "limit price " + r.limitPrice() + " is not a multiple of the tick size " + i.tickSize();
        }
        if (r.type().hasStopPrice() && offGrid(r.stopPrice(), i.tickSize())) {
            return "stop price " + r.stopPrice() + " is not a multiple of the tick size " + i.tickSize();
        }
        return null;
    }

    private static boolean offGrid(double value, double step) {
        double units = value / step;
        return Math.abs(units - Math.rint(units)) > 1e-6;
    }
}

package dev.sextant.trading.broker.paper;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.core.Trade;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A deterministic simulated venue, driven by bars ({@link #onBar}) or trades ({@link #onTrade}).
 * Same configuration, same seed and same inputs give the same events, fills and account.
 *
 * <h2>Orders and fills</h2>
 * <ul>
 *   <li>An order is acknowledged at once ({@link OrderEvent.Accepted} or {@link OrderEvent.Rejected}
 *       delivered before {@code submit} returns, unless called from a listener). It reaches the
 *       simulated book after {@code latencyMillis} (+ jitter) and can fill only on market data
 *       received after it was submitted whose time is at or after that arrival. So an order
 *       decided on a bar's close fills on the next bar at the earliest: no look-ahead.</li>
 *   <li>Market orders fill at the bar's open. Limit, stop and stop-limit orders fill at the open
 *       when it is already through their price (a gap), otherwise at their price when the bar's
 *       range reaches it. Within a bar the path is open, low, high, close when the bar closes
 *       up and open, high, low, close when it closes down; a stop-limit whose limit is not
 *       reached after the trigger on that path stays triggered and works as a limit. A trade is
 *       treated as a one-price bar with the trade's amount as volume.</li>
 *   <li>Marketable fills (market, stop, and limits filled at the open) pay half the cost model's
 *       spread, its impact and the {@link Slippage}, capped at the limit price; every fill pays
 *       the cost model's commission as its fee. Prices are rounded to the tick.</li>
 *   <li>All orders together fill at most {@code maxParticipation} of a bar's volume, in arrival
 *       order; the rest stays working (partial fills).</li>
 *   <li>DAY orders expire when market data of a later day (in {@code sessionZone}) than their
 *       first eligible bar arrives; IOC fills what it can on its first eligible bar and expires
 *       the rest; FOK fills completely on its first eligible bar or expires; GTC works until
 *       cancelled.</li>
 *   <li>An order is rejected with {@link RejectReason#INSUFFICIENT_BUYING_POWER} when the notional
 *       by which it would increase the position exceeds equity times leverage minus gross exposure
 *       minus what working orders reserve; with {@link RejectReason#NO_MARKET_DATA} for a market
 *       order before any price; with {@link RejectReason#INVALID_ORDER} off the tick or lot grid.</li>
 *   <li>Cancels and replaces take effect {@code latencyMillis} (+ jitter) after they are sent:
 *       a bar in between can still fill the order, and the cancel is then rejected as
 *       {@link RejectReason#TOO_LATE}.</li>
 * </ul>
 * Execution ids are {@code PB-1, PB-2, ...}, venue order ids {@code PO-1, ...}, unique per broker.
 *
 * <h2>Time</h2>
 * Request times come from the clock; fill times from the market data. In a backtest use a
 * {@link dev.sextant.trading.core.SimulatedClock} advanced to each bar's close before the
 * strategy submits, and feed each bar to {@link #onBar} before the strategy sees it. Market data
 * of one instrument must come in time order (bars strictly, trades non-decreasing); do not mix
 * bars and trades for one instrument.
 *
 * <h2>Connection and threading</h2>
 * The broker starts disconnected. While disconnected ({@link #disconnect()} or
 * {@link #simulateConnectionLoss}) the simulated venue keeps matching; its events are held and
 * delivered after {@link #connect()}. Thread-safe; events are delivered serially on the calling
 * thread of whichever method produced them (see {@link BrokerListener}).
 */
public final class PaperBroker implements BrokerConnector {
    private static final Comparator<PendingRequest> BY_ARRIVAL =
            Comparator.comparingLong(PendingRequest::arrival).thenComparingLong(PendingRequest::sequence);

    private static final Logger LOG = LoggerFactory.getLogger(PaperBroker.class);

    private final PaperBrokerConfig config;
    private final Clock clock;
    private final SplittableRandom random;
    private final SerialDispatcher dispatcher = new SerialDispatcher();
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    // Guarded by lock.
    private ConnectionState state = ConnectionState.DISCONNECTED;
    private final List<Runnable> held = new ArrayList<>();
    private Portfolio portfolio;
    private final Map<String, VenueOrder> orders = new HashMap<>();
    private final Map<String, OrderRequest> usedIds = new HashMap<>();
    private final List<VenueOrder> working = new ArrayList<>();
    private final PriorityQueue<PendingRequest> requests = new PriorityQueue<>(BY_ARRIVAL);
    private final Map<Instrument, Double> lastPrice = new HashMap<>();
    private final Map<Instrument, Long> lastMarketTime = new HashMap<>();
    private final Map<Instrument, Bar> lastBar = new HashMap<>();
    private final double[] barPath = new double[4];
    private final double[] tradePath = new double[1];
    private long marketSequence;
    private long requestSequence;
    private long executionSequence;
    private long venueOrderSequence;

    /**
     * A disconnected paper broker.
     *
     * @param config settings
     * @param clock  time of requests (use a {@link dev.sextant.trading.core.SimulatedClock} in backtests)
     */
    public PaperBroker(PaperBrokerConfig config, Clock clock) {
        this.config = Checks.notNull(config, "config");
        this.clock = Checks.notNull(clock, "clock");
        this.random = new SplittableRandom(config.seed());
        this.portfolio = Portfolio.ofCash(config.initialCash());
    }

    /** The settings this broker runs with. */
    public PaperBrokerConfig config() {
        return config;
    }

    @Override
    public String venue() {
        return PaperBrokerProvider.ID;
    }

    @Override
    public void addListener(BrokerListener listener) {
        Checks.notNull(listener, "listener");
        synchronized (listeners) {
            if (!listeners.contains(listener)) {
                listeners.add(listener);
            }
        }
    }

    @Override
    public void removeListener(BrokerListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void connect() {
        synchronized (lock) {
            if (state == ConnectionState.CONNECTED) {
                return;
            }
            changeState(ConnectionState.CONNECTED, "connected");
            for (Runnable r : held) {
                dispatcher.enqueue(r);
            }
            held.clear();
        }
        dispatcher.drain();
    }

    @Override
    public void disconnect() {
        disconnect("disconnected by client");
    }

    /**
     * Drops the connection as a network failure would: listeners see
     * {@link ConnectionState#DISCONNECTED}; the simulated venue keeps working orders and matching,
     * and its events are delivered after the next {@link #connect()}.
     */
    public void simulateConnectionLoss(String reason) {
        disconnect("connection lost: " + Checks.notBlank(reason, "reason"));
    }

    private void disconnect(String reason) {
        synchronized (lock) {
            if (state == ConnectionState.DISCONNECTED) {
                return;
            }
            changeState(ConnectionState.DISCONNECTED, reason);
        }
        dispatcher.drain();
    }

    private void changeState(ConnectionState next, String reason) {
        ConnectionState previous = state;
        state = next;
        dispatcher.enqueue(() -> {
            for (BrokerListener l : listeners) {
                try {
                    l.onConnectionStateChanged(previous, next, reason);
                } catch (RuntimeException e) {
                    LOG.error("listener failed", e);
                }
            }
        });
    }

    @Override
    public ConnectionState connectionState() {
        synchronized (lock) {
            return state;
        }
    }

    // ---------------------------------------------------------------- requests

    @Override
    public void submit(OrderRequest request) {
        Checks.notNull(request, "request");
        synchronized (lock) {
            requireConnected();
            OrderRequest previous = usedIds.get(request.clientOrderId());
            if (previous != null) {
                if (previous.equals(request)) {
                    return;
                }
                throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                        "client order id " + request.clientOrderId() + " was already used for " + previous);
            }
            long now = clock.millis();
            processDueRequests(now);
            usedIds.put(request.clientOrderId(), request);
            VenueOrder o = new VenueOrder(request, "PO-" + (++venueOrderSequence), now + latency(), marketSequence);
            orders.put(request.clientOrderId(), o);
            String problem = gridProblem(request);
            double reference = referencePrice(request);
            if (problem != null) {
                reject(o, RejectReason.INVALID_ORDER, problem, now);
            } else if (Double.isNaN(reference)) {
                reject(o, RejectReason.NO_MARKET_DATA, "no price known yet for " + request.instrument().id(), now);
            } else {
                double required = increase(request.instrument(), request.side(), request.quantity()) * reference;
                double available = buyingPower();
                if (required > available * (1 + 1e-12)) {
                    reject(o, RejectReason.INSUFFICIENT_BUYING_POWER, String.format(
                            "order needs %.2f %s of buying power, %.2f available", required, config.currency(),
                            available), now);
                } else {
                    o.reservedNotional = required;
                    o.status = OrderStatus.NEW;
                    working.add(o);
                    emit(new OrderEvent.Accepted(request.clientOrderId(), o.venueOrderId, Instant.ofEpochMilli(now)));
                }
            }
        }
        dispatcher.drain();
    }

    @Override
    public void cancel(String clientOrderId) {
        Checks.notNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            requireConnected();
            long now = clock.millis();
            processDueRequests(now);
            requests.add(new PendingRequest(clientOrderId, null, now + latency(), ++requestSequence));
            processDueRequests(now);
        }
        dispatcher.drain();
    }

    @Override
    public void replace(String clientOrderId, OrderRequest replacement) {
        Checks.notNull(clientOrderId, "clientOrderId");
        Checks.notNull(replacement, "replacement");
        synchronized (lock) {
            requireConnected();
            VenueOrder o = orders.get(clientOrderId);
            if (o != null && (!o.request.instrument().equals(replacement.instrument())
                    || o.request.side() != replacement.side())) {
                throw new BrokerException(BrokerException.Code.INVALID_REQUEST, "replacement "
                        + replacement.clientOrderId() + " must keep instrument " + o.request.instrument().id()
                        + " and side " + o.request.side() + " of " + clientOrderId);
            }
            OrderRequest previous = usedIds.get(replacement.clientOrderId());
            if (previous != null) {
                if (previous.equals(replacement)) {
                    return;
                }
                throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                        "client order id " + replacement.clientOrderId() + " was already used for " + previous);
            }
            usedIds.put(replacement.clientOrderId(), replacement);
            long now = clock.millis();
            processDueRequests(now);
            requests.add(new PendingRequest(clientOrderId, replacement, now + latency(), ++requestSequence));
            processDueRequests(now);
        }
        dispatcher.drain();
    }

    // ---------------------------------------------------------------- queries

    @Override
    public List<Order> openOrders() {
        List<Order> list;
        synchronized (lock) {
            requireConnected();
            processDueRequests(clock.millis());
            list = new ArrayList<>(working.size());
            for (VenueOrder o : working) {
                list.add(o.snapshot());
            }
        }
        dispatcher.drain();
        return list;
    }

    @Override
    public List<Position> positions() {
        List<Position> list = new ArrayList<>();
        synchronized (lock) {
            requireConnected();
            processDueRequests(clock.millis());
            for (Position p : portfolio.positions().values()) {
                if (!p.isFlat()) {
                    list.add(p);
                }
            }
        }
        dispatcher.drain();
        return list;
    }

    @Override
    public AccountSnapshot account() {
        AccountSnapshot snapshot;
        synchronized (lock) {
            requireConnected();
            processDueRequests(clock.millis());
            snapshot = new AccountSnapshot(config.currency(), portfolio.cash(), portfolio.equity(), buyingPower(),
                    clock.now());
        }
        dispatcher.drain();
        return snapshot;
    }

    /**
     * The simulated venue's account: cash, positions marked at the last prices, fees paid. Works
     * while disconnected (it is the simulation's ground truth, not a venue query).
     */
    public Portfolio portfolio() {
        synchronized (lock) {
            return portfolio;
        }
    }

    // ---------------------------------------------------------------- market data

    /**
     * Processes one closed bar of {@code instrument}: due cancels and replaces, DAY expiries, then
     * fills of the eligible working orders; finally marks the account at the close. The same bar
     * delivered again right after (equal to the instrument's last bar, e.g. by a feed
     * subscription and by a pipeline that drives the broker itself) is ignored.
     *
     * @throws IllegalArgumentException if the bar is not later than the previous market data of the
     *                                  instrument and not that same bar again
     */
    public void onBar(Instrument instrument, Bar bar) {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(bar, "bar");
        synchronized (lock) {
            if (bar.equals(lastBar.get(instrument))) {
                return;
            }
            checkTime(instrument, bar.time(), true);
            lastBar.put(instrument, bar);
            double[] path = barPath;
            path[0] = bar.open();
            path[1] = bar.close() >= bar.open() ? bar.low() : bar.high();
            path[2] = bar.close() >= bar.open() ? bar.high() : bar.low();
            path[3] = bar.close();
            market(instrument, bar.time(), path, bar.volume(), (bar.high() - bar.low()) / bar.open());
            lastPrice.put(instrument, bar.close());
            portfolio = portfolio.mark(instrument, bar.close());
        }
        dispatcher.drain();
    }

    /**
     * Processes one trade print of {@code instrument}, as a bar of one price whose volume is the
     * trade's amount.
     *
     * @throws IllegalArgumentException if the trade is earlier than the previous market data of the instrument
     */
    public void onTrade(Instrument instrument, Trade trade) {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(trade, "trade");
        synchronized (lock) {
            checkTime(instrument, trade.time(), false);
            tradePath[0] = trade.price();
            market(instrument, trade.time(), tradePath, trade.amount(), 0);
            lastPrice.put(instrument, trade.price());
            portfolio = portfolio.mark(instrument, trade.price());
        }
        dispatcher.drain();
    }

    private void checkTime(Instrument instrument, long time, boolean strictly) {
        Long last = lastMarketTime.get(instrument);
        if (last != null && (strictly ? time <= last : time < last)) {
            throw new IllegalArgumentException("market data for " + instrument.id() + " at " + Instant.ofEpochMilli(time)
                    + " is not after the previous market data at " + Instant.ofEpochMilli(last));
        }
        lastMarketTime.put(instrument, time);
    }

    private void market(Instrument instrument, long time, double[] path, double volume, double volatility) {
        marketSequence++;
        processDueRequests(time);
        if (working.isEmpty()) {
            return;
        }
        expireDayOrders(time);
        double capacity = config.maxParticipation() == PaperBrokerConfig.NO_PARTICIPATION_CAP
                ? Double.POSITIVE_INFINITY : config.maxParticipation() * volume;
        LocalDate day = day(time);
        for (VenueOrder o : new ArrayList<>(working)) {
            if (!o.request.instrument().equals(instrument) || o.marketSequenceAtArrival >= marketSequence
                    || o.arrival > time) {
                continue;
            }
            if (o.day == null) {
                o.day = day;
            }
            TimeInForce tif = o.request.timeInForce();
            boolean immediate = tif == TimeInForce.IOC || tif == TimeInForce.FOK;
            double price = touchPrice(o, path);
            double quantity = Double.isNaN(price) ? 0 : instrument.roundQuantity(Math.min(o.remaining(), capacity));
            boolean fillable = quantity > 0
                    && (tif != TimeInForce.FOK || quantity >= o.remaining() - o.tolerance());
            if (fillable) {
                fill(o, quantity, price, volume, volatility, time);
                capacity -= quantity;
            }
            if (immediate && o.status.isWorking()) {
                expire(o, time);
            }
        }
    }

    /** The raw price at which {@code o} executes on {@code path}, or NaN if it does not. */
    private static double touchPrice(VenueOrder o, double[] path) {
        OrderRequest r = o.request;
        boolean buy = r.side() == Side.BUY;
        switch (r.type()) {
            case MARKET -> {
                return path[0];
            }
            case LIMIT -> {
                double[] at = reach(path, 0, path[0], r.limitPrice(), buy);
                return at == null ? Double.NaN : at[1];
            }
            case STOP -> {
                if (o.triggered) {
                    return path[0];
                }
                double[] at = reach(path, 0, path[0], r.stopPrice(), !buy);
                if (at == null) {
                    return Double.NaN;
                }
                o.triggered = true;
                return at[1];
            }
            case STOP_LIMIT -> {
                int segment = 0;
                double start = path[0];
                if (!o.triggered) {
                    double[] trigger = reach(path, 0, path[0], r.stopPrice(), !buy);
                    if (trigger == null) {
                        return Double.NaN;
                    }
                    o.triggered = true;
                    segment = (int) trigger[0];
                    start = trigger[1];
                }
                double[] at = reach(path, segment, start, r.limitPrice(), buy);
                return at == null ? Double.NaN : at[1];
            }
            default -> throw new AssertionError(r.type());
        }
    }

    /**
     * Walks {@code path} from {@code start} (on segment {@code segment}) to the first price at or
     * below ({@code atOrBelow}) or at or above {@code level}: returns {segment, price}, or null.
     */
    private static double[] reach(double[] path, int segment, double start, double level, boolean atOrBelow) {
        if (atOrBelow ? start <= level : start >= level) {
            return new double[] {segment, start};
        }
        for (int k = segment; k < path.length - 1; k++) {
            double next = path[k + 1];
            if (atOrBelow ? next <= level : next >= level) {
                return new double[] {k, level};
            }
        }
        return null;
    }

    private void fill(VenueOrder o, double quantity, double rawPrice, double volume, double volatility, long time) {
        OrderRequest r = o.request;
        Instrument instrument = r.instrument();
        int sign = r.side().sign();
        double price = config.marketableFillPrice(instrument, sign, quantity, rawPrice, volume, volatility);
        if (r.type().hasLimitPrice()) {
            price = r.side() == Side.BUY ? Math.min(price, r.limitPrice()) : Math.max(price, r.limitPrice());
        }
        price = Math.max(price, instrument.tickSize());
        double fee = config.fee(quantity, price);
        o.filled += quantity;
        o.notional += quantity * price;
        Instant at = Instant.ofEpochMilli(time);
        o.updated = at;
        Fill fill = new Fill("PB-" + (++executionSequence), r.clientOrderId(), instrument, r.side(), quantity, price,
                fee, at);
        portfolio = portfolio.apply(fill);
        if (o.remaining() <= o.tolerance()) {
            o.status = OrderStatus.FILLED;
            working.remove(o);
            emit(new OrderEvent.Filled(fill));
        } else {
            o.status = OrderStatus.PARTIALLY_FILLED;
            emit(new OrderEvent.PartiallyFilled(fill));
        }
    }

    private void expireDayOrders(long time) {
        LocalDate today = day(time);
        for (VenueOrder o : new ArrayList<>(working)) {
            if (o.request.timeInForce() == TimeInForce.DAY && o.day != null && today.isAfter(o.day)) {
                expire(o, time);
            }
        }
    }

    private void expire(VenueOrder o, long time) {
        o.status = OrderStatus.EXPIRED;
        o.updated = Instant.ofEpochMilli(time);
        working.remove(o);
        emit(new OrderEvent.Expired(o.request.clientOrderId(), o.updated));
    }

    private void reject(VenueOrder o, RejectReason reason, String message, long time) {
        o.status = OrderStatus.REJECTED;
        o.updated = Instant.ofEpochMilli(time);
        emit(new OrderEvent.Rejected(o.request.clientOrderId(), reason, message, o.updated));
    }

    // ---------------------------------------------------------------- cancel and replace at the venue

    private void processDueRequests(long now) {
        while (!requests.isEmpty() && requests.peek().arrival() <= now) {
            PendingRequest p = requests.poll();
            if (p.replacement() == null) {
                applyCancel(p);
            } else {
                applyReplace(p);
            }
        }
    }

    private void applyCancel(PendingRequest p) {
        Instant at = Instant.ofEpochMilli(p.arrival());
        VenueOrder o = orders.get(p.clientOrderId());
        if (o == null) {
            emit(new OrderEvent.CancelRejected(p.clientOrderId(), RejectReason.UNKNOWN_ORDER,
                    "no order " + p.clientOrderId(), at));
        } else if (!o.status.isWorking()) {
            emit(new OrderEvent.CancelRejected(p.clientOrderId(), RejectReason.TOO_LATE,
                    "order is already " + o.status, at));
        } else {
            o.status = OrderStatus.CANCELED;
            o.updated = at;
            working.remove(o);
            emit(new OrderEvent.Canceled(p.clientOrderId(), at));
        }
    }

    private void applyReplace(PendingRequest p) {
        Instant at = Instant.ofEpochMilli(p.arrival());
        VenueOrder o = orders.get(p.clientOrderId());
        OrderRequest r = p.replacement();
        if (o == null) {
            emit(new OrderEvent.CancelRejected(p.clientOrderId(), RejectReason.UNKNOWN_ORDER,
                    "no order " + p.clientOrderId(), at));
            return;
        }
        if (!o.status.isWorking()) {
            emit(new OrderEvent.CancelRejected(p.clientOrderId(), RejectReason.TOO_LATE,
                    "order is already " + o.status, at));
            return;
        }
        String problem = gridProblem(r);
        if (problem == null && r.quantity() <= o.filled + o.tolerance()) {
            problem = "replacement quantity " + r.quantity() + " must exceed the filled quantity " + o.filled;
        }
        if (problem != null) {
            emit(new OrderEvent.CancelRejected(p.clientOrderId(), RejectReason.INVALID_ORDER, problem, at));
            return;
        }
        double reference = referencePrice(r);
        if (Double.isNaN(reference)) {
            reference = referencePrice(o.request);
        }
        double required = increase(r.instrument(), r.side(), r.quantity() - o.filled) * reference;
        double available = buyingPower() + o.reservation();
        if (required > available * (1 + 1e-12)) {
            emit(new OrderEvent.CancelRejected(p.clientOrderId(), RejectReason.INSUFFICIENT_BUYING_POWER,
                    String.format("replacement needs %.2f %s of buying power, %.2f available", required,
                            config.currency(), available), at));
            return;
        }
        o.status = OrderStatus.REPLACED;
        o.updated = at;
        int index = working.indexOf(o);
        working.remove(index);
        VenueOrder n = new VenueOrder(r, "PO-" + (++venueOrderSequence), p.arrival(), marketSequence);
        n.filled = o.filled;
        n.notional = o.notional;
        n.day = o.day;
        n.status = n.filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
        n.triggered = o.triggered && r.type() == o.request.type()
                && Double.compare(r.stopPrice(), o.request.stopPrice()) == 0;
        n.reservedNotional = required * r.quantity() / Math.max(r.quantity() - o.filled, o.tolerance());
        n.updated = at;
        orders.put(r.clientOrderId(), n);
        working.add(n);
        emit(new OrderEvent.Replaced(p.clientOrderId(), r, n.venueOrderId, at));
    }

    // ---------------------------------------------------------------- helpers

    private long latency() {
        long jitter = config.latencyJitterMillis();
        return config.latencyMillis() + (jitter > 0 ? random.nextLong(jitter + 1) : 0);
    }

    private LocalDate day(long time) {
        return Instant.ofEpochMilli(time).atZone(config.sessionZone()).toLocalDate();
    }

    private double referencePrice(OrderRequest r) {
        if (r.type().hasLimitPrice()) {
            return r.limitPrice();
        }
        if (r.type().hasStopPrice()) {
            return r.stopPrice();
        }
        Double last = lastPrice.get(r.instrument());
        return last == null ? Double.NaN : last;
    }

    /** How much the position's absolute size grows if {@code quantity} fills on {@code side}. */
    private double increase(Instrument instrument, Side side, double quantity) {
        double position = portfolio.position(instrument).quantity();
        return Math.max(0, Math.abs(position + side.sign() * quantity) - Math.abs(position));
    }

    private double buyingPower() {
        double reserved = 0;
        for (VenueOrder o : working) {
            reserved += o.reservation();
        }
        return Math.max(0, portfolio.equity() * config.leverage() - portfolio.grossExposure() - reserved);
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

    /** Whether {@code value} is off the grid of {@code step}, tolerating binary rounding of the division. */
    private static boolean offGrid(double value, double step) {
        double units = value / step;
        return Math.abs(units - Math.rint(units)) > 1e-6;
    }

    private void requireConnected() {
        if (state != ConnectionState.CONNECTED) {
            throw new BrokerException(BrokerException.Code.NOT_CONNECTED, "paper broker is " + state);
        }
    }

    private void emit(OrderEvent event) {
        Runnable delivery = () -> {
            for (BrokerListener l : listeners) {
                try {
                    l.onOrderEvent(event);
                } catch (RuntimeException e) {
                    LOG.error("listener failed on {}", event, e);
                }
            }
        };
        if (state == ConnectionState.CONNECTED) {
            dispatcher.enqueue(delivery);
        } else {
            held.add(delivery);
        }
    }

    /** A cancel ({@code replacement} null) or replace travelling to the simulated venue. */
    private record PendingRequest(String clientOrderId, OrderRequest replacement, long arrival, long sequence) {
    }

    /** The simulated venue's state of one order; guarded by the broker's lock. */
    private static final class VenueOrder {
        final OrderRequest request;
        final String venueOrderId;
        final long arrival;
        final long marketSequenceAtArrival;
        OrderStatus status = OrderStatus.PENDING_NEW;
        double filled;
        double notional;
        double reservedNotional;
        boolean triggered;
        LocalDate day;
        Instant updated;

        VenueOrder(OrderRequest request, String venueOrderId, long arrival, long marketSequenceAtArrival) {
            this.request = request;
            this.venueOrderId = venueOrderId;
            this.arrival = arrival;
            this.marketSequenceAtArrival = marketSequenceAtArrival;
            this.updated = Instant.ofEpochMilli(arrival);
        }

        double remaining() {
            return Math.max(0, request.quantity() - filled);
        }

        double tolerance() {
            return request.instrument().quantityTolerance();
        }

        double reservation() {
            return reservedNotional * remaining() / request.quantity();
        }

        Order snapshot() {
            return new Order(request, venueOrderId, status, filled, filled > 0 ? notional / filled : Double.NaN, updated);
        }
    }
}

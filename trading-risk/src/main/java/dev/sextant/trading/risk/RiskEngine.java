package dev.sextant.trading.risk;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.OrderType;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.risk.internal.NormalDistribution;
import dev.sextant.trading.risk.internal.SplitMix64;
import dev.sextant.trading.risk.internal.TimeRing;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pre-trade risk gate and the risk state it decides on.
 *
 * <p>State is built from {@link #onFill fills} and {@link #onMark marks}: cash, positions,
 * equity, high-water mark, daily PnL (reset at the configured session time), exposure by
 * instrument, sector and asset class, and per-instrument daily returns for VaR. Every order that
 * {@link #check(OrderRequest, RiskResult) passes the checks} is recorded as working and counts
 * towards every limit from that moment, as if it filled, until fills use it up or it is
 * {@link #onOrderUpdate closed}. Automatic kill-switch triggers (drawdown, daily loss, feed
 * silence, broker disconnect) are evaluated as state changes.
 *
 * <h2>Thread-safety</h2>
 * All public methods are thread-safe. Each runs under one engine-wide lock, so checks and state
 * updates are linearizable: two threads checking orders at once cannot both use the same
 * headroom, and a snapshot is consistent. Kill-switch listeners are called after the lock is
 * released, on the thread whose update tripped the switch.
 *
 * <h2>Allocation</h2>
 * {@link #check(OrderRequest, RiskResult)} allocates nothing when it approves an order unchanged
 * (the working-order table grows, rarely, when half full); resizes and rejections allocate the
 * explanation. {@link #onMark} allocates nothing.
 */
public final class RiskEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RiskEngine.class);
    private static final long DAY_MILLIS = 86_400_000L;
    private static final int RECOMPUTE_EVERY = 4096;
    private static final int EXECUTIONS_REMEMBERED = 100_000;

    private final Object lock = new Object();
    private final Clock clock;
    final KillSwitch killSwitch;
    private final PreTradeCheck[] checks;
    private final int builtInCount;
    private final CheckContext context = new CheckContext(this);
    private final Map<Instrument, InstrumentBook> books = new HashMap<>();
    private final List<InstrumentBook> bookList = new ArrayList<>();
    final InFlightOrders inFlight = new InFlightOrders(1024);
    private final Map<String, Boolean> executions = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > EXECUTIONS_REMEMBERED;
        }
    };
    private final SplitMix64 random = new SplitMix64(0);

    private RiskLimits limits;
    private double varZ;
    private double[] scratch = new double[0];
    private final List<String> sectorNames = new ArrayList<>();
    private final Map<String, Integer> sectorIndex = new HashMap<>();

    double cash;
    private double positionValue;
    double gross;
    double netHigh;
    double netLow;
    double varSum;
    int openCount;
    double[] sectorGross = new double[0];
    final double[] assetClassGross = new double[AssetClass.values().length];
    double highWaterMark;
    double startOfDayEquity;
    TimeRing orderRate;

    private long nextSessionReset = Long.MIN_VALUE;
    private long lastMarkReceived;
    private int refreshes;
    private Instrument lastInstrument;
    private InstrumentBook lastBook;

    private RiskEngine(Builder b) {
        this.clock = b.clock;
        this.killSwitch = b.killSwitch != null ? b.killSwitch : new KillSwitch(b.clock);
        PreTradeCheck[] builtIn = BuiltInChecks.chain();
        this.builtInCount = builtIn.length;
        this.checks = new PreTradeCheck[builtIn.length + b.custom.size()];
        System.arraycopy(builtIn, 0, checks, 0, builtIn.length);
        for (int i = 0; i < b.custom.size(); i++) {
            checks[builtIn.length + i] = b.custom.get(i);
        }
        long now = clock.millis();
        this.lastMarkReceived = now;
        synchronized (lock) {
            applyLimits(b.limits, now);
            Portfolio p = b.portfolio;
            cash = p.cash();
            for (Position position : p.positions().values()) {
                InstrumentBook book = book(position.instrument());
                book.position = position.isFlat() ? 0 : position.quantity();
                book.averagePrice = position.averagePrice();
                book.realisedPnl = position.realisedPnl();
                double mark = p.markPrice(position.instrument());
                if (mark > 0) {
                    book.mark = mark;
                    book.markTime = now;
                    book.sessionMark = mark;
                    book.sessionMarkTime = now;
                }
            }
            for (Map.Entry<Instrument, Double> e : p.lastPrices().entrySet()) {
                InstrumentBook book = book(e.getKey());
                if (Double.isNaN(book.mark)) {
                    book.mark = e.getValue();
                    book.markTime = now;
                    book.sessionMark = e.getValue();
                    book.sessionMarkTime = now;
                }
            }
            recomputeAll();
            highWaterMark = Math.max(p.highWaterMark(), equity());
            startOfDayEquity = equity();
        }
    }

    /** A builder with default limits and the system clock; set the starting cash or portfolio. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- checks

    /**
     * Runs the check chain on {@code order} and, if it passes (possibly resized), records it as
     * working. Allocation-free when the order is approved unchanged: the result holder then
     * carries the very request passed in.
     *
     * @param order  the order the strategy wants to send
     * @param result caller-owned holder, overwritten with the outcome
     * @return the outcome, also in {@code result}
     */
    public Outcome check(OrderRequest order, RiskResult result) {
        Checks.notNull(order, "order");
        Checks.notNull(result, "result");
        String tripDetail = null;
        Outcome outcome;
        synchronized (lock) {
            long now = clock.millis();
            rollSessionIfDue(now);
            InstrumentBook book = book(order.instrument());
            CheckContext c = context;
            c.begin(order, book, order.side(), order.quantity(), orderPrice(order), now, false, limits);
            run(c, checks.length);
            if (c.rejected) {
                outcome = Outcome.REJECTED;
                result.set(outcome, order, c.code, c.check, c.limit, c.observed, c.explanation);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("rejected {} {} {} {}: {} by {}: {}", order.clientOrderId(), order.side(),
                            order.quantity(), book.id, c.code, c.check, c.explanation);
                }
            } else if (c.resized) {
                outcome = Outcome.RESIZED;
                OrderRequest resized = order.withQuantity(c.quantity);
                commit(resized, book, now, order.quantity());
                result.set(outcome, resized, c.code, c.check, c.limit, c.observed, "resized from "
                        + BuiltInChecks.num(order.quantity()) + " to " + BuiltInChecks.num(c.quantity) + ": "
                        + c.explanation);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("resized {} {} {}: {}", order.clientOrderId(), book.id, c.code, result.explanation());
                }
            } else {
                outcome = Outcome.APPROVED;
                commit(order, book, now, order.quantity());
                result.approve(order);
            }
        }
        return outcome;
    }

    /**
     * Runs the check chain on {@code order} and returns an immutable decision; allocates the
     * decision. See {@link #check(OrderRequest, RiskResult)}.
     */
    public RiskDecision check(OrderRequest order) {
        RiskResult result = new RiskResult();
        check(order, result);
        return result.toDecision();
    }

    /**
     * The largest buy and sell quantities the built-in checks would approve now without
     * resizing; the order-stream checks (duplicates, rate, repeats, price collar) are left out
     * because they depend on the order itself. Also the basis of {@link PositionSizer}.
     */
    public Headroom headroom(Instrument instrument) {
        Checks.notNull(instrument, "instrument");
        synchronized (lock) {
            long now = clock.millis();
            rollSessionIfDue(now);
            InstrumentBook book = book(instrument);
            double buy = dryRun(book, Side.BUY, now);
            double sell = dryRun(book, Side.SELL, now);
            return new Headroom(instrument, equity(), book.position, book.pendingBuy, book.pendingSell, buy, sell);
        }
    }

    private double dryRun(InstrumentBook book, Side side, long now) {
        CheckContext c = context;
        c.begin(null, book, side, Double.MAX_VALUE, Double.NaN, now, true, limits);
        run(c, builtInCount);
        double best = c.rejected ? 0 : c.quantity;
        double reducing = book.instrument.roundQuantity(Math.max(0, -(side == Side.BUY ? book.longWorst()
                : book.shortWorst())));
        if (reducing > best) {
            c.begin(null, book, side, reducing, Double.NaN, now, true, limits);
            run(c, builtInCount);
            best = Math.max(best, c.rejected ? 0 : c.quantity);
        }
        return best == Double.MAX_VALUE ? Double.POSITIVE_INFINITY : best;
    }

    private void run(CheckContext c, int count) {
        PreTradeCheck[] chain = checks;
        int i = 0;
        try {
            for (; i < count; i++) {
                c.current = chain[i];
                chain[i].check(c);
                if (c.rejected) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // A failing check must fail closed: the order is rejected, never waved through.
            LOG.error("pre-trade check {} failed", chain[i].name(), e);
            c.rejected = true;
            c.code = ReasonCode.CUSTOM;
            c.check = chain[i].name();
            c.limit = Double.NaN;
            c.observed = Double.NaN;
            c.explanation = "check " + chain[i].name() + " failed: " + e;
        }
    }

    private static double orderPrice(OrderRequest order) {
        OrderType type = order.type();
        if (type.hasLimitPrice()) {
            return order.limitPrice();
        }
        return type.hasStopPrice() ? order.stopPrice() : Double.NaN;
    }

    private void commit(OrderRequest order, InstrumentBook book, long now, double originalQuantity) {
        Side side = order.side();
        double q = order.quantity();
        inFlight.add(order.clientOrderId(), book, side, q);
        if (side == Side.BUY) {
            book.pendingBuy += q;
        } else {
            book.pendingSell += q;
        }
        orderRate.record(now);
        book.orders(side).record(now);
        book.lastSide = side;
        book.lastQuantity = originalQuantity;
        book.lastType = order.type();
        book.lastLimitPrice = order.limitPrice();
        book.lastStopPrice = order.stopPrice();
        book.lastOrderTime = now;
        refresh(book);
    }

    // ---------------------------------------------------------------- state updates

    /**
     * Applies a fill: the position (average cost), cash (notional and fee) and the working
     * quantity of its order. A fill whose execution id was already applied (among the last
     * 100,000) is ignored; a fill for an order the engine did not approve still moves the
     * position. An instrument without a mark is marked at the fill price until the first mark.
     *
     * @return false if the fill was a duplicate and ignored
     */
    public boolean onFill(Fill fill) {
        Checks.notNull(fill, "fill");
        PendingTrip trip;
        synchronized (lock) {
            if (executions.putIfAbsent(fill.executionId(), Boolean.TRUE) != null) {
                LOG.debug("ignoring duplicate fill {}", fill.executionId());
                return false;
            }
            long now = clock.millis();
            rollSessionIfDue(now);
            InstrumentBook book = book(fill.instrument());
            int slot = inFlight.find(fill.clientOrderId());
            if (slot >= 0 && inFlight.book(slot) == book) {
                double remaining = inFlight.remaining(slot);
                double used = Math.min(remaining, fill.quantity());
                if (inFlight.side(slot) == Side.BUY) {
                    book.pendingBuy = Math.max(0, book.pendingBuy - used);
                } else {
                    book.pendingSell = Math.max(0, book.pendingSell - used);
                }
                remaining -= used;
                if (remaining < book.instrument.lotSize() * 0.5) {
                    inFlight.remove(slot);
                } else {
                    inFlight.setRemaining(slot, remaining);
                }
            }
            applyToPosition(book, fill.signedQuantity(), fill.price());
            cash -= fill.signedQuantity() * fill.price() + fill.fee();
            if (Double.isNaN(book.mark)) {
                // Until market data arrives the fill price values the position; it does not
                // constrain the timestamps of later marks.
                book.mark = fill.price();
                book.markTime = fill.time().toEpochMilli();
                book.markFromFill = true;
                book.sessionMark = fill.price();
                book.sessionMarkTime = book.markTime;
            }
            refresh(book);
            highWaterMark = Math.max(highWaterMark, equity());
            trip = lossTrigger();
        }
        fire(trip);
        return true;
    }

    /**
     * Marks {@code instrument} at {@code price}: revalues positions, raises the high-water mark,
     * and evaluates the drawdown and daily-loss triggers. Allocation-free.
     *
     * @param instrument the instrument
     * @param price      the mark price, finite and positive
     * @param timeMillis when the price was observed, epoch milliseconds; not before the
     *                   instrument's previous mark (equal is fine)
     * @throws IllegalArgumentException for a bad price or a mark older than the previous one
     */
    public void onMark(Instrument instrument, double price, long timeMillis) {
        Checks.notNull(instrument, "instrument");
        if (!(price > 0) || !Double.isFinite(price)) {
            throw new IllegalArgumentException("mark price for " + instrument.id() + " must be finite and positive but was "
                    + price);
        }
        PendingTrip trip;
        synchronized (lock) {
            InstrumentBook book = book(instrument);
            if (timeMillis < book.markTime && !book.markFromFill) {
                throw new IllegalArgumentException("mark for " + book.id + " at " + Instant.ofEpochMilli(timeMillis)
                        + " is before the previous mark at " + Instant.ofEpochMilli(book.markTime));
            }
            long now = clock.millis();
            rollSessionIfDue(now);
            book.mark = price;
            book.markTime = timeMillis;
            book.markFromFill = false;
            if (Double.isNaN(book.sessionMark)) {
                book.sessionMark = price;
                book.sessionMarkTime = timeMillis;
            }
            lastMarkReceived = now;
            refresh(book);
            highWaterMark = Math.max(highWaterMark, equity());
            trip = lossTrigger();
        }
        fire(trip);
    }

    /**
     * Follows an order's status: when it reaches a terminal status other than FILLED (cancelled,
     * rejected, expired, replaced) its unfilled quantity stops counting towards the limits.
     * A FILLED order is released by its fills. Non-terminal updates are ignored.
     */
    public void onOrderUpdate(Order order) {
        Checks.notNull(order, "order");
        OrderStatus status = order.status();
        if (status.isTerminal() && status != OrderStatus.FILLED) {
            releaseOrder(order.clientOrderId());
        }
    }

    /**
     * Stops counting the unfilled quantity of a working order, e.g. when sending it failed.
     *
     * @return false if no working order had that id
     */
    public boolean releaseOrder(String clientOrderId) {
        Checks.notNull(clientOrderId, "clientOrderId");
        synchronized (lock) {
            int slot = inFlight.find(clientOrderId);
            if (slot < 0) {
                return false;
            }
            InstrumentBook book = inFlight.book(slot);
            double remaining = inFlight.remaining(slot);
            if (inFlight.side(slot) == Side.BUY) {
                book.pendingBuy = Math.max(0, book.pendingBuy - remaining);
            } else {
                book.pendingSell = Math.max(0, book.pendingSell - remaining);
            }
            inFlight.remove(slot);
            refresh(book);
            return true;
        }
    }

    /**
     * Adds daily returns to an instrument's history (oldest first), e.g. from historical bars at
     * start-up, and re-estimates its VaR.
     *
     * @throws IllegalArgumentException if a return is not finite or not above -1
     */
    public void seedReturns(Instrument instrument, double[] dailyReturns) {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(dailyReturns, "dailyReturns");
        for (int i = 0; i < dailyReturns.length; i++) {
            if (!Double.isFinite(dailyReturns[i]) || dailyReturns[i] <= -1) {
                throw new IllegalArgumentException("dailyReturns[" + i + "] for " + instrument.id()
                        + " must be finite and above -1 but was " + dailyReturns[i]);
            }
        }
        synchronized (lock) {
            InstrumentBook book = book(instrument);
            for (double r : dailyReturns) {
                book.addReturn(r);
            }
            updateVar(book);
            refresh(book);
        }
    }

    /**
     * Evaluates the time-driven rules with the engine clock: a session reset that is due, and
     * the feed-silence trigger of the kill switch. Call it periodically (e.g. once a second live,
     * once per bar in a backtest); state updates and checks also roll the session.
     */
    public void onTimer() {
        PendingTrip trip = null;
        synchronized (lock) {
            long now = clock.millis();
            rollSessionIfDue(now);
            long silence = limits.killSwitch().maxFeedSilenceMillis();
            if (silence > 0 && now - lastMarkReceived > silence && !killSwitch.isTripped()) {
                trip = new PendingTrip(KillSwitchTrigger.STALE_MARKET_DATA, "no market data for "
                        + (now - lastMarkReceived) + " ms (limit " + silence + " ms)");
            } else {
                trip = lossTrigger();
            }
        }
        fire(trip);
    }

    /** Trips the kill switch because the broker connection was lost. */
    public void onBrokerDisconnected(String detail) {
        killSwitch.trip(KillSwitchTrigger.BROKER_DISCONNECT, Checks.notBlank(detail, "detail"));
    }

    /**
     * Replaces the limits, effective for the next check (intraday changes included). Throttle
     * histories and return histories are kept.
     */
    public void setLimits(RiskLimits newLimits) {
        Checks.notNull(newLimits, "newLimits");
        synchronized (lock) {
            applyLimits(newLimits, clock.millis());
        }
        LOG.info("risk limits changed");
    }

    /** The limits in force. */
    public RiskLimits limits() {
        synchronized (lock) {
            return limits;
        }
    }

    /** The kill switch this engine obeys. */
    public KillSwitch killSwitch() {
        return killSwitch;
    }

    /** Current equity: cash plus positions at mark. */
    public double equity() {
        synchronized (lock) {
            return cash + positionValue;
        }
    }

    /** A consistent snapshot of the risk state. */
    public RiskSnapshot snapshot() {
        synchronized (lock) {
            double equity = equity();
            double grossFilled = 0;
            double net = 0;
            int open = 0;
            Map<Instrument, Double> byInstrument = new HashMap<>();
            Map<String, Double> bySector = new HashMap<>();
            Map<AssetClass, Double> byClass = new EnumMap<>(AssetClass.class);
            for (InstrumentBook b : bookList) {
                if (b.position == 0 || Double.isNaN(b.mark)) {
                    continue;
                }
                double value = b.position * b.mark;
                open++;
                grossFilled += Math.abs(value);
                net += value;
                byInstrument.put(b.instrument, value);
                if (b.sectorIndex >= 0) {
                    bySector.merge(sectorNames.get(b.sectorIndex), Math.abs(value), Double::sum);
                }
                byClass.merge(b.instrument.assetClass(), Math.abs(value), Double::sum);
            }
            double drawdown = highWaterMark > 0 ? Math.max(0, (highWaterMark - equity) / highWaterMark) : 0;
            return new RiskSnapshot(clock.now(), cash, equity, highWaterMark, drawdown, startOfDayEquity,
                    equity - startOfDayEquity, grossFilled, net, equity > 0 ? grossFilled / equity : Double.NaN, gross,
                    varSum, open, inFlight.size(), byInstrument, bySector, byClass, killSwitch.isTripped());
        }
    }

    /**
     * Diversified one-day VaR of the filled positions with the configured method and confidence,
     * over the daily returns all exposed instruments have in common; empty when some exposed
     * instrument has fewer returns than {@link VarPolicy#minObservations()}. Reporting only: the
     * VaR check uses the undiversified sum, which does not need a common history.
     */
    public Optional<VarEstimate> portfolioVar() {
        synchronized (lock) {
            VarPolicy v = limits.var();
            List<InstrumentBook> exposed = new ArrayList<>();
            int common = Integer.MAX_VALUE;
            for (InstrumentBook b : bookList) {
                if (b.position != 0 && !Double.isNaN(b.mark)) {
                    exposed.add(b);
                    common = Math.min(common, b.returnCount);
                }
            }
            if (exposed.isEmpty()) {
                return Optional.of(new VarEstimate(v.method(), v.confidence(), 0, 0, 0));
            }
            if (common < v.minObservations()) {
                return Optional.empty();
            }
            double[] exposures = new double[exposed.size()];
            double[][] returns = new double[exposed.size()][];
            for (int i = 0; i < exposed.size(); i++) {
                InstrumentBook b = exposed.get(i);
                exposures[i] = b.position * b.mark;
                double[] all = new double[b.returnCount];
                int n = b.copyReturns(all);
                returns[i] = java.util.Arrays.copyOfRange(all, n - common, n);
            }
            return Optional.of(ValueAtRisk.portfolio(v.method(), exposures, returns, v.confidence(),
                    v.monteCarloPaths(), v.monteCarloSeed()));
        }
    }

    // ---------------------------------------------------------------- internals (under lock)

    String sectorName(int index) {
        return sectorNames.get(index);
    }

    private InstrumentBook book(Instrument instrument) {
        if (instrument == lastInstrument) {
            return lastBook;
        }
        InstrumentBook book = books.get(instrument);
        if (book == null) {
            book = new InstrumentBook(instrument, bookList.size(), limits.var().lookbackDays(),
                    limits.orders().maxRepeatedOrders());
            configure(book);
            updateVar(book);
            books.put(instrument, book);
            bookList.add(book);
        }
        lastInstrument = instrument;
        lastBook = book;
        return book;
    }

    private static void applyToPosition(InstrumentBook b, double q, double price) {
        double p = b.position;
        if (Math.abs(p) <= Position.FLAT_EPSILON || Math.signum(q) == Math.signum(p)) {
            double next = p + q;
            b.averagePrice = (Math.abs(p) * b.averagePrice + Math.abs(q) * price) / Math.abs(next);
            b.position = next;
            return;
        }
        double closing = Math.min(Math.abs(q), Math.abs(p));
        b.realisedPnl += closing * (price - b.averagePrice) * Math.signum(p);
        double next = p + q;
        if (Math.abs(next) <= Position.FLAT_EPSILON) {
            b.position = 0;
            b.averagePrice = 0;
        } else {
            if (Math.signum(next) != Math.signum(p)) {
                b.averagePrice = price;
            }
            b.position = next;
        }
    }

    /** Updates one instrument's contributions to every aggregate. */
    private void refresh(InstrumentBook b) {
        contribute(b);
        if (++refreshes >= RECOMPUTE_EVERY) {
            // Incremental sums drift by rounding; a periodic full recomputation bounds the drift.
            recomputeAll();
        }
    }

    private void contribute(InstrumentBook b) {
        double value = 0;
        double g = 0;
        double high = 0;
        double low = 0;
        double v = 0;
        double m = b.mark;
        if (!Double.isNaN(m)) {
            double longWorst = b.longWorst();
            double shortWorst = b.shortWorst();
            double lw = Math.max(0, longWorst);
            double sw = Math.max(0, shortWorst);
            value = b.position * m;
            g = Math.max(lw, sw) * m;
            high = longWorst * m;
            low = -shortWorst * m;
            v = Math.max(lw * b.varLong, sw * b.varShort) * m;
        }
        boolean open = b.position != 0 || b.pendingBuy > 0 || b.pendingSell > 0;
        positionValue += value - b.valueContribution;
        gross += g - b.grossContribution;
        netHigh += high - b.netHighContribution;
        netLow += low - b.netLowContribution;
        varSum += v - b.varContribution;
        if (b.sectorIndex >= 0) {
            sectorGross[b.sectorIndex] += g - b.grossContribution;
        }
        assetClassGross[b.instrument.assetClass().ordinal()] += g - b.grossContribution;
        openCount += (open ? 1 : 0) - (b.open ? 1 : 0);
        b.valueContribution = value;
        b.grossContribution = g;
        b.netHighContribution = high;
        b.netLowContribution = low;
        b.varContribution = v;
        b.open = open;
    }

    private void recomputeAll() {
        positionValue = 0;
        gross = 0;
        netHigh = 0;
        netLow = 0;
        varSum = 0;
        openCount = 0;
        java.util.Arrays.fill(sectorGross, 0);
        java.util.Arrays.fill(assetClassGross, 0);
        for (InstrumentBook b : bookList) {
            b.valueContribution = 0;
            b.grossContribution = 0;
            b.netHighContribution = 0;
            b.netLowContribution = 0;
            b.varContribution = 0;
            b.open = false;
            contribute(b);
        }
        refreshes = 0;
    }

    double equityUnlocked() {
        return cash + positionValue;
    }

    private void rollSessionIfDue(long now) {
        if (now < nextSessionReset) {
            return;
        }
        for (InstrumentBook b : bookList) {
            if (!Double.isNaN(b.mark) && !Double.isNaN(b.sessionMark) && b.markTime > b.sessionMarkTime) {
                b.addReturn(b.mark / b.sessionMark - 1);
                updateVar(b);
                b.sessionMark = b.mark;
                b.sessionMarkTime = b.markTime;
            }
        }
        recomputeAll();
        startOfDayEquity = equityUnlocked();
        nextSessionReset = nextReset(now);
        if (LOG.isInfoEnabled()) {
            LOG.info("new risk session: start-of-day equity {}", startOfDayEquity);
        }
    }

    private long nextReset(long now) {
        LossLimits l = limits.losses();
        if (nextSessionReset != Long.MIN_VALUE && l.sessionZone().getRules().isFixedOffset()) {
            long next = nextSessionReset;
            while (next <= now) {
                next += DAY_MILLIS;
            }
            return next;
        }
        ZonedDateTime at = Instant.ofEpochMilli(now).atZone(l.sessionZone());
        ZonedDateTime candidate = at.toLocalDate().atTime(l.sessionResetTime()).atZone(l.sessionZone());
        if (!candidate.isAfter(at)) {
            candidate = at.toLocalDate().plusDays(1).atTime(l.sessionResetTime()).atZone(l.sessionZone());
        }
        return candidate.toInstant().toEpochMilli();
    }

    private void applyLimits(RiskLimits l, long now) {
        RiskLimits old = this.limits;
        this.limits = l;
        OrderLimits o = l.orders();
        orderRate = orderRate == null ? new TimeRing(o.maxOrdersPerWindow())
                : orderRate.capacity() == o.maxOrdersPerWindow() ? orderRate
                : TimeRing.resized(orderRate, o.maxOrdersPerWindow());
        sectorNames.clear();
        sectorIndex.clear();
        for (String s : new java.util.TreeSet<>(l.exposure().sectors().values())) {
            sectorIndex.put(s, sectorNames.size());
            sectorNames.add(s);
        }
        sectorGross = new double[sectorNames.size()];
        VarPolicy v = l.var();
        varZ = NormalDistribution.quantile(v.confidence());
        int need = Math.max(v.lookbackDays(), v.method() == VarMethod.MONTE_CARLO ? v.monteCarloPaths() : 0);
        if (scratch.length < need) {
            scratch = new double[need];
        }
        for (InstrumentBook b : bookList) {
            configure(b);
            b.resizeReturns(v.lookbackDays());
            if (old == null || !old.var().equals(v)) {
                updateVar(b);
            }
        }
        recomputeAll();
        if (old == null || !old.losses().sessionResetTime().equals(l.losses().sessionResetTime())
                || !old.losses().sessionZone().equals(l.losses().sessionZone())) {
            nextSessionReset = Long.MIN_VALUE;
            nextSessionReset = nextReset(now);
        }
    }

    private void configure(InstrumentBook b) {
        RiskLimits l = limits;
        String id = b.id;
        String symbol = b.instrument.symbol();
        b.restricted = l.restrictedInstruments().contains(id) || l.restrictedInstruments().contains(symbol);
        ExposureLimits e = l.exposure();
        String sector = e.sectors().getOrDefault(id, e.sectors().get(symbol));
        b.sectorIndex = sector == null ? -1 : sectorIndex.get(sector);
        b.sectorLimitFraction = sector == null ? Double.POSITIVE_INFINITY
                : e.maxSectorFraction().getOrDefault(sector, Double.POSITIVE_INFINITY);
        b.assetClassLimitFraction = e.maxAssetClassFraction().getOrDefault(b.instrument.assetClass(),
                Double.POSITIVE_INFINITY);
        OrderLimits o = l.orders();
        Double perInstrument = o.maxOrderQuantityByInstrument().getOrDefault(id,
                o.maxOrderQuantityByInstrument().get(symbol));
        b.maxOrderQuantity = perInstrument != null ? perInstrument : o.maxOrderQuantity();
        if (b.buyOrders.capacity() != o.maxRepeatedOrders()) {
            b.buyOrders = TimeRing.resized(b.buyOrders, o.maxRepeatedOrders());
            b.sellOrders = TimeRing.resized(b.sellOrders, o.maxRepeatedOrders());
        }
    }

    /** Re-estimates one instrument's one-day VaR per unit of long and short exposure. */
    private void updateVar(InstrumentBook b) {
        VarPolicy v = limits.var();
        int n = b.returnCount;
        if (n < v.minObservations()) {
            b.varLong = v.fallbackDailyVolatility() * varZ;
            b.varShort = b.varLong;
            return;
        }
        double c = v.confidence();
        double[] s = scratch;
        switch (v.method()) {
            case HISTORICAL -> {
                b.copyReturns(s);
                b.varLong = Math.max(0, ValueAtRisk.lowerTailLoss(s, n, c));
                b.varShort = Math.max(0, ValueAtRisk.upperTailLoss(s, n, c));
            }
            case PARAMETRIC -> {
                b.copyReturns(s);
                double mean = ValueAtRisk.mean(s, n);
                double sd = Math.sqrt(ValueAtRisk.variance(s, n, mean));
                b.varLong = Math.max(0, sd * varZ - mean);
                b.varShort = Math.max(0, sd * varZ + mean);
            }
            case MONTE_CARLO -> {
                b.copyReturns(s);
                double mean = ValueAtRisk.mean(s, n);
                double sd = Math.sqrt(ValueAtRisk.variance(s, n, mean));
                random.reseed(v.monteCarloSeed() * 31 + b.id.hashCode());
                int paths = v.monteCarloPaths();
                ValueAtRisk.simulate(random, mean, sd, s, paths);
                b.varLong = Math.max(0, ValueAtRisk.lowerTailLoss(s, paths, c));
                b.varShort = Math.max(0, ValueAtRisk.upperTailLoss(s, paths, c));
            }
            default -> throw new IllegalStateException("unknown VaR method " + v.method());
        }
    }

    private PendingTrip lossTrigger() {
        if (killSwitch.isTripped()) {
            return null;
        }
        KillSwitchPolicy p = limits.killSwitch();
        double equity = equityUnlocked();
        if (p.tripOnDrawdown() && highWaterMark > 0) {
            double drawdown = (highWaterMark - equity) / highWaterMark;
            double limit = limits.losses().maxDrawdownFraction();
            if (drawdown >= limit) {
                return new PendingTrip(KillSwitchTrigger.MAX_DRAWDOWN, "drawdown " + BuiltInChecks.pct(drawdown)
                        + " from high-water mark " + BuiltInChecks.num(highWaterMark) + " reached the limit "
                        + BuiltInChecks.pct(limit));
            }
        }
        if (p.tripOnDailyLoss() && startOfDayEquity > 0) {
            double loss = (startOfDayEquity - equity) / startOfDayEquity;
            double limit = limits.losses().dailyLossLimitFraction();
            if (loss >= limit) {
                return new PendingTrip(KillSwitchTrigger.DAILY_LOSS, "loss since session start "
                        + BuiltInChecks.pct(loss) + " reached the daily limit " + BuiltInChecks.pct(limit));
            }
        }
        return null;
    }

    private void fire(PendingTrip trip) {
        if (trip != null) {
            killSwitch.trip(trip.trigger(), trip.detail());
        }
    }

    private record PendingTrip(KillSwitchTrigger trigger, String detail) {
    }

    /**
     * Configures a {@link RiskEngine}. The starting state is either cash alone
     * ({@link #startingCash}) or a {@link Portfolio} (e.g. restored after a restart). Not
     * thread-safe.
     */
    public static final class Builder {
        private RiskLimits limits = RiskLimits.defaults();
        private Clock clock = Clock.system();
        private Portfolio portfolio;
        private KillSwitch killSwitch;
        private final List<PreTradeCheck> custom = new ArrayList<>();

        private Builder() {
        }

        /** The limits to enforce (default {@link RiskLimits#defaults()}). */
        public Builder limits(RiskLimits value) {
            limits = Checks.notNull(value, "limits");
            return this;
        }

        /** The clock for session resets, throttles and staleness (default the system clock). */
        public Builder clock(Clock value) {
            clock = Checks.notNull(value, "clock");
            return this;
        }

        /** Starts from {@code cash} and no positions. */
        public Builder startingCash(double cash) {
            portfolio = Portfolio.ofCash(Checks.finite(cash, "cash"));
            return this;
        }

        /** Starts from {@code value}: its cash, positions, last prices and high-water mark. */
        public Builder portfolio(Portfolio value) {
            portfolio = Checks.notNull(value, "portfolio");
            return this;
        }

        /** Shares {@code value} instead of creating a kill switch of its own. */
        public Builder killSwitch(KillSwitch value) {
            killSwitch = Checks.notNull(value, "killSwitch");
            return this;
        }

        /** Appends an application check that runs after the built-in ones. */
        public Builder addCheck(PreTradeCheck check) {
            custom.add(Checks.notNull(check, "check"));
            return this;
        }

        /**
         * Builds the engine.
         *
         * @throws IllegalStateException if neither starting cash nor a portfolio was given
         */
        public RiskEngine build() {
            if (portfolio == null) {
                throw new IllegalStateException("set startingCash(...) or portfolio(...) before build()");
            }
            return new RiskEngine(this);
        }
    }
}

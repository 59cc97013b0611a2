package dev.sextant.trading.risk;

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
import java.time.Instant;
import java.util.ArrayList;
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
 * <h2>Parts</h2>
 * The engine keeps the lock, the check chain and the kill-switch triggers; the state lives in
 * package-private parts that the checks reach through {@link CheckContext}: the ledger (cash,
 * per-instrument books and the aggregates over them), the order flow (working orders, rate
 * throttle, applied executions), per-instrument VaR, and the session (when the day rolls).
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

    private final Object lock = new Object();
    private final Clock clock;
    private final KillSwitch killSwitch;
    private final PreTradeCheck[] checks;
    private final int builtInCount;
    private final InstrumentVar var = new InstrumentVar();
    private final RiskLedger ledger = new RiskLedger(var);
    private final OrderFlow orders = new OrderFlow();
    private final RiskSession session = new RiskSession();
    private final CheckContext context;

    private RiskLimits limits;
    private long lastMarkReceived;

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
        this.context = new CheckContext(ledger, orders, killSwitch);
        long now = clock.millis();
        this.lastMarkReceived = now;
        synchronized (lock) {
            applyLimits(b.limits, now);
            Portfolio p = b.portfolio;
            ledger.setCash(p.cash());
            for (Position position : p.positions().values()) {
                InstrumentBook book = ledger.book(position.instrument());
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
                InstrumentBook book = ledger.book(e.getKey());
                if (Double.isNaN(book.mark)) {
                    book.mark = e.getValue();
                    book.markTime = now;
                    book.sessionMark = e.getValue();
                    book.sessionMarkTime = now;
                }
            }
            ledger.open(p.highWaterMark());
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
            InstrumentBook book = ledger.book(order.instrument());
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
            InstrumentBook book = ledger.book(instrument);
            double buy = dryRun(book, Side.BUY, now);
            double sell = dryRun(book, Side.SELL, now);
            return new Headroom(instrument, ledger.equity(), book.position, book.pendingBuy, book.pendingSell, buy, sell);
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
        orders.approved(order, book, now, originalQuantity);
        ledger.refresh(book);
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
            if (!orders.firstExecution(fill.executionId())) {
                LOG.debug("ignoring duplicate fill {}", fill.executionId());
                return false;
            }
            long now = clock.millis();
            rollSessionIfDue(now);
            InstrumentBook book = ledger.book(fill.instrument());
            orders.filled(fill.clientOrderId(), book, fill.quantity());
            ledger.fill(book, fill.signedQuantity(), fill.price(), fill.fee(), fill.time().toEpochMilli());
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
            InstrumentBook book = ledger.book(instrument);
            if (timeMillis < book.markTime && !book.markFromFill) {
                throw new IllegalArgumentException("mark for " + book.id + " at " + Instant.ofEpochMilli(timeMillis)
                        + " is before the previous mark at " + Instant.ofEpochMilli(book.markTime));
            }
            long now = clock.millis();
            rollSessionIfDue(now);
            lastMarkReceived = now;
            ledger.mark(book, price, timeMillis);
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
            InstrumentBook book = orders.release(clientOrderId);
            if (book == null) {
                return false;
            }
            ledger.refresh(book);
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
            ledger.addReturns(ledger.book(instrument), dailyReturns);
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
            return ledger.equity();
        }
    }

    /** A consistent snapshot of the risk state. */
    public RiskSnapshot snapshot() {
        synchronized (lock) {
            return ledger.snapshot(clock.now(), orders.workingCount(), killSwitch.isTripped());
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
            return var.portfolio(ledger.books());
        }
    }

    // ---------------------------------------------------------------- internals (under lock)

    private void rollSessionIfDue(long now) {
        if (!session.isDue(now)) {
            return;
        }
        ledger.rollSession();
        session.rolled(now);
        if (LOG.isInfoEnabled()) {
            LOG.info("new risk session: start-of-day equity {}", ledger.startOfDayEquity());
        }
    }

    private void applyLimits(RiskLimits l, long now) {
        this.limits = l;
        orders.configure(l.orders());
        boolean varChanged = var.configure(l.var());
        ledger.configure(l, varChanged);
        session.configure(l.losses(), now);
    }

    private PendingTrip lossTrigger() {
        if (killSwitch.isTripped()) {
            return null;
        }
        KillSwitchPolicy p = limits.killSwitch();
        double equity = ledger.equity();
        double highWaterMark = ledger.highWaterMark();
        double startOfDayEquity = ledger.startOfDayEquity();
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

package dev.sextant.trading.engine;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.MarketDataFeed;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.Subscription;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.core.io.StateFormatException;
import dev.sextant.trading.core.io.StateFrame;
import dev.sextant.trading.core.stats.RollingVolatility;
import dev.sextant.trading.features.indicators.Atr;
import dev.sextant.trading.features.internal.IndicatorStates;
import dev.sextant.trading.risk.Headroom;
import dev.sextant.trading.risk.KillSwitchListener;
import dev.sextant.trading.risk.ModelCircuitBreaker;
import dev.sextant.trading.risk.Outcome;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskDecision;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.SizingInputs;
import dev.sextant.trading.risk.SizingReason;
import dev.sextant.trading.risk.SizingResult;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process pipeline: signal source (features → model → calibration) → sizing → pre-trade
 * checks → broker, one {@link Decision} per closed bar. The same object runs a backtest
 * (historical bars, {@link dev.sextant.trading.core.SimulatedClock}, paper broker) and live
 * trading (a market-data feed, the system clock, any broker connector): nothing in it knows
 * which.
 *
 * <h2>When a decision's order fills</h2>
 * A decision is made at its bar's close ({@link Decision#time()}) and its market order is sent
 * at once. The order can fill only on market data that arrives after it: with the
 * {@link PaperBroker}, at the open of the next bar at the earliest (plus the cost model and
 * slippage; later when the broker's latency reaches past that bar, or partially when volume
 * is capped). The fill reaches the risk engine as an order event, so the decision on the next
 * bar already sees it when the paper broker gets that bar first ({@link Backtester} and
 * {@link #attach} arrange this).
 *
 * <h2>Broker and risk events</h2>
 * Order and fill events from the broker update the risk engine (fills, releases of cancelled,
 * rejected and expired orders); a kill-switch trip cancels every working order through the
 * broker session; a broker disconnect trips the kill switch through the risk engine. An
 * exception from the broker while an order is submitted becomes a {@link Decision.BrokerRefused};
 * an exception from the signal source a {@link Decision.ModelFailed}. A signal the source marks
 * {@linkplain SignalResult.OutOfDistribution out of distribution} is held:
 * {@link Decision.OutOfDistribution}.
 *
 * <h2>Client order ids</h2>
 * From {@link Builder#clientOrderIds}, by default {@link ClientOrderIds#perBar(String)} with
 * prefix {@value ClientOrderIds#DEFAULT_PREFIX}: unique across restarts, reproducible by recovery.
 *
 * <h2>Per-instrument state</h2>
 * {@link #snapshot(Instrument)} captures an instrument's exact state (the sizing estimates and
 * the {@linkplain RestorableSignalSource signal source's} features and window) as an
 * {@link InstrumentState}; {@link #restore} puts it back, here or in another pipeline of the same
 * configuration (how a keyed Flink operator keeps instruments in managed state). Account-level
 * state (risk engine, positions, working orders) is not part of it.
 *
 * <h2>Thread-safety</h2>
 * {@link #onBar} is called from one thread (per pipeline), in time order per instrument. Broker
 * events may arrive on the broker's thread; they touch only the risk engine, which is
 * thread-safe. Instruments are independent: for thousands of instruments run one pipeline per
 * partition of them (nothing here assumes one process owns all instruments).
 */
public final class TradingPipeline {
    /** The default {@link Builder#atrPeriod}: 14 bars. */
    public static final int DEFAULT_ATR_PERIOD = 14;

    /** The default {@link Builder#volatilityWindow}: 60 one-bar log returns. */
    public static final int DEFAULT_VOLATILITY_WINDOW = 60;

    private static final Logger LOG = LoggerFactory.getLogger(TradingPipeline.class);

    private final SignalSource signals;
    private final RiskEngine risk;
    private final PositionSizer sizer;
    private final BrokerSession broker;
    private final Clock clock;
    private final ModelCircuitBreaker breaker;
    private final TimeFrame timeFrame;
    private final double expectedMove;
    private final TimeInForce timeInForce;
    private final int atrPeriod;
    private final int volatilityWindow;
    private final ClientOrderIds orderIds;
    private final Map<Instrument, MarketState> markets = new HashMap<>();

    /**
     * Rolling market estimates per instrument for sizing: the ATR and the sample standard
     * deviation of the last one-bar log returns.
     */
    private static final class MarketState {
        final Atr atr;
        final RollingVolatility volatility;

        MarketState(int atrPeriod, int window) {
            this.atr = new Atr(atrPeriod);
            this.volatility = new RollingVolatility(window);
        }

        void update(Bar bar) {
            atr.update(bar);
            volatility.update(bar.close());
        }

        /** Sample SD of the last {@code window} one-bar log returns, NaN before that many returns. */
        double logReturnSd() {
            return volatility.value();
        }
    }

    private TradingPipeline(Builder b) {
        this.signals = Checks.notNull(b.signals, "signals");
        this.risk = Checks.notNull(b.risk, "risk");
        this.sizer = Checks.notNull(b.sizer, "sizer");
        this.broker = Checks.notNull(b.broker, "broker");
        this.clock = Checks.notNull(b.clock, "clock");
        this.breaker = b.breaker;
        this.timeFrame = Checks.notNull(b.timeFrame, "timeFrame");
        this.expectedMove = b.expectedMove;
        this.timeInForce = b.timeInForce;
        this.atrPeriod = b.atrPeriod;
        this.volatilityWindow = b.volatilityWindow;
        this.orderIds = b.orderIds;
        broker.addListener(new BrokerListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                switch (event) {
                    case OrderEvent.Execution e -> risk.onFill(e.fill());
                    case OrderEvent.Canceled c -> risk.releaseOrder(c.clientOrderId());
                    case OrderEvent.Rejected r -> risk.releaseOrder(r.clientOrderId());
                    case OrderEvent.Expired x -> risk.releaseOrder(x.clientOrderId());
                    default -> {
                    }
                }
            }

            @Override
            public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
                if (current == ConnectionState.DISCONNECTED && previous == ConnectionState.CONNECTED) {
                    risk.onBrokerDisconnected(reason == null ? "broker disconnected" : reason);
                }
            }
        });
        KillSwitchListener cancelAll = trip -> {
            int n = broker.cancelAll();
            LOG.warn("kill switch tripped ({}): cancel requested for {} working orders", trip, n);
        };
        risk.killSwitch().addListener(cancelAll);
    }

    /** A builder; every collaborator must be set except the circuit breaker. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Processes one closed bar: marks the risk state, asks the signal source, sizes, checks and
     * sends at most one market order. Exceptions from the signal source and from the broker
     * become decisions ({@link Decision.ModelFailed}, {@link Decision.BrokerRefused}).
     *
     * @param instrument the instrument of the bar
     * @param bar        the closed bar of the pipeline's time frame (its time is the open time)
     * @return what was decided, stamped at the bar's close time
     * @throws IllegalArgumentException if the bar is older than the instrument's previous mark
     */
    public Decision onBar(Instrument instrument, Bar bar) {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(bar, "bar");
        Instant time = Instant.ofEpochMilli(bar.time() + timeFrame.millis());
        MarketState m = markets.computeIfAbsent(instrument, i -> new MarketState(atrPeriod, volatilityWindow));
        m.update(bar);
        risk.onMark(instrument, bar.close(), time.toEpochMilli());

        Signal signal;
        SignalResult.OutOfDistribution gated = null;
        long started = System.nanoTime();
        try {
            SignalResult result = signals.onBar(instrument, timeFrame, bar);
            switch (result) {
                case SignalResult.WarmingUp w -> {
                    return new Decision.WarmingUp(instrument, time);
                }
                case SignalResult.NoPrediction n -> {
                    return new Decision.NoPrediction(instrument, time);
                }
                case SignalResult.Ready r -> signal = r.signal();
                case SignalResult.OutOfDistribution o -> {
                    signal = o.suppressed();
                    gated = o;
                }
                case null -> throw new NullPointerException("signal source returned null");
            }
            if (!signal.instrument().equals(instrument) || !signal.time().equals(time)) {
                throw new IllegalStateException("signal source stamped its signal " + signal.instrument().id() + " at "
                        + signal.time() + " but the bar of " + instrument.id() + " closes at " + time);
            }
        } catch (RuntimeException e) {
            if (breaker != null) {
                breaker.recordFailure(e.toString());
            }
            LOG.warn("signal source failed at {} for {}: {}", time, instrument.id(), e.toString());
            return new Decision.ModelFailed(instrument, time, e.toString());
        }
        if (breaker != null) {
            breaker.recordSuccess(System.nanoTime() - started);
        }
        if (gated != null) {
            return new Decision.OutOfDistribution(instrument, time, signal, gated.distance(), gated.threshold());
        }
        if (signal.direction() == Direction.HOLD) {
            return new Decision.Hold(instrument, time, signal);
        }
        if (breaker != null && breaker.isOpen()) {
            return new Decision.CircuitOpen(instrument, time, signal);
        }
        double sd = m.logReturnSd();
        double barsPerDay = (double) TimeFrame.MILLIS_PER_DAY / timeFrame.millis();
        double move = Double.isNaN(sd) ? expectedMove : Math.max(expectedMove, sd);
        SizingInputs inputs = new SizingInputs(bar.close(), move, move,
                Double.isNaN(sd) ? Double.NaN : sd * Math.sqrt(barsPerDay), m.atr.value(0), 0);
        Headroom headroom = risk.headroom(instrument);
        SizingResult sizing = sizer.size(signal, inputs, headroom);
        if (!sizing.isTradable()) {
            if (sizing.reason() == SizingReason.NO_HEADROOM && risk.killSwitch().isTripped()) {
                Decision blocked = blockedByKillSwitch(instrument, time, signal, sizing, headroom);
                if (blocked != null) {
                    return blocked;
                }
            }
            return sizing.reason() == SizingReason.EDGE_BELOW_MINIMUM
                    ? new Decision.EdgeBelowMinimum(instrument, time, signal, sizing, sizer.policy().minEdgeBps())
                    : new Decision.NotSized(instrument, time, signal, sizing);
        }
        OrderRequest order = sizing.toMarketOrder(orderIds.idFor(instrument, time), timeInForce);
        RiskDecision decision = risk.check(order);
        if (!decision.isApproved()) {
            return new Decision.Rejected(instrument, time, signal, sizing, decision);
        }
        try {
            broker.submit(decision.order());
        } catch (RuntimeException e) {
            // The session resolved a BrokerException in its blotter (the rejection releases the
            // reservation through our listener); any other exception broke the connector's
            // contract, so release the reservation here. Releasing twice is harmless.
            risk.releaseOrder(decision.order().clientOrderId());
            LOG.warn("broker refused {} for {} at {}: {}", decision.order().clientOrderId(), instrument.id(), time, e.toString());
            return e instanceof BrokerException be
                    ? new Decision.BrokerRefused(instrument, time, signal, sizing, decision, be.code(), be.getMessage())
                    : new Decision.BrokerRefused(instrument, time, signal, sizing, decision,
                            BrokerException.Code.VENUE_ERROR, e.toString());
        }
        return decision.outcome() == Outcome.RESIZED
                ? new Decision.Resized(instrument, time, signal, sizing, decision)
                : new Decision.Sent(instrument, time, signal, sizing, decision.order());
    }

    /**
     * The exact per-instrument state: the ATR and volatility estimates given to the sizer and the
     * signal source's state for {@code instrument}. An instrument without a bar yet has a (cold)
     * state too. O(state size); changes nothing.
     *
     * @param instrument the instrument
     * @return the state, keyed by the instrument and this pipeline's configuration
     * @throws IllegalStateException if the signal source is not a {@link RestorableSignalSource}
     *                               or keeps state without a restorable form
     */
    public InstrumentState snapshot(Instrument instrument) {
        Checks.notNull(instrument, "instrument");
        RestorableSignalSource source = restorableSource();
        String key = stateKey(instrument, source);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            MarketState m = markets.get(instrument);
            out.writeBoolean(m != null);
            if (m != null) {
                IndicatorStates.write(m.atr, out);
                m.volatility.writeState(out);
            }
            source.writeState(instrument, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return InstrumentState.sealed(StateFrame.seal(InstrumentState.KIND, InstrumentState.VERSION, key,
                bytes.toByteArray()), key);
    }

    /**
     * Replaces {@code instrument}'s state with {@code state}, taken by {@link #snapshot} of the
     * same instrument on a pipeline of the same configuration (time frame, ATR period,
     * volatility window, and a signal source with the same {@link RestorableSignalSource#stateKey()}).
     * The next {@link #onBar} for the instrument continues from there. Call it on the pipeline's
     * thread, between bars.
     *
     * @param instrument the instrument
     * @param state      its state
     * @throws StateFormatException  if the state is of another instrument or configuration
     *                               ({@link StateFormatException.Problem#FOREIGN}) or its payload is
     *                               impossible; the instrument then starts cold
     * @throws IllegalStateException if the signal source is not a {@link RestorableSignalSource}
     */
    public void restore(Instrument instrument, InstrumentState state) {
        Checks.notNull(instrument, "instrument");
        Checks.notNull(state, "state");
        RestorableSignalSource source = restorableSource();
        String key = stateKey(instrument, source);
        if (!state.key().equals(key)) {
            throw new StateFormatException(InstrumentState.KIND, StateFormatException.Problem.FOREIGN,
                    "saved for " + state.key() + " but this pipeline has " + key);
        }
        StateFrame frame = state.frame();
        try (DataInputStream in = frame.payload()) {
            markets.remove(instrument);
            if (in.readBoolean()) {
                MarketState m = new MarketState(atrPeriod, volatilityWindow);
                IndicatorStates.read(m.atr, in);
                m.volatility.readState(in);
                markets.put(instrument, m);
            }
            source.readState(instrument, in);
            if (in.available() > 0) {
                throw new StateFormatException(InstrumentState.KIND, StateFormatException.Problem.CORRUPT,
                        in.available() + " bytes left over after the state of " + instrument.id());
            }
        } catch (EOFException e) {
            coldStart(instrument, source);
            throw new StateFormatException(InstrumentState.KIND, StateFormatException.Problem.CORRUPT, "the payload of "
                    + frame.payloadLength() + " bytes ends before the state of " + instrument.id() + " does");
        } catch (IOException e) {
            coldStart(instrument, source);
            throw new UncheckedIOException(e); // a ByteArrayInputStream does not fail otherwise
        } catch (RuntimeException e) {
            coldStart(instrument, source);
            throw e;
        }
    }

    private void coldStart(Instrument instrument, RestorableSignalSource source) {
        markets.remove(instrument);
        source.forget(instrument);
    }

    private RestorableSignalSource restorableSource() {
        if (signals instanceof RestorableSignalSource r) {
            return r;
        }
        throw new IllegalStateException("signal source " + signals.getClass().getName()
                + " keeps no restorable per-instrument state (it is not a RestorableSignalSource)");
    }

    private String stateKey(Instrument instrument, RestorableSignalSource source) {
        return "instrument " + instrument.id() + ", frame " + timeFrame.label() + ", atr " + atrPeriod + ", volatility "
                + volatilityWindow + ", signals " + source.stateKey();
    }

    /**
     * While the kill switch is tripped the limits leave no headroom for a risk-increasing order,
     * so the sizer proposes nothing. To say so, the order the signal asked for goes through the
     * real check chain, whose kill-switch check rejects it (a rejection changes no risk state):
     * the decision is a {@link Decision.Rejected} with {@code KILL_SWITCH}. Null when the chain
     * does not reject it after all (its reservation is then released).
     */
    private Decision blockedByKillSwitch(Instrument instrument, Instant time, Signal signal, SizingResult sizing,
            Headroom headroom) {
        double wanted = instrument.roundQuantity(Math.abs(sizing.targetPosition() - headroom.projectedPosition()));
        if (!(wanted > 0)) {
            return null;
        }
        OrderRequest asked = OrderRequest.market(orderIds.idFor(instrument, time), instrument,
                signal.direction() == Direction.BUY ? Side.BUY : Side.SELL, wanted, timeInForce);
        RiskDecision decision = risk.check(asked);
        if (decision.isApproved()) {
            risk.releaseOrder(decision.order().clientOrderId());
            return null;
        }
        return new Decision.Rejected(instrument, time, signal, sizing, decision);
    }

    /**
     * Runs the pipeline live on {@code feed}: every closed bar of {@code instrument} is decided
     * on, and the decision handed to {@code decisions} (an audit log, metrics).
     *
     * <p>No subscription order to get right: when the broker session's connector is a
     * {@link PaperBroker}, the pipeline hands each bar to it before deciding, within the same
     * handler, so that an order is matched against later bars only and the decision already
     * sees the fills of the previous bar. Subscribing the paper broker to the feed as well does
     * no harm (it ignores a bar it has already seen).
     *
     * <p>Nothing escapes onto the feed's thread from the model or the broker (they become
     * decisions); an exception from {@code decisions} is logged and the next bar is decided as
     * usual.
     *
     * @param feed       the market data feed
     * @param instrument the instrument to trade
     * @param frame      the bar time frame; must be the pipeline's
     * @param decisions  receives every decision, on the feed's thread
     * @return the subscription; close it to stop
     * @throws IllegalArgumentException if {@code frame} is not the pipeline's time frame
     */
    public Subscription attach(MarketDataFeed feed, Instrument instrument, TimeFrame frame, Consumer<Decision> decisions) {
        Checks.notNull(feed, "feed");
        Checks.notNull(instrument, "instrument");
        Checks.notNull(decisions, "decisions");
        if (!Checks.notNull(frame, "frame").equals(timeFrame)) {
            throw new IllegalArgumentException("pipeline runs on " + timeFrame + " bars but the subscription is for " + frame);
        }
        PaperBroker paper = broker.connector() instanceof PaperBroker p ? p : null;
        return feed.subscribeBars(instrument, frame, (inst, bar) -> {
            if (paper != null) {
                paper.onBar(inst, bar);
            }
            Decision d = onBar(inst, bar);
            try {
                decisions.accept(d);
            } catch (RuntimeException e) {
                LOG.error("decision listener failed on {} {} at {}", d.kind().label(), inst.id(), d.time(), e);
            }
        });
    }

    /** The risk engine (state, kill switch). */
    public RiskEngine risk() {
        return risk;
    }

    /** The broker session. */
    public BrokerSession broker() {
        return broker;
    }

    /** The clock the pipeline runs on. */
    public Clock clock() {
        return clock;
    }

    /** The bar time frame the pipeline decides on. */
    public TimeFrame timeFrame() {
        return timeFrame;
    }

    /** Builder of {@link TradingPipeline}; not thread-safe. */
    public static final class Builder {
        private SignalSource signals;
        private RiskEngine risk;
        private PositionSizer sizer;
        private BrokerSession broker;
        private Clock clock;
        private ModelCircuitBreaker breaker;
        private TimeFrame timeFrame;
        private double expectedMove = 0.001;
        private TimeInForce timeInForce = TimeInForce.GTC;
        private int atrPeriod = DEFAULT_ATR_PERIOD;
        private int volatilityWindow = DEFAULT_VOLATILITY_WINDOW;
        private ClientOrderIds orderIds = ClientOrderIds.perBar(ClientOrderIds.DEFAULT_PREFIX);

        private Builder() {
        }

        /** Where signals come from. */
        public Builder signals(SignalSource value) {
            this.signals = value;
            return this;
        }

        /** Pre-trade checks and risk state. */
        public Builder risk(RiskEngine value) {
            this.risk = value;
            return this;
        }

        /** Position sizing. */
        public Builder sizer(PositionSizer value) {
            this.sizer = value;
            return this;
        }

        /** The broker session (paper broker in backtests, a venue connector live). */
        public Builder broker(BrokerSession value) {
            this.broker = value;
            return this;
        }

        /** The clock (simulated in backtests). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Optional model circuit breaker. */
        public Builder circuitBreaker(ModelCircuitBreaker value) {
            this.breaker = value;
            return this;
        }

        /** The bar time frame. */
        public Builder timeFrame(TimeFrame value) {
            this.timeFrame = value;
            return this;
        }

        /**
         * The minimum expected move per trade as a fraction of price (default 0.001), used as the
         * sizer's expected win and loss when the rolling volatility is smaller or not yet defined.
         */
        public Builder expectedMove(double value) {
            this.expectedMove = Checks.positive(value, "expectedMove");
            return this;
        }

        /** Time in force of the orders sent (default GTC). */
        public Builder timeInForce(TimeInForce value) {
            this.timeInForce = Checks.notNull(value, "timeInForce");
            return this;
        }

        /**
         * Bars in the average true range given to the sizer (e.g. for ATR-based stops), default
         * {@value TradingPipeline#DEFAULT_ATR_PERIOD}; at least 1.
         */
        public Builder atrPeriod(int bars) {
            this.atrPeriod = Checks.positive(bars, "atrPeriod");
            return this;
        }

        /**
         * One-bar log returns in the rolling volatility given to the sizer (its expected move and
         * daily volatility), default {@value TradingPipeline#DEFAULT_VOLATILITY_WINDOW}; at least
         * 2. Until that many returns are seen the volatility is undefined and the expected move is
         * {@link #expectedMove}.
         */
        public Builder volatilityWindow(int returns) {
            if (returns < 2) {
                throw new IllegalArgumentException("volatilityWindow must be at least 2 but was " + returns);
            }
            this.volatilityWindow = returns;
            return this;
        }

        /** How orders are named (default {@link ClientOrderIds#perBar(String)} with prefix {@value ClientOrderIds#DEFAULT_PREFIX}). */
        public Builder clientOrderIds(ClientOrderIds value) {
            this.orderIds = Checks.notNull(value, "clientOrderIds");
            return this;
        }

        /** Builds the pipeline and registers its listeners on the broker and kill switch. */
        public TradingPipeline build() {
            return new TradingPipeline(this);
        }
    }
}

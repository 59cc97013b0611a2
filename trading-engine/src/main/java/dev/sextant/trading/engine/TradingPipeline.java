package dev.sextant.trading.engine;

import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.core.stats.RollingVolatility;
import dev.sextant.trading.features.indicators.Atr;
import dev.sextant.trading.risk.Headroom;
import dev.sextant.trading.risk.KillSwitchListener;
import dev.sextant.trading.risk.ModelCircuitBreaker;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskDecision;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.SizingInputs;
import dev.sextant.trading.risk.SizingResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process pipeline: signal source (features → model → calibration) → sizing → pre-trade
 * checks → broker, one {@link Decision} per closed bar. The same object runs a backtest
 * (historical bars, {@link dev.sextant.trading.core.SimulatedClock}, paper broker) and live
 * trading (a market-data feed, the system clock, any broker connector): nothing in it knows
 * which.
 *
 * <p>Order and fill events from the broker update the risk engine (fills, releases of cancelled,
 * rejected and expired orders); a kill-switch trip cancels every working order through the
 * broker session; a broker disconnect trips the kill switch through the risk engine.
 *
 * <h2>Thread-safety</h2>
 * {@link #onBar} is called from one thread (per pipeline), in time order per instrument. Broker
 * events may arrive on the broker's thread; they touch only the risk engine, which is
 * thread-safe. Instruments are independent: for thousands of instruments run one pipeline per
 * partition of them (nothing here assumes one process owns all instruments).
 */
public final class TradingPipeline {
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
    private final Map<Instrument, MarketState> markets = new HashMap<>();
    private long orderSequence;

    /** Rolling market estimates per instrument for sizing: ATR(14) and the SD of 60 log returns. */
    private static final class MarketState {
        static final int WINDOW = 60;
        final Atr atr = new Atr(14);
        final RollingVolatility volatility = new RollingVolatility(WINDOW);

        void update(Bar bar) {
            atr.update(bar);
            volatility.update(bar.close());
        }

        /** Sample SD of the last 60 one-bar log returns, NaN before 60 returns. */
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
     * sends at most one order.
     */
    public Decision onBar(Instrument instrument, Bar bar) {
        Instant time = Instant.ofEpochMilli(bar.time() + timeFrame.millis());
        MarketState m = markets.computeIfAbsent(instrument, i -> new MarketState());
        m.update(bar);
        risk.onMark(instrument, bar.close(), time.toEpochMilli());

        Signal signal;
        long started = System.nanoTime();
        try {
            signal = signals.onBar(instrument, bar);
        } catch (RuntimeException e) {
            if (breaker != null) {
                breaker.recordFailure(e.toString());
            }
            LOG.warn("signal source failed at {} for {}: {}", time, instrument.id(), e.toString());
            return new Decision(instrument, time, null, null, null, List.of(), "model failed: " + e.getMessage());
        }
        if (signal == null) {
            return new Decision(instrument, time, null, null, null, List.of(), "warming up");
        }
        if (breaker != null) {
            breaker.recordSuccess(System.nanoTime() - started);
            signal = breaker.filter(signal);
        }
        if (signal.direction() == Direction.HOLD) {
            return new Decision(instrument, time, signal, null, null, List.of(), "hold");
        }
        double sd = m.logReturnSd();
        double barsPerDay = (double) TimeFrame.MILLIS_PER_DAY / timeFrame.millis();
        double move = Double.isNaN(sd) ? expectedMove : Math.max(expectedMove, sd);
        SizingInputs inputs = new SizingInputs(bar.close(), move, move,
                Double.isNaN(sd) ? Double.NaN : sd * Math.sqrt(barsPerDay), m.atr.value(0), 0);
        Headroom headroom = risk.headroom(instrument);
        SizingResult sizing = sizer.size(signal, inputs, headroom);
        if (!sizing.isTradable()) {
            return new Decision(instrument, time, signal, sizing, null, List.of(), "not sized: " + sizing.reason());
        }
        OrderRequest order = sizing.toMarketOrder(instrument.symbol() + "-" + (++orderSequence), timeInForce);
        RiskDecision decision = risk.check(order);
        if (!decision.isApproved() && decision.outcome() != dev.sextant.trading.risk.Outcome.RESIZED) {
            return new Decision(instrument, time, signal, sizing, decision, List.of(), "rejected: " + decision.code());
        }
        broker.submit(decision.order());
        return new Decision(instrument, time, signal, sizing, decision, List.of(decision.order()), "sent");
    }

    /**
     * Runs the pipeline live on {@code feed}: every closed bar of {@code instrument} is decided
     * on, and the decision handed to {@code decisions} (an audit log, metrics). Subscribe the
     * venue's own bar handling (for a paper broker, {@code paper::onBar}) before calling this, so
     * that orders decided on a bar are matched against later bars only.
     *
     * @return the subscription; close it to stop
     */
    public dev.sextant.trading.broker.Subscription attach(dev.sextant.trading.broker.MarketDataFeed feed,
            Instrument instrument, TimeFrame frame, java.util.function.Consumer<Decision> decisions) {
        Checks.notNull(decisions, "decisions");
        if (!frame.equals(timeFrame)) {
            throw new IllegalArgumentException("pipeline runs on " + timeFrame + " bars but the subscription is for " + frame);
        }
        return feed.subscribeBars(instrument, frame, (inst, bar) -> decisions.accept(onBar(inst, bar)));
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

        /** Builds the pipeline and registers its listeners on the broker and kill switch. */
        public TradingPipeline build() {
            return new TradingPipeline(this);
        }
    }
}

package dev.sextant.trading.engine.internal;

import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Portfolio;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.Trade;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.TradingPipeline;
import dev.sextant.trading.engine.rl.PolicySignalSource;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated market of a backtest, one instrument: a {@link SimulatedClock}, a seeded
 * {@link PaperBroker} with the cost model, a fresh {@link RiskEngine} and the
 * {@link TradingPipeline}, wired as the backtester runs them. The backtester and the
 * reinforcement-learning environment both drive this one class, so an agent trains on the fills,
 * costs and pre-trade checks it will be backtested and traded with.
 *
 * <p>Per bar: {@link #arrive} (the clock moves to the close, the paper broker sees the bar and
 * fills what was decided before it), then {@link #decide} (the pipeline decides on the closed
 * bar). Not thread-safe.
 */
public final class SimulatedMarket {
    private final BacktestConfig settings;
    private final SimulatedClock clock;
    private final PaperBroker paper;
    private final TradingPipeline pipeline;
    private final List<Fill> fills = new ArrayList<>();
    private final RoundTrips trips = new RoundTrips();
    private double slippage;
    private double fees;
    private double notional;
    private Bar current;

    /**
     * A market whose clock starts at {@code first}'s open; no bar has arrived yet.
     *
     * @param keepFills whether to keep every fill ({@link #fills()}); totals are kept either way
     */
    public SimulatedMarket(BacktestConfig s, Bar first, SignalSource signals, boolean keepFills) {
        this.settings = s;
        this.clock = new SimulatedClock(first.time());
        this.paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(s.initialCash())
                .costModel(s.costs()).seed(s.seed()).build(), clock);
        BrokerSession session = new BrokerSession(paper, clock);
        RiskEngine risk = RiskEngine.builder().limits(s.limits()).clock(clock).startingCash(s.initialCash()).build();
        this.pipeline = TradingPipeline.builder().signals(signals).risk(risk)
                .sizer(new PositionSizer(s.sizing(), s.costs())).broker(session).clock(clock)
                .timeFrame(s.timeFrame()).expectedMove(s.expectedMove()).atrPeriod(s.atrPeriod())
                .volatilityWindow(s.volatilityWindow()).build();
        session.addListener(new BrokerListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                if (event instanceof OrderEvent.Execution e) {
                    Fill f = e.fill();
                    if (keepFills) {
                        fills.add(f);
                    }
                    trips.onFill(f);
                    fees += f.fee();
                    notional += f.notional();
                    if (current != null) {
                        slippage += Math.abs(f.price() - current.open()) * f.quantity();
                    }
                }
            }
        });
        session.connect();
        if (signals instanceof PolicySignalSource policy) {
            // The policy observes the account it trades: the paper broker's.
            policy.usePortfolio(paper::portfolio);
        }
    }

    /** The bar arrives: the clock moves to its close and the paper broker fills against it. */
    public void arrive(Bar bar) {
        current = bar;
        clock.advanceTo(bar.time() + settings.timeFrame().millis());
        paper.onBar(settings.instrument(), bar);
    }

    /**
     * The bar arrives as the trades inside it: each trade at or after the bar's open is handed to
     * the paper broker in order, then the clock moves to the bar's close.
     *
     * @param trades trades in time order
     * @param next   index of the first trade not yet handed out
     * @return the index of the first trade after this bar
     */
    public int arrive(Bar bar, List<Trade> trades, int next) {
        current = bar;
        long close = bar.time() + settings.timeFrame().millis();
        int i = next;
        while (i < trades.size() && trades.get(i).time() < close) {
            Trade t = trades.get(i++);
            if (t.time() >= bar.time()) {
                clock.advanceTo(Math.max(clock.millis(), t.time()));
                paper.onTrade(settings.instrument(), t);
            }
        }
        clock.advanceTo(close);
        return i;
    }

    /** The pipeline decides on the bar that last arrived. */
    public Decision decide(Bar bar) {
        return pipeline.onBar(settings.instrument(), bar);
    }

    /** The pipeline deciding on this market's bars. */
    public TradingPipeline pipeline() {
        return pipeline;
    }

    /** The paper broker's account, marked at the last close. */
    public Portfolio portfolio() {
        return paper.portfolio();
    }

    /** Equity at the last close. */
    public double equity() {
        return paper.portfolio().equity();
    }

    /** The filled position, signed. */
    public double position() {
        return paper.portfolio().position(settings.instrument()).quantity();
    }

    /** Fills so far (empty unless kept). */
    public List<Fill> fills() {
        return fills;
    }

    /** Closed round trips' net PnL. */
    public RoundTrips trips() {
        return trips;
    }

    /** Fees paid so far. */
    public double fees() {
        return fees;
    }

    /** Traded notional so far. */
    public double notional() {
        return notional;
    }

    /** Price slippage against the filling bar's open so far, quote currency. */
    public double slippage() {
        return slippage;
    }

    /** The bar that last arrived, or null. */
    public Bar current() {
        return current;
    }
}

package dev.sextant.trading.flink;

import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.TradingPipeline;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import java.util.Comparator;

/**
 * One account trading many instruments in one process: a simulated clock, a seeded paper broker,
 * one risk engine whose limits see every instrument of the account, and the
 * {@link TradingPipeline}, wired as the backtester wires them for one instrument.
 *
 * <p>This is the single-process pipeline the Flink job must equal: the job's account stage feeds
 * one book per account with the signals its instrument stage computed, and
 * {@code FlinkTradingJobTest} feeds another with a {@link dev.sextant.trading.engine.ModelSignalSource}
 * directly. Feed bars in the order of their close time, instruments of the same close time in the
 * order of {@link Instrument#id()} ({@link #ORDER}); that order makes the risk engine's view, and so
 * every decision, independent of how the instruments were partitioned.
 *
 * <p>Not thread-safe: one thread feeds it.
 */
public final class AccountBook {
    /** The order an account decides in: close time, then instrument id. */
    public static final Comparator<InstrumentBar> ORDER = Comparator
            .comparingLong(InstrumentBar::closeTime).thenComparing(b -> b.instrument().id());

    private final long frameMillis;
    private final SimulatedClock clock;
    private final PaperBroker paper;
    private final TradingPipeline pipeline;

    /**
     * A book whose clock starts at {@code startMillis}.
     *
     * @param settings    the account's settings
     * @param signals     where the pipeline's signals come from
     * @param startMillis epoch milliseconds, at or before the open of the first bar
     */
    public AccountBook(AccountSettings settings, SignalSource signals, long startMillis) {
        Checks.notNull(settings, "settings");
        Checks.notNull(signals, "signals");
        // The account's settings; the instrument of a backtest config is not used by the pipeline.
        BacktestConfig s = settings.backtestConfig(Instrument.equity("ACCOUNT", "PAPER"));
        this.frameMillis = s.timeFrame().millis();
        this.clock = new SimulatedClock(startMillis);
        this.paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(s.initialCash())
                .costModel(s.costs()).seed(s.seed()).build(), clock);
        BrokerSession session = new BrokerSession(paper, clock);
        RiskEngine risk = RiskEngine.builder().limits(s.limits()).clock(clock).startingCash(s.initialCash()).build();
        this.pipeline = TradingPipeline.builder().signals(signals).risk(risk)
                .sizer(new PositionSizer(s.sizing(), s.costs())).broker(session).clock(clock)
                .timeFrame(s.timeFrame()).expectedMove(s.expectedMove()).atrPeriod(s.atrPeriod())
                .volatilityWindow(s.volatilityWindow()).build();
        session.connect();
    }

    /**
     * The bar closes: the clock moves to its close, the paper broker fills what was decided before
     * against it, and the pipeline decides on it.
     *
     * @param bar a closed bar of the book's time frame, not before the last one
     * @return the pipeline's decision
     * @throws IllegalArgumentException if the bar's length is not the account's time frame
     */
    public Decision decide(InstrumentBar bar) {
        Checks.notNull(bar, "bar");
        if (bar.frameMillis() != frameMillis) {
            throw new IllegalArgumentException("account trades " + frameMillis + " ms bars but the bar of "
                    + bar.instrument().id() + " at " + bar.bar().time() + " is " + bar.frameMillis() + " ms long");
        }
        clock.advanceTo(Math.max(clock.millis(), bar.closeTime()));
        paper.onBar(bar.instrument(), bar.bar());
        return pipeline.onBar(bar.instrument(), bar.bar());
    }

    /** The risk engine: positions, limits and the kill switch across the account's instruments. */
    public RiskEngine risk() {
        return pipeline.risk();
    }
}

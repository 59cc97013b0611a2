package dev.sextant.trading.live.registry;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalOptions;
import dev.sextant.trading.live.JournalStores;
import dev.sextant.trading.live.ReplayBarFeed;
import dev.sextant.trading.live.SessionComponent;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A paper session whose signal source and components come from the test, with fresh components on
 * every build (as after a restart), and two deterministic signal sources to put in a lineup.
 */
final class LineupRig implements AutoCloseable {
    static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");
    static final double CASH = 100_000;
    /** A large group, so that a crash loses buffered records and recovery must re-create them. */
    static final JournalOptions OPTIONS = JournalOptions.defaults().withGroupSize(10_000);

    final TradingSession session;
    final ReplayBarFeed feed;

    /**
     * @param signals    the pipeline's signal source
     * @param components the session's components
     */
    LineupRig(Path journal, BarSeries series, int fromIndex, SignalSource signals, List<SessionComponent> components) {
        TimeFrame frame = series.timeFrame();
        SimulatedClock clock = new SimulatedClock(series.bar(0).time());
        CostModel costs = CostModel.ofBps(2, 1);
        PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(CASH).costModel(costs).seed(7).build(), clock);
        RiskEngine risk = RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(CASH).build();
        TradingSession.Builder b = TradingSession.builder().journal(Journal.open(JournalStores.sqlite(journal), OPTIONS))
                .clock(clock).timeFrame(frame).instrument(BTC).signals(signals).risk(risk)
                .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.2), 0, true), costs))
                .paperVenue(paper);
        components.forEach(b::component);
        this.session = b.build();
        List<Bar> bars = new ArrayList<>();
        for (int i = fromIndex; i < series.size(); i++) {
            bars.add(series.bar(i));
        }
        this.feed = new ReplayBarFeed(BTC, frame, bars, ReplayBarFeed.MAX_SPEED);
    }

    static <T extends JournalEvent> List<T> events(Path journal, Class<T> type) {
        List<T> out = new ArrayList<>();
        try (Journal j = Journal.open(JournalStores.sqlite(journal))) {
            j.replay(1, r -> {
                if (type.isInstance(r.event())) {
                    out.add(type.cast(r.event()));
                }
            });
        }
        return out;
    }

    @Override
    public void close() {
        feed.stop();
        session.close();
    }

    /**
     * BUY after a rise of more than 0.1 %, SELL after a fall, HOLD otherwise (or the reverse when
     * contrarian); three bars of warm-up.
     */
    static SignalSource momentum(String modelId, boolean contrarian) {
        Map<Instrument, double[]> state = new HashMap<>();
        return (instrument, frame, bar) -> {
            double[] s = state.computeIfAbsent(instrument, i -> new double[2]);
            double previous = s[0];
            s[0] = bar.close();
            s[1]++;
            if (s[1] < 3) {
                return SignalResult.warmingUp();
            }
            double change = (bar.close() / previous - 1) * (contrarian ? -1 : 1);
            Direction d = change > 0.001 ? Direction.BUY : change < -0.001 ? Direction.SELL : Direction.HOLD;
            return SignalResult.of(signal(instrument, frame, bar, d, modelId));
        };
    }

    /** The same fixed probabilities on every bar after one bar of warm-up. */
    static SignalSource constant(String modelId, ClassProbabilities p) {
        Map<Instrument, Integer> seen = new HashMap<>();
        Function<ClassProbabilities, Direction> top = q -> q.buy() >= q.sell() && q.buy() >= q.hold() ? Direction.BUY
                : q.sell() >= q.hold() ? Direction.SELL : Direction.HOLD;
        return (instrument, frame, bar) -> {
            if (seen.merge(instrument, 1, Integer::sum) < 2) {
                return SignalResult.warmingUp();
            }
            return SignalResult.of(new Signal(instrument, Instant.ofEpochMilli(bar.time() + frame.millis()), top.apply(p), p,
                    Math.max(p.buy(), Math.max(p.sell(), p.hold())), modelId, "1"));
        };
    }

    private static Signal signal(Instrument instrument, TimeFrame frame, Bar bar, Direction d, String modelId) {
        ClassProbabilities p = switch (d) {
            case BUY -> new ClassProbabilities(0.1, 0.2, 0.7);
            case SELL -> new ClassProbabilities(0.7, 0.2, 0.1);
            case HOLD -> new ClassProbabilities(0.2, 0.6, 0.2);
        };
        return new Signal(instrument, Instant.ofEpochMilli(bar.time() + frame.millis()), d, p,
                Math.max(p.buy(), Math.max(p.sell(), p.hold())), modelId, "1");
    }
}

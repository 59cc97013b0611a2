package dev.sextant.trading.live;

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
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A paper session on synthetic bars with a deterministic momentum signal, as a user would wire
 * one: every run builds fresh components, so a restart must rebuild its state from the journal.
 * Public, with its {@link Momentum} signal and journal helpers, for other modules' session tests
 * (this module's test-jar).
 */
public final class SessionRig implements AutoCloseable {
    static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");
    static final double CASH = 100_000;

    final PaperBroker paper;
    final TradingSession session;
    final ReplayBarFeed feed;
    final TimeFrame timeFrame;

    SessionRig(Path journalFile, BarSeries series, int fromIndex, double fraction, JournalOptions options) {
        this(journalFile, series, fromIndex, fraction, options, null);
    }

    SessionRig(Path journalFile, BarSeries series, int fromIndex, double fraction, JournalOptions options,
            java.util.function.Consumer<TradingSession.Builder> customise) {
        this.timeFrame = series.timeFrame();
        SimulatedClock clock = new SimulatedClock(series.bar(0).time());
        CostModel costs = CostModel.ofBps(2, 1);
        this.paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(CASH).costModel(costs).seed(7).build(), clock);
        RiskEngine risk = RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(CASH).build();
        TradingSession.Builder b = TradingSession.builder()
                .journal(Journal.open(JournalStores.sqlite(journalFile), options))
                .clock(clock).timeFrame(timeFrame).instrument(BTC).signals(new Momentum(timeFrame)).risk(risk)
                .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(fraction), 0, true), costs))
                .paperVenue(paper).bundle("momentum 1", "00".repeat(32)).limitsDigest("defaults");
        if (customise != null) {
            customise.accept(b);
        }
        this.session = b.build();
        List<Bar> bars = new ArrayList<>();
        for (int i = fromIndex; i < series.size(); i++) {
            bars.add(series.bar(i));
        }
        this.feed = new ReplayBarFeed(BTC, timeFrame, bars, ReplayBarFeed.MAX_SPEED);
    }

    static BarSeries bars(int count) {
        return SyntheticBars.randomWalk(count, 0.01, 11);
    }

    /**
     * Copies the committed state of a SQLite journal as a crash at this moment would leave it.
     *
     * @throws IOException if a file cannot be copied
     */
    public static void crashCopy(Path journalFile, Path target) throws IOException {
        Files.copy(journalFile, target, StandardCopyOption.REPLACE_EXISTING);
        Path wal = journalFile.resolveSibling(journalFile.getFileName() + "-wal");
        if (Files.exists(wal)) {
            Files.copy(wal, target.resolveSibling(target.getFileName() + "-wal"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The events of {@code type} in the SQLite journal at {@code journalFile}, in journal order. */
    public static List<JournalEvent> events(Path journalFile, Class<? extends JournalEvent> type) {
        List<JournalEvent> out = new ArrayList<>();
        try (Journal j = Journal.open(JournalStores.sqlite(journalFile))) {
            j.replay(1, r -> {
                if (type.isInstance(r.event())) {
                    out.add(r.event());
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

    /** BUY after a rise of more than 0.1 %, SELL after a fall, HOLD otherwise; three bars of warm-up. */
    public static final class Momentum implements SignalSource {
        private final TimeFrame timeFrame;
        private final Map<Instrument, double[]> state = new HashMap<>();

        /** A momentum signal on bars of {@code timeFrame}; its signals are for the close of each bar. */
        public Momentum(TimeFrame timeFrame) {
            this.timeFrame = timeFrame;
        }

        @Override
        public SignalResult onBar(Instrument instrument, TimeFrame frame, Bar bar) {
            double[] s = state.computeIfAbsent(instrument, i -> new double[2]);
            double previous = s[0];
            s[0] = bar.close();
            s[1]++;
            if (s[1] < 3) {
                return SignalResult.warmingUp();
            }
            double change = bar.close() / previous - 1;
            Direction d = change > 0.001 ? Direction.BUY : change < -0.001 ? Direction.SELL : Direction.HOLD;
            ClassProbabilities p = switch (d) {
                case BUY -> new ClassProbabilities(0.1, 0.2, 0.7);
                case SELL -> new ClassProbabilities(0.7, 0.2, 0.1);
                case HOLD -> new ClassProbabilities(0.2, 0.6, 0.2);
            };
            double confidence = Math.max(p.buy(), Math.max(p.sell(), p.hold()));
            return SignalResult.of(new Signal(instrument, Instant.ofEpochMilli(bar.time() + timeFrame.millis()), d, p,
                    confidence, "momentum", "1"));
        }
    }
}

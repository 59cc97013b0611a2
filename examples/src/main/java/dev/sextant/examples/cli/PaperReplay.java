package dev.sextant.examples.cli;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.DriftGuard;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalStores;
import dev.sextant.trading.live.ReplayBarFeed;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.metrics.SessionMetrics;
import dev.sextant.trading.models.bundle.BundleManifest;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.notify.NotificationDispatcher;
import dev.sextant.trading.notify.NotifySettings;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * A paper session over recorded bars as {@code sextant paper} and {@code sextant serve --paper-input}
 * build it: a simulated clock at the first bar, the paper venue, risk engine and sizer of the
 * backtest settings, and the journal. Each command adds its signals and observers to
 * {@link #builder} before building the session, and replays the bars after the last journaled one.
 */
final class PaperReplay {
    final BarSeries bars;
    final TimeFrame timeFrame;
    final BacktestConfig config;
    final RiskEngine risk;
    final Journal journal;
    final TradingSession.Builder builder;

    /**
     * Opens the journal at {@code journalLocation} (a SQLite file, created if absent, or a
     * {@code jdbc:postgresql:} URL) and wires the session's parts; {@code bars} must not be empty.
     */
    PaperReplay(BarSeries bars, TimeFrame timeFrame, BacktestConfig config, String journalLocation) {
        this.bars = bars;
        this.timeFrame = timeFrame;
        this.config = config;
        SimulatedClock clock = new SimulatedClock(bars.time(0));
        PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(config.initialCash())
                .costModel(config.costs()).seed(config.seed()).build(), clock);
        this.risk = RiskEngine.builder().limits(config.limits()).clock(clock).startingCash(config.initialCash()).build();
        this.journal = Journal.open(JournalStores.open(journalLocation));
        this.builder = TradingSession.builder()
                .journal(journal)
                .clock(clock).timeFrame(timeFrame).instrument(config.instrument())
                .risk(risk).sizer(new PositionSizer(config.sizing(), config.costs())).paperVenue(paper)
                .expectedMove(config.expectedMove());
    }

    /**
     * Trades the signals of {@code loaded}, with the bundle's drift monitors (feature, prediction
     * and performance drift, gating) running in the session and raising alerts to its observers;
     * the journal names the bundle by id and version, with {@code digest}.
     */
    void trade(ModelBundle loaded, String digest) {
        BundleManifest manifest = loaded.manifest();
        builder.signals(new ModelSignalSource(manifest.featureSpec(), loaded.model(), manifest.bundleId(),
                        manifest.bundleVersion(), DriftGuard.of(loaded, builder.driftListener()).orElse(null)))
                .bundle(manifest.bundleId() + " " + manifest.bundleVersion(), digest);
    }

    /** The session's metrics, bound to {@code registry} and observing the session; the caller closes them. */
    SessionMetrics metrics(MeterRegistry registry) {
        SessionMetrics metrics = new SessionMetrics(risk, false);
        metrics.bindTo(registry);
        builder.observer(metrics);
        return metrics;
    }

    /** Opens the notifiers of {@code settings} and lets them observe the session; the caller closes the dispatcher. */
    NotificationDispatcher notifications(NotifySettings settings) {
        NotificationDispatcher notifications = settings.openDispatcher();
        builder.observer(settings.observer(notifications));
        return notifications;
    }

    /** A feed replaying the bars from index {@code from} (the first not journaled) at {@code pace}. */
    ReplayBarFeed feed(long from, double pace) {
        List<Bar> remaining = new ArrayList<>();
        for (long i = from; i < bars.size(); i++) {
            remaining.add(bars.bar((int) i));
        }
        return new ReplayBarFeed(config.instrument(), timeFrame, remaining, pace);
    }
}

package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.AtomicFileWriter;
import dev.sextant.trading.core.io.IoErrors;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.engine.Progress;
import dev.sextant.trading.engine.lifecycle.PromotionRule;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalRecord;
import dev.sextant.trading.live.Recovery;
import dev.sextant.trading.live.ReplayBarFeed;
import dev.sextant.trading.live.SessionHistory;
import dev.sextant.trading.live.SessionObserver;
import dev.sextant.trading.live.SessionState;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.live.registry.RegistryAudit;
import dev.sextant.trading.live.registry.RegistryLineup;
import dev.sextant.trading.live.registry.ShadowPromotion;
import dev.sextant.trading.metrics.NotificationMetrics;
import dev.sextant.trading.metrics.PrometheusEndpoint;
import dev.sextant.trading.metrics.SessionMetrics;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.notify.NotificationDispatcher;
import dev.sextant.trading.notify.NotifySettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code sextant paper}: a model bundle traded through the live path (feed thread, paper venue,
 * journal) on recorded bars, resumable after a crash from its journal.
 */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = "Run a paper trading session: replay bars through the live path (feed thread, paper venue, "
                + "write-ahead journal). With an existing journal it recovers and resumes after the last journaled bar. "
                + "SIGTERM stops gracefully (working orders cancelled, journal flushed, exit 0).")
public final class PaperCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", description = "Model bundle directory or zip (from sextant train); this or --registry.")
    Path bundle;

    @Option(names = "--registry", paramLabel = "R",
            description = "Trade the champion of this model registry (a SQLite file or jdbc:postgresql: URL, see sextant "
                    + "models) with its challengers in shadow, instead of --bundle; challengers registered while the "
                    + "session runs join at the next bar boundary.")
    String registryLocation;

    @Option(names = "--auto-promote",
            description = "With --registry: promote a challenger to champion in the session when the promotion rule "
                    + "(alpha 0.05, at least 250 scored bars, a decision every 250) decides for it (journaled, registry updated).")
    boolean autoPromote;

    @Mixin
    BarsInput input;

    @Option(names = "--journal", required = true,
            description = "The session journal: a SQLite file (created if absent), or jdbc:postgresql://host:port/db?user=..#name.")
    String journal;

    @Option(names = "--speed", defaultValue = "max",
            description = "Replay speed: 1 is real time, N is N times faster, max as fast as possible (default ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--stale-after-bars", defaultValue = "3",
            description = "Trip the kill switch when no bar arrives for this many time frames at the replay speed "
                    + "(default ${DEFAULT-VALUE}; not applied at --speed max).")
    double staleAfterBars;

    @Option(names = "--metrics-port",
            description = "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics while the session runs (0: any free port).")
    Integer metricsPort;

    @Option(names = "--notify", paramLabel = "FILE",
            description = "Send notifications (kill switch, rejected orders, daily summary) to Telegram and/or a webhook "
                    + "as set in this JSON file; secrets come from the environment variables it names (see docs/notify.md).")
    Path notify;

    @Option(names = "--report", defaultValue = "paper-report", description = "Report folder for state.json and the session's equity.csv, trades.csv, exposure.csv, "
            + "backtest.json and run.json (default ${DEFAULT-VALUE}).")
    Path report;

    @Mixin
    TearSheetOption tearSheet;

    @Mixin
    TradingOptions trading;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        double pace = ReplayBarFeed.parseSpeed(speed);
        if (!(staleAfterBars > 0)) {
            throw new IllegalArgumentException("--stale-after-bars must be positive but was " + staleAfterBars);
        }
        // Settings first: a mistake in them fails in a second, not after the bars and bundle load.
        NotifySettings notifySettings = notify == null ? null : NotifySettings.read(notify, System::getenv);
        BarSeries bars = input.load();
        TimeFrame tf = BarsInput.timeFrameOf(bars);
        if (bars.size() == 0) {
            throw new IllegalArgumentException("--input " + input.path() + ": no bars");
        }
        BacktestConfig cfg = trading.backtest(tf, false);
        if ((bundle == null) == (registryLocation == null)) {
            throw new IllegalArgumentException("give exactly one of --bundle and --registry");
        }
        if (autoPromote && registryLocation == null) {
            throw new IllegalArgumentException("--auto-promote needs --registry");
        }
        try (ModelRegistry models = registryLocation == null ? null : openRegistry(registryLocation);
             ModelBundle loaded = bundle == null ? null : ModelBundle.load(bundle)) {
            PaperReplay replay = new PaperReplay(bars, tf, cfg, journal);
            TradingSession.Builder builder = replay.builder
                    .limitsDigest(trading.limits == null ? "" : sha256(trading.limits));
            RegistryLineup lineup = null;
            if (loaded != null) {
                replay.trade(loaded, bundleDigest(bundle));
            } else {
                lineup = new RegistryLineup(models, builder.driftListener(), autoPromote
                        ? Optional.of(PromotionRule.defaults()) : Optional.empty(), ShadowPromotion.DEFAULT_CHECK_EVERY, 1);
                builder.signals(lineup.signals()).bundle(lineup.champion().label(), lineup.champion().digest());
                lineup.components().forEach(builder::component);
                out.printf(Locale.ROOT, "registry %s: champion version %d (%s), lineup %s%s%n", models.location(),
                        lineup.champion().version(), lineup.champion().label(), lineup.lineup().versions(),
                        autoPromote ? ", promotion by the rule" : "");
            }
            PrometheusMeterRegistry registry = null;
            SessionMetrics metrics = null;
            if (metricsPort != null) {
                if (metricsPort < 0 || metricsPort > 65_535) {
                    throw new IllegalArgumentException("--metrics-port must be in 0..65535 but was " + metricsPort);
                }
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                metrics = replay.metrics(registry);
            }
            BarProgress progress = new BarProgress(pace == ReplayBarFeed.MAX_SPEED
                    ? ConsoleProgress.on(spec.commandLine().getErr()) : Progress.NONE);
            builder.observer(progress);
            NotificationDispatcher notifications = null;
            NotificationMetrics notificationMetrics = null;
            if (notifySettings != null) {
                notifications = replay.notifications(notifySettings);
                if (registry != null) {
                    notificationMetrics = new NotificationMetrics(notifications);
                    notificationMetrics.bindTo(registry);
                }
            }
            if (pace != ReplayBarFeed.MAX_SPEED) {
                builder.staleAfter(Duration.ofNanos((long) (staleAfterBars * tf.millis() * 1e6 / pace)));
            }
            try (TradingSession session = builder.build();
                 PrometheusEndpoint endpoint = registry == null ? null
                         : PrometheusEndpoint.start(registry, new InetSocketAddress("127.0.0.1", metricsPort))) {
                if (endpoint != null) {
                    out.println("metrics: http://127.0.0.1:" + endpoint.port() + "/metrics");
                    out.flush();
                }
                Recovery recovery = session.recover();
                recovery.tornRecord().ifPresent(t -> out.println("journal: repaired a torn last record (seq " + t.seq()
                        + "): " + t.reason()));
                if (!recovery.fresh()) {
                    out.printf(Locale.ROOT, "journal: recovered %d records (%d re-created after the crash), resuming at bar %d of %d%n",
                            recovery.replayedRecords(), recovery.appendedRecords(), recovery.nextInputIndex(), bars.size());
                }
                recovery.reconciliation().forEach(d -> out.println("reconciliation: " + d));
                ReplayBarFeed feed = replay.feed(recovery.nextInputIndex(), pace);
                progress.total = feed.remaining();
                AtomicBoolean terminated = new AtomicBoolean();
                Runnable restore = ShutdownSignals.on(() -> {
                    terminated.set(true);
                    feed.stop();
                }, "TERM");
                try {
                    session.start(feed);
                    feed.start();
                    feed.awaitCompletion();
                } finally {
                    restore.run();
                }
                session.stop(terminated.get() ? "SIGTERM" : "end of input");
                SessionState state = session.state();
                writeState(state, report);
                // The whole session, every resumed run included, rebuilt from the journal for the tear sheet.
                SessionHistory.fromJournal(replay.journal, cfg.instrument(), cfg.initialCash()).write(cfg, "paper", report);
                out.printf(Locale.ROOT, "paper session %s on %s %s bars of %s: %s%n", session.sessionId(), tf,
                        cfg.instrument().id(), input.path().getFileName(), terminated.get() ? "stopped by SIGTERM" : "end of input");
                out.printf(Locale.ROOT, "  decisions %d  orders %d  fills %d  cash %.2f  equity %.2f  open orders %d%s%n",
                        state.decisions(), state.orders(), state.fills(), state.cash(), state.equity(),
                        state.openOrders().size(), state.killSwitchTripped() ? "  KILL SWITCH TRIPPED" : "");
                out.println("journal: " + journal + "; state: " + report.resolve("state.json").toAbsolutePath().normalize());
                tearSheet.write(report, out);
                if (notifications != null) {
                    // Close delivers what the stop queued (the last summary) for up to its time-out.
                    notifications.close();
                    out.printf(Locale.ROOT, "notifications (%s): %d delivered, %d dropped%n",
                            String.join(", ", notifySettings.notifierNames()), notifications.delivered(), notifications.dropped());
                }
            } finally {
                if (notifications != null) {
                    notifications.close();
                }
                if (notificationMetrics != null) {
                    notificationMetrics.close();
                }
                if (metrics != null) {
                    metrics.close();
                }
                if (lineup != null) {
                    lineup.close();
                }
            }
        }
        out.flush();
        return 0;
    }

    /** The registry: its champion, challengers and history; the session journals its own changes to it. */
    private static ModelRegistry openRegistry(String location) {
        if (!location.startsWith("jdbc:") && !Files.exists(Path.of(location))) {
            throw new IllegalArgumentException("--registry " + location + ": no such file (create it with sextant models register)");
        }
        return ModelRegistry.open(location, RegistryAudit.none());
    }

    /** Tells a {@link Progress} of each bar the session takes (records re-created by recovery are not observed). */
    private static final class BarProgress implements SessionObserver {
        private final Progress progress;
        volatile long total;
        private long done;

        BarProgress(Progress progress) {
            this.progress = progress;
        }

        @Override
        public void onRecord(JournalRecord record) {
            if (record.event() instanceof JournalEvent.BarConsumed && total > 0) {
                progress.update("paper session bars", Math.min(++done, total), total);
            }
        }
    }

    /** Writes {@code DIR/state.json}: cash, equity, positions, open orders and the counts. */
    static void writeState(SessionState state, Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cash", state.cash());
        m.put("equity", state.equity());
        m.put("positions", state.positions());
        m.put("open_orders", state.openOrders());
        m.put("decisions", state.decisions());
        m.put("orders", state.orders());
        m.put("fills", state.fills());
        m.put("kill_switch_tripped", state.killSwitchTripped());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + IoErrors.reason(e), e);
        }
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(m);
        AtomicFileWriter.writeTextUnchecked(dir.resolve("state.json"), w -> w.write(json));
    }

    /** SHA-256 of a bundle: of its checksum file (covering manifest and models) for a directory, of the zip otherwise. */
    private static String bundleDigest(Path bundle) {
        Path sums = bundle.resolve(ModelBundle.CHECKSUMS);
        return sha256(Files.isDirectory(bundle) ? sums : bundle);
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + IoErrors.reason(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}

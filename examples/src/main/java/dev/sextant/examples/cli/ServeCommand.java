package dev.sextant.examples.cli;

import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.SeriesSummary;
import dev.sextant.trading.core.io.ValidationPolicy;
import dev.sextant.trading.engine.BacktestConfig;
import dev.sextant.trading.live.ReplayBarFeed;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.live.registry.RegistryAudit;
import dev.sextant.trading.metrics.SessionMetrics;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.notify.NotificationDispatcher;
import dev.sextant.trading.notify.NotifySettings;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.service.AccessTokens;
import dev.sextant.trading.service.ModelVersions;
import dev.sextant.trading.service.RegistryModels;
import dev.sextant.trading.service.ServiceLimits;
import dev.sextant.trading.service.SessionMonitor;
import dev.sextant.trading.service.SignalEngine;
import dev.sextant.trading.service.SignalService;
import dev.sextant.trading.service.Tls;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sextant serve}: the signal service and dashboard for a bundle, optionally with a paper
 * session replaying recorded bars behind the dashboard. Runs until SIGTERM or SIGINT.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the signal API (POST /api/v1/signal), the session API and the dashboard (/dashboard/) for a "
                + "model bundle. With --paper-input, a paper session replays those bars and the dashboard shows it. "
                + "Runs until SIGTERM or SIGINT.")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bundle", required = true, description = "Model bundle directory or zip (from sextant train).")
    Path bundle;

    @Option(names = "--port", required = true, description = "TCP port (0: any free port; the one used is printed).")
    int port;

    @Option(names = "--tokens", required = true,
            description = "Tokens file: a JSON array of {\"role\": \"viewer\"|\"operator\", \"sha256\": \"<hex SHA-256 of the token>\"}.")
    Path tokens;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--tls-keystore", description = "PKCS#12 or JKS key store with the server's key: serve HTTPS.")
    Path tlsKeyStore;

    @Option(names = "--tls-password-env", defaultValue = "SEXTANT_TLS_PASSWORD",
            description = "Environment variable holding the key store's password (default ${DEFAULT-VALUE}).")
    String tlsPasswordEnv;

    @Option(names = "--max-body-bytes", description = "Largest request body in bytes (default 1048576).")
    Long maxBodyBytes;

    @Option(names = "--rate", description = "Requests per second per token (default 50).")
    Double rate;

    @Option(names = "--burst", description = "Requests a token may make at once (default 100).")
    Integer burst;

    @Option(names = "--max-concurrent", description = "Requests handled at once (default 2 per processor, at least 4).")
    Integer maxConcurrent;

    @Option(names = "--max-queued", description = "Requests waiting for a slot before 503 (default 64).")
    Integer maxQueued;

    @Option(names = "--paper-input", description = "Bars CSV to replay through a paper session shown by the dashboard.")
    Path paperInput;

    @Option(names = "--journal", description = "SQLite journal of the paper session (default: a file next to the input).")
    String journal;

    @Option(names = "--speed", defaultValue = "1",
            description = "Replay speed of the paper session: 1 real time, N times faster, max (default ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--notify", paramLabel = "FILE",
            description = "With --paper-input: send the session's notifications (kill switch, rejected orders, drift alerts, "
                    + "promotions and rollbacks, daily summary) as set in this JSON file; secrets come from the environment "
                    + "variables it names (see docs/notify.md).")
    Path notify;

    @Option(names = "--registry", paramLabel = "R",
            description = "Model registry (SQLite file, or jdbc:postgresql:...#name) whose champion and challengers the "
                    + "dashboard shows, read at each request (see sextant models).")
    String registryLocation;

    @Mixin
    TradingOptions trading;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ServiceLimits limits = limits();
        AccessTokens accessTokens = AccessTokens.load(tokens);
        BarSeries bars = paperInput == null ? null
                : MarketDataFiles.loadBars(paperInput, ValidationPolicy.STRICT, TimeFrame.M1).series();
        TimeFrame tf = bars == null ? TimeFrame.M1 : bars.timeFrame() != null ? bars.timeFrame()
                : SeriesSummary.detectTimeFrame(bars);
        if (bars != null && bars.size() == 0) {
            throw new IllegalArgumentException("--paper-input " + paperInput + ": no bars");
        }
        NotifySettings notifySettings = notify == null ? null : NotifySettings.read(notify, System::getenv);
        if (notifySettings != null && bars == null) {
            throw new IllegalArgumentException("--notify " + notify + ": notifications come from a paper session; give "
                    + "--paper-input");
        }
        BacktestConfig cfg = trading.backtest(tf, false);
        if (registryLocation != null && !registryLocation.startsWith("jdbc:") && !Files.isRegularFile(Path.of(registryLocation))) {
            throw new IllegalArgumentException("--registry " + registryLocation + ": no such registry file");
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // The service and the session each load the bundle: a model is called by one thread at a time.
        try (ModelBundle served = ModelBundle.load(bundle);
             ModelBundle traded = bars == null ? null : ModelBundle.load(bundle);
             ModelRegistry models = registryLocation == null ? null : ModelRegistry.open(registryLocation, RegistryAudit.none())) {
            TradingSession session = null;
            SessionMonitor monitor = null;
            SessionMetrics metrics = null;
            ReplayBarFeed feed = null;
            NotificationDispatcher notifications = null;
            if (bars != null) {
                PaperReplay replay = new PaperReplay(bars, tf, cfg, journal != null ? journal
                        : paperInput.toAbsolutePath() + ".serve-journal.db");
                // With the bundle's drift reference, the session's monitors raise drift alerts to its observers
                // (the dashboard's monitor, notifications).
                replay.trade(traded, "");
                monitor = new SessionMonitor(replay.risk);
                replay.builder.observer(monitor);
                metrics = replay.metrics(registry);
                if (notifySettings != null) {
                    notifications = replay.notifications(notifySettings);
                }
                session = replay.builder.build();
                var recovery = session.recover();
                feed = replay.feed(recovery.nextInputIndex(), ReplayBarFeed.parseSpeed(speed));
            }
            RiskEngine sessionRisk = session == null ? null : session.risk();
            SignalEngine engine = SignalEngine.builder(served).limits(cfg.limits())
                    .sizer(new PositionSizer(cfg.sizing(), cfg.costs())).expectedMove(cfg.expectedMove())
                    .equity(sessionRisk == null ? cfg::initialCash : sessionRisk::equity).build();
            SignalService.Builder builder = SignalService.builder(engine).tokens(accessTokens).limits(limits).host(host)
                    .port(port).metrics(registry);
            if (session != null) {
                builder.session(session, monitor);
            }
            SessionMonitor alerts = monitor;
            Supplier<List<String>> driftAlerts = alerts == null ? List::of : alerts::driftAlerts;
            if (models != null) {
                builder.models(new RegistryModels(models, engine.modelVersion(), driftAlerts));
            } else if (alerts != null) {
                String champion = engine.modelVersion();
                builder.models(() -> new ModelVersions(champion, List.of(), driftAlerts.get()));
            }
            if (tlsKeyStore != null) {
                String password = System.getenv(tlsPasswordEnv);
                if (password == null) {
                    throw new IllegalArgumentException("--tls-keystore " + tlsKeyStore + ": the environment variable "
                            + tlsPasswordEnv + " holding its password is not set");
                }
                builder.tls(Tls.fromKeyStore(tlsKeyStore, password.toCharArray()));
            }
            CountDownLatch stop = new CountDownLatch(1);
            Runnable restore = ShutdownSignals.on(stop::countDown, "TERM", "INT");
            try (SignalService service = builder.start()) {
                out.println("serving " + service.baseUrl() + " (model " + engine.modelVersion() + ", warm-up "
                        + engine.warmUpBars() + " bars)");
                out.println("dashboard: " + service.baseUrl() + "/dashboard/");
                if (models != null) {
                    out.println("registry: " + models.location());
                }
                out.flush();
                if (feed != null) {
                    session.start(feed);
                    feed.start();
                }
                stop.await();
                out.println("stopping");
            } finally {
                restore.run();
                if (feed != null) {
                    feed.stop();
                }
                if (session != null) {
                    session.close();
                }
                if (notifications != null) {
                    // Delivers what the stop queued (the last summary) for up to its time-out.
                    notifications.close();
                }
                if (metrics != null) {
                    metrics.close();
                }
            }
        }
        out.flush();
        return 0;
    }

    private ServiceLimits limits() {
        ServiceLimits.Builder b = ServiceLimits.builder();
        if (maxBodyBytes != null) {
            b.maxBodyBytes(maxBodyBytes);
        }
        if (rate != null) {
            b.requestsPerSecond(rate);
        }
        if (burst != null) {
            b.burst(burst);
        }
        if (maxConcurrent != null) {
            b.maxConcurrentRequests(maxConcurrent);
        }
        if (maxQueued != null) {
            b.maxQueuedRequests(maxQueued);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be in 0..65535 but was " + port);
        }
        try {
            return b.maxQueueWait(Duration.ofSeconds(2)).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("service limits: " + e.getMessage(), e);
        }
    }
}

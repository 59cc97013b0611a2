package dev.sextant.trading.service;

import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.ModelSignalSource;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalStores;
import dev.sextant.trading.live.ReplayBarFeed;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A trained bundle (once per JVM), a paper session on synthetic bars that has run to the end of
 * its feed (and keeps running, so its kill switch can be used), and a service on loopback with a
 * viewer and an operator token.
 */
final class ServiceRig implements AutoCloseable {
    static final String VIEWER = "viewer-token-1";
    static final String OPERATOR = "operator-token-1";
    static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");
    static final BarSeries BARS = SyntheticBars.ar1(1_500, -0.25, 0.001, 5);

    private static Path bundleDir;

    final ModelBundle bundle;
    /** The session's own copy of the bundle: a model is called by one thread at a time. */
    ModelBundle sessionBundle;
    final SignalEngine engine;
    final TradingSession session;
    final SessionMonitor monitor;
    final SignalService service;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Trains (once) and writes the test bundle. */
    static synchronized Path bundle() {
        if (bundleDir == null) {
            try {
                Path dir = Files.createTempDirectory("sextant-service-bundle");
                try (TrainedBundle trained = BundleTrainer.train(BARS, TrainingConfig.builder(FeatureSpec.standard24())
                        .models("logistic").horizon(1).labelThreshold(0.25).bundleId("svc").build())) {
                    trained.write(dir.resolve("svc"), Map.of());
                }
                bundleDir = dir.resolve("svc");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundleDir;
    }

    static AccessTokens tokens() {
        return AccessTokens.parse("[{\"role\":\"viewer\",\"sha256\":\"" + AccessTokens.sha256Hex(VIEWER) + "\"},"
                + "{\"role\":\"operator\",\"name\":\"alice\",\"sha256\":\"" + AccessTokens.sha256Hex(OPERATOR) + "\"}]",
                "test tokens");
    }

    ServiceRig(Path dir, boolean withSession, ServiceLimits limits) throws InterruptedException {
        this(dir, withSession, limits, b -> b);
    }

    ServiceRig(Path dir, boolean withSession, ServiceLimits limits,
            java.util.function.UnaryOperator<SignalService.Builder> customise) throws InterruptedException {
        bundle = ModelBundle.load(bundle());
        engine = SignalEngine.builder(bundle).build();
        if (withSession) {
            SimulatedClock clock = new SimulatedClock(BARS.time(0));
            CostModel costs = CostModel.ofBps(2, 1);
            PaperBroker paper = new PaperBroker(PaperBrokerConfig.builder().initialCash(100_000).costModel(costs).seed(7)
                    .build(), clock);
            RiskEngine risk = RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(100_000).build();
            monitor = new SessionMonitor(risk);
            sessionBundle = ModelBundle.load(bundle());
            var manifest = sessionBundle.manifest();
            session = TradingSession.builder()
                    .journal(Journal.open(JournalStores.sqlite(dir.resolve("journal.db"))))
                    .clock(clock).timeFrame(BARS.timeFrame()).instrument(BTC)
                    .signals(new ModelSignalSource(manifest.featureSpec(), sessionBundle.model(), manifest.bundleId(),
                            manifest.bundleVersion()))
                    .risk(risk).sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.2), 0, true), costs))
                    .paperVenue(paper).bundle("svc 1", "00".repeat(32)).limitsDigest("defaults").observer(monitor).build();
            List<Bar> bars = new ArrayList<>();
            for (int i = BARS.size() - 300; i < BARS.size(); i++) {
                bars.add(BARS.bar(i));
            }
            ReplayBarFeed feed = new ReplayBarFeed(BTC, BARS.timeFrame(), bars, ReplayBarFeed.MAX_SPEED);
            session.start(feed);
            feed.start();
            feed.awaitCompletion();
        } else {
            session = null;
            monitor = null;
        }
        SignalService.Builder b = SignalService.builder(engine).tokens(tokens()).limits(limits).port(0);
        if (withSession) {
            b.session(session, monitor);
        }
        service = customise.apply(b).start();
    }

    /** A signal request body with the last {@code n} bars of the series. */
    static String signalBody(String symbol, int n) {
        StringBuilder sb = new StringBuilder("{\"symbol\":\"" + symbol + "\",\"bars\":[");
        for (int i = BARS.size() - n; i < BARS.size(); i++) {
            Bar b = BARS.bar(i);
            if (i > BARS.size() - n) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT,
                    "{\"timestamp\":\"%s\",\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,\"volume\":%s}",
                    b.instant(), b.open(), b.high(), b.low(), b.close(), b.volume()));
        }
        return sb.append("]}").toString();
    }

    HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).GET(), token);
    }

    HttpResponse<String> post(String path, String token, String body) {
        return send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), token);
    }

    HttpResponse<String> send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        service.close();
        if (session != null) {
            session.close();
            sessionBundle.close();
        }
        bundle.close();
    }
}

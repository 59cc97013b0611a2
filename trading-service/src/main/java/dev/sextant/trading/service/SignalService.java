package dev.sextant.trading.service;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.service.internal.Admission;
import dev.sextant.trading.service.internal.RateLimiter;
import dev.sextant.trading.service.internal.StaticFiles;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signal service: an HTTP(S) server embedded in the caller's process, on the JDK's own
 * {@code com.sun.net.httpserver} (no server library to pull in, HTTPS through an
 * {@link SSLContext}, one virtual thread per request behind an explicit bound on the requests in
 * flight).
 *
 * <p>Routes (see docs/service.md and {@code /openapi.json}): {@code POST /api/v1/signal},
 * {@code GET /api/v1/positions}, {@code /api/v1/risk}, {@code /api/v1/decisions?since=},
 * {@code /api/v1/equity}, {@code /api/v1/models}, {@code GET|POST /api/v1/kill-switch},
 * {@code GET /health}, {@code /metrics}, {@code /openapi.json}, and the dashboard under
 * {@code /dashboard/}. Positions, risk, decisions, equity and the kill switch come from the
 * attached {@link TradingSession}; without one they answer 404.
 *
 * <p>Every {@code /api} route and {@code /metrics} needs a bearer token ({@link AccessTokens});
 * only an {@link Role#OPERATOR} may post to the kill switch. Limits: {@link ServiceLimits}.
 *
 * <pre>{@code
 * try (SignalService service = SignalService.builder(SignalEngine.builder(bundle).build())
 *         .tokens(AccessTokens.load(Path.of("tokens.json")))
 *         .session(session, monitor)
 *         .port(8080)
 *         .start()) {
 *     ...
 * }
 * }</pre>
 *
 * Thread-safe; {@link #close()} stops the server at once.
 */
public final class SignalService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalService.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Admission admission;
    private final boolean tls;

    private SignalService(HttpServer server, ExecutorService executor, Admission admission, boolean tls) {
        this.server = server;
        this.executor = executor;
        this.admission = admission;
        this.tls = tls;
    }

    /** A builder around the engine that answers signal requests. */
    public static Builder builder(SignalEngine engine) {
        return new Builder(engine);
    }

    /** The port the server listens on (the one picked when port 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, {@code http://host:port} or {@code https://host:port}. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return (tls ? "https://" : "http://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Requests waiting for a slot now (at most {@link ServiceLimits#maxQueuedRequests()}). */
    public int waitingRequests() {
        return admission.waiting();
    }

    /** The most requests that ever waited for a slot at once; never above {@link ServiceLimits#maxQueuedRequests()}. */
    public int maxWaitingRequests() {
        return admission.maxWaiting();
    }

    /** Stops the server at once; requests in progress are cut off. The engine, session and bundle stay the caller's. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Builder of {@link SignalService}; not thread-safe. */
    public static final class Builder {
        private final SignalEngine engine;
        private AccessTokens tokens;
        private ServiceLimits limits = ServiceLimits.defaults();
        private TradingSession session;
        private SessionMonitor monitor;
        private Supplier<ModelVersions> models;
        private PrometheusMeterRegistry registry;
        private String host = "127.0.0.1";
        private int port = 8080;
        private SSLContext sslContext;
        private Path staticFiles;

        private Builder(SignalEngine engine) {
            this.engine = Checks.notNull(engine, "engine");
        }

        /** The accepted bearer tokens; required. */
        public Builder tokens(AccessTokens value) {
            this.tokens = Checks.notNull(value, "tokens");
            return this;
        }

        /** Body size, bar count, rate and concurrency limits (default {@link ServiceLimits#defaults()}). */
        public Builder limits(ServiceLimits value) {
            this.limits = Checks.notNull(value, "limits");
            return this;
        }

        /**
         * The running session whose positions, risk, decisions and kill switch the service shows,
         * and the monitor registered on it as an observer.
         *
         * @throws IllegalArgumentException if the monitor reads another risk engine than the session's
         */
        public Builder session(TradingSession value, SessionMonitor sessionMonitor) {
            Checks.notNull(value, "session");
            Checks.notNull(sessionMonitor, "monitor");
            if (sessionMonitor.risk() != value.risk()) {
                throw new IllegalArgumentException("the session monitor watches another risk engine than the session's; "
                        + "build it with new SessionMonitor(session's risk engine) and register it as the session's observer");
            }
            this.session = value;
            this.monitor = sessionMonitor;
            return this;
        }

        /** Where the model versions and drift alerts come from (default: the engine's bundle as champion, nothing else). */
        public Builder models(Supplier<ModelVersions> value) {
            this.models = Checks.notNull(value, "models");
            return this;
        }

        /**
         * Serves {@code registry} at {@code /metrics} and records the service's own meters in it
         * ({@code sextant.service.requests}, {@code sextant.service.refused},
         * {@code sextant.service.waiting}). Needs the optional {@code trading-metrics} artifact
         * (Micrometer) on the class path; without a registry {@code /metrics} answers 404.
         */
        public Builder metrics(PrometheusMeterRegistry value) {
            this.registry = Checks.notNull(value, "registry");
            return this;
        }

        /** The address to bind (default {@code 127.0.0.1}; {@code 0.0.0.0} for every interface). */
        public Builder host(String value) {
            this.host = Checks.notBlank(value, "host");
            return this;
        }

        /** The port (default 8080; 0 picks a free one). */
        public Builder port(int value) {
            this.port = Checks.inRange(value, 0, 65_535, "port");
            return this;
        }

        /** Serves HTTPS with this context (see {@link Tls#fromKeyStore}); default plain HTTP. */
        public Builder tls(SSLContext value) {
            this.sslContext = Checks.notNull(value, "sslContext");
            return this;
        }

        /** Serves the files of this folder under {@code /files/} (never anything outside it). */
        public Builder staticFiles(Path folder) {
            this.staticFiles = Checks.notNull(folder, "staticFiles");
            return this;
        }

        /**
         * Binds and starts the server.
         *
         * @throws IllegalStateException if no tokens were given
         * @throws UncheckedIOException  if the address cannot be bound, naming it
         */
        public SignalService start() {
            if (tokens == null) {
                throw new IllegalStateException("no access tokens: call tokens(AccessTokens.load(file))");
            }
            InetSocketAddress address = new InetSocketAddress(host, port);
            HttpServer server;
            try {
                if (sslContext != null) {
                    HttpsServer https = HttpsServer.create(address, 0);
                    https.setHttpsConfigurator(new HttpsConfigurator(sslContext));
                    server = https;
                } else {
                    server = HttpServer.create(address, 0);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            Admission admission = new Admission(limits.maxConcurrentRequests(), limits.maxQueuedRequests(),
                    limits.maxQueueWait());
            RequestMeters meters = registry == null ? RequestMeters.NONE
                    : new MicrometerRequestMeters(registry, admission::waiting);
            PrometheusMeterRegistry r = registry;
            Supplier<String> scrape = r == null ? null : r::scrape;
            String champion = engine.modelVersion();
            HttpApi api = new HttpApi(engine, tokens, limits, session, monitor,
                    models != null ? models : () -> ModelVersions.of(champion), scrape,
                    staticFiles == null ? null : StaticFiles.folder(staticFiles),
                    new RateLimiter(limits.requestsPerSecond(), limits.burst(), System::nanoTime), admission, meters);
            server.createContext("/", api);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            server.setExecutor(executor);
            server.start();
            SignalService service = new SignalService(server, executor, admission, sslContext != null);
            LOG.info("signal service on {} (model {}, session {})", service.baseUrl(), champion,
                    session == null ? "none" : session.sessionId());
            return service;
        }
    }
}

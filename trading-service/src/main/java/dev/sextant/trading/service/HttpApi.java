package dev.sextant.trading.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.io.Timestamps;
import dev.sextant.trading.live.SessionState;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.report.ChartLibrary;
import dev.sextant.trading.risk.KillSwitchTrip;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.RiskSnapshot;
import dev.sextant.trading.service.internal.Admission;
import dev.sextant.trading.service.internal.RateLimiter;
import dev.sextant.trading.service.internal.StaticFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The service's HTTP routes, authentication, limits and JSON. One instance handles every path
 * of the server; see docs/service.md for the contract. Thread-safe.
 */
final class HttpApi implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String JSON = "application/json";
    private static final int MAX_SYMBOL_LENGTH = 64;
    private static final int MAX_REASON_LENGTH = 500;
    private static final int DEFAULT_DECISIONS = 200;
    private static final int MAX_DECISIONS = 2_000;
    private static final Set<String> SIGNAL_FIELDS = Set.of("symbol", "bars");
    private static final Set<String> BAR_FIELDS = Set.of("timestamp", "open", "high", "low", "close", "volume");
    private static final Set<String> KILL_FIELDS = Set.of("action", "reason");

    /** A route: method, path, the role it needs (null: no token needed). */
    record Route(String method, String path, Role role) {
    }

    /** Every API route; the OpenAPI document must list exactly these (tested). */
    static final List<Route> ROUTES = List.of(
            new Route("GET", "/health", null),
            new Route("GET", "/openapi.json", null),
            new Route("GET", "/metrics", Role.VIEWER),
            new Route("POST", "/api/v1/signal", Role.VIEWER),
            new Route("GET", "/api/v1/positions", Role.VIEWER),
            new Route("GET", "/api/v1/risk", Role.VIEWER),
            new Route("GET", "/api/v1/decisions", Role.VIEWER),
            new Route("GET", "/api/v1/equity", Role.VIEWER),
            new Route("GET", "/api/v1/models", Role.VIEWER),
            new Route("GET", "/api/v1/kill-switch", Role.VIEWER),
            new Route("POST", "/api/v1/kill-switch", Role.OPERATOR));

    /** The URL prefix of the dashboard's files. */
    static final String DASHBOARD = "/dashboard/";
    /** The dashboard's chart library, served from trading-report's vendored Apache ECharts. */
    static final String ECHARTS = "echarts.min.js";

    /** Reads the chart library on first use. */
    private static final class EchartsHolder {
        static final byte[] JS = ChartLibrary.echartsJs().getBytes(StandardCharsets.UTF_8);
    }

    /** The URL prefix of the configured static files. */
    static final String FILES = "/files/";

    private final SignalEngine engine;
    private final AccessTokens tokens;
    private final ServiceLimits limits;
    private final TradingSession session;
    private final SessionMonitor monitor;
    private final Supplier<ModelVersions> models;
    private final Supplier<String> scrape;
    private final StaticFiles dashboard;
    private final StaticFiles files;
    private final RateLimiter rate;
    private final Admission admission;
    private final RequestMeters meters;
    private final byte[] openApi;

    /** A response that ends a request early: status, message, and the request field at fault. */
    static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String field;
        final transient Map<String, String> headers;

        ApiError(int status, String message, String field) {
            this(status, message, field, Map.of());
        }

        ApiError(int status, String message, String field, Map<String, String> headers) {
            super(message, null, false, false);
            this.status = status;
            this.field = field;
            this.headers = headers;
        }
    }

    HttpApi(SignalEngine engine, AccessTokens tokens, ServiceLimits limits, TradingSession session, SessionMonitor monitor,
            Supplier<ModelVersions> models, Supplier<String> scrape, StaticFiles files, RateLimiter rate, Admission admission,
            RequestMeters meters) {
        this.engine = engine;
        this.tokens = tokens;
        this.limits = limits;
        this.session = session;
        this.monitor = monitor;
        this.models = models;
        this.scrape = scrape;
        this.dashboard = StaticFiles.resources(HttpApi.class.getClassLoader(), "dev/sextant/trading/service/dashboard");
        this.files = files;
        this.rate = rate;
        this.admission = admission;
        this.meters = meters;
        this.openApi = OpenApiDocument.json(limits);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String route = "other";
        int status;
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            try {
                if (path.equals("/health")) {
                    route = path;
                    requireMethod(method, "GET", path);
                    status = send(exchange, 200, health());
                } else if (path.startsWith(DASHBOARD) || path.equals("/dashboard") || path.equals("/")) {
                    route = "/dashboard";
                    status = serveStatic(exchange, method, path, dashboard, DASHBOARD);
                } else if (files != null && path.startsWith(FILES)) {
                    route = "/files";
                    status = serveStatic(exchange, method, path, files, FILES);
                } else {
                    List<Route> matching = ROUTES.stream().filter(r -> r.path().equals(path)).toList();
                    if (matching.isEmpty()) {
                        throw new ApiError(404, "no such route: " + path, null);
                    }
                    route = path;
                    Route r = matching.stream().filter(x -> x.method().equals(method)).findFirst()
                            .orElseThrow(() -> new ApiError(405, method + " is not allowed on " + path + " (allowed: "
                                    + String.join(", ", matching.stream().map(Route::method).toList()) + ")", null,
                                    Map.of("Allow", String.join(", ", matching.stream().map(Route::method).toList()))));
                    status = admitted(exchange, r);
                }
            } catch (ApiError e) {
                status = sendError(exchange, e);
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", method, path, e);
                status = sendError(exchange, new ApiError(500, "internal error: " + e.getClass().getSimpleName(), null));
            }
        }
        meters.record(route, status, System.nanoTime() - started);
    }

    private int admitted(HttpExchange exchange, Route r) throws IOException {
        if (r.role() == null) {
            return dispatch(exchange, r, null);
        }
        if (!admission.tryEnter()) {
            meters.refused("overloaded");
            throw new ApiError(503, "the service is at capacity (" + limits.maxConcurrentRequests() + " running, "
                    + limits.maxQueuedRequests() + " waiting); retry later", null, Map.of("Retry-After", "1"));
        }
        try {
            AccessTokens.Grant grant = authenticate(exchange);
            if (!grant.role().allows(r.role())) {
                throw new ApiError(403, "this token's role " + grant.role().label() + " may not " + r.method() + " "
                        + r.path() + " (needs " + r.role().label() + ")", null);
            }
            long wait = rate.acquire(grant.index());
            if (wait > 0) {
                meters.refused("rate_limited");
                long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
                throw new ApiError(429, "rate limit of " + limits.requestsPerSecond() + " requests per second (burst "
                        + limits.burst() + ") exceeded for this token; retry in " + seconds + " s", null,
                        Map.of("Retry-After", Long.toString(seconds)));
            }
            return dispatch(exchange, r, grant);
        } finally {
            admission.release();
        }
    }

    private AccessTokens.Grant authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Map<String, String> challenge = Map.of("WWW-Authenticate", "Bearer realm=\"sextant\"");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiError(401, "missing bearer token: send Authorization: Bearer <token>", null, challenge);
        }
        return tokens.match(header.substring(7).strip())
                .orElseThrow(() -> new ApiError(401, "unknown bearer token", null, challenge));
    }

    private int dispatch(HttpExchange exchange, Route r, AccessTokens.Grant grant) throws IOException {
        String key = r.method() + " " + r.path();
        return switch (key) {
            case "GET /openapi.json" -> send(exchange, 200, openApi, JSON);
            case "GET /metrics" -> {
                if (scrape == null) {
                    throw new ApiError(404, "metrics are not configured: build the service with a Prometheus registry "
                            + "(SignalService.Builder.metrics)", null);
                }
                yield send(exchange, 200, scrape.get().getBytes(StandardCharsets.UTF_8),
                        "text/plain; version=0.0.4; charset=utf-8");
            }
            case "POST /api/v1/signal" -> send(exchange, 200, signal(readBody(exchange)));
            case "GET /api/v1/positions" -> send(exchange, 200, positions());
            case "GET /api/v1/risk" -> send(exchange, 200, risk());
            case "GET /api/v1/decisions" -> send(exchange, 200, decisions(query(exchange)));
            case "GET /api/v1/equity" -> send(exchange, 200, equity());
            case "GET /api/v1/models" -> send(exchange, 200, models());
            case "GET /api/v1/kill-switch" -> send(exchange, 200, killSwitch());
            case "POST /api/v1/kill-switch" -> send(exchange, 200, killSwitchAction(readBody(exchange), grant));
            default -> throw new IllegalStateException("route without a handler: " + key);
        };
    }

    // ------------------------------------------------------------------ routes

    private ObjectNode health() {
        ObjectNode o = NODES.objectNode();
        o.put("status", "up");
        o.put("model_version", engine.modelVersion());
        o.put("session", session == null ? "none" : session.status().name().toLowerCase(Locale.ROOT));
        return o;
    }

    private ObjectNode signal(JsonNode body) {
        ObjectNode root = object(body, "body");
        unknownFields(root, SIGNAL_FIELDS, "");
        JsonNode symbolNode = root.get("symbol");
        if (symbolNode == null || !symbolNode.isString() || symbolNode.asString().isBlank()) {
            throw new ApiError(400, "symbol must be a non-empty string" + (symbolNode == null ? " but is missing" : ""), "symbol");
        }
        String symbol = symbolNode.asString();
        if (symbol.length() > MAX_SYMBOL_LENGTH || !symbol.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ApiError(400, "symbol must be at most " + MAX_SYMBOL_LENGTH + " printable ASCII characters", "symbol");
        }
        JsonNode barsNode = root.get("bars");
        if (barsNode == null || !barsNode.isArray()) {
            throw new ApiError(400, "bars must be an array of {timestamp, open, high, low, close, volume}"
                    + (barsNode == null ? " but is missing" : " but was " + barsNode.getNodeType()), "bars");
        }
        if (barsNode.size() > limits.maxBars()) {
            throw new ApiError(400, "bars holds " + barsNode.size() + " bars, more than the limit of " + limits.maxBars(), "bars");
        }
        List<Bar> bars = new ArrayList<>(barsNode.size());
        for (int i = 0; i < barsNode.size(); i++) {
            bars.add(bar(barsNode.get(i), "bars[" + i + "]"));
        }
        SignalResponse s;
        try {
            s = engine.signal(symbol, bars);
        } catch (InvalidRequestException e) {
            throw new ApiError(400, e.getMessage(), e.field());
        }
        ObjectNode o = NODES.objectNode();
        o.put("symbol", s.symbol());
        o.put("direction", s.direction().name());
        o.put("confidence", s.confidence());
        ObjectNode p = o.putObject("probabilities");
        p.put("sell", s.probabilities().sell());
        p.put("hold", s.probabilities().hold());
        p.put("buy", s.probabilities().buy());
        o.put("suggested_size", s.suggestedSize());
        ObjectNode risk = o.putObject("max_risk");
        risk.put("stop_fraction", s.maxRisk().stopFraction());
        risk.put("stop_distance", s.maxRisk().stopDistance());
        if (s.maxRisk().stopPrice().isPresent()) {
            risk.put("stop_price", s.maxRisk().stopPrice().getAsDouble());
        } else {
            risk.putNull("stop_price");
        }
        risk.put("loss", s.maxRisk().loss());
        o.put("timestamp", s.timestamp().toString());
        o.put("model_version", s.modelVersion());
        return o;
    }

    private static Bar bar(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new ApiError(400, where + " must be an object {timestamp, open, high, low, close, volume}", where);
        }
        unknownFields((ObjectNode) n, BAR_FIELDS, where + ".");
        JsonNode t = n.get("timestamp");
        if (t == null || !(t.isString() || t.isIntegralNumber())) {
            throw new ApiError(400, where + ".timestamp must be an ISO-8601 time or epoch seconds/milliseconds"
                    + (t == null ? " but is missing" : " but was " + t.getNodeType()), where + ".timestamp");
        }
        long time;
        String text = t.asString();
        try {
            time = Timestamps.parseMillis(text);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, where + ".timestamp '" + shorten(text) + "' " + e.getMessage(), where + ".timestamp");
        }
        double open = number(n, "open", where);
        double high = number(n, "high", where);
        double low = number(n, "low", where);
        double close = number(n, "close", where);
        double volume = number(n, "volume", where);
        try {
            return new Bar(time, open, high, low, close, volume);
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, where + ": " + e.getMessage(), where);
        }
    }

    private static double number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber()) {
            throw new ApiError(400, where + "." + field + " must be a number"
                    + (v == null ? " but is missing" : " but was " + v.getNodeType()), where + "." + field);
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw new ApiError(400, where + "." + field + " must be finite but was " + v, where + "." + field);
        }
        return d;
    }

    private TradingSession requireSession() {
        if (session == null) {
            throw new ApiError(404, "no trading session is attached to this service", null);
        }
        return session;
    }

    private ObjectNode positions() {
        TradingSession s = requireSession();
        SessionState state = s.state();
        Map<String, Double> values = new HashMap<>();
        s.risk().snapshot().exposureByInstrument().forEach((i, v) -> values.put(i.id(), v));
        ObjectNode o = NODES.objectNode();
        o.put("cash", state.cash());
        o.put("equity", state.equity());
        ArrayNode list = o.putArray("positions");
        state.positions().forEach((id, q) -> {
            ObjectNode p = list.addObject();
            p.put("symbol", id);
            p.put("quantity", q);
            putFinite(p, "value", values.getOrDefault(id, Double.NaN));
        });
        ArrayNode open = o.putArray("open_orders");
        state.openOrders().forEach(open::add);
        o.put("decisions", state.decisions());
        o.put("orders", state.orders());
        o.put("fills", state.fills());
        return o;
    }

    private ObjectNode risk() {
        TradingSession s = requireSession();
        RiskSnapshot r = s.risk().snapshot();
        RiskLimits l = s.risk().limits();
        ObjectNode o = NODES.objectNode();
        o.put("time", r.time().toString());
        putFinite(o, "equity", r.equity());
        putFinite(o, "cash", r.cash());
        putFinite(o, "high_water_mark", r.highWaterMark());
        putFinite(o, "drawdown", r.drawdown());
        putFinite(o, "daily_pnl", r.dailyPnl());
        putFinite(o, "gross_exposure", r.grossExposure());
        putFinite(o, "net_exposure", r.netExposure());
        putFinite(o, "leverage", r.leverage());
        putFinite(o, "value_at_risk", r.valueAtRisk());
        o.put("open_positions", r.openPositions());
        o.put("working_orders", r.workingOrders());
        o.put("kill_switch_tripped", r.killSwitchTripped());
        ArrayNode limitsNode = o.putArray("limits");
        double sod = r.startOfDayEquity();
        limit(limitsNode, "drawdown", r.drawdown(), l.losses().maxDrawdownFraction());
        limit(limitsNode, "daily_loss", sod > 0 ? Math.max(0, -r.dailyPnl()) / sod : Double.NaN,
                l.losses().dailyLossLimitFraction());
        limit(limitsNode, "gross_exposure", r.grossExposure(), l.exposure().maxGrossExposure());
        limit(limitsNode, "leverage", r.leverage(), l.exposure().maxLeverage());
        limit(limitsNode, "value_at_risk", r.equity() > 0 ? r.valueAtRisk() / r.equity() : Double.NaN,
                l.var().limitFraction());
        return o;
    }

    private static void limit(ArrayNode list, String name, double used, double limit) {
        ObjectNode n = list.addObject();
        n.put("name", name);
        putFinite(n, "used", used);
        putFinite(n, "limit", limit);
        putFinite(n, "headroom", limit - used);
    }

    private ObjectNode decisions(Map<String, String> query) {
        requireSession();
        long since = -1;
        String text = query.get("since");
        if (text != null) {
            try {
                since = Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new ApiError(400, "since must be a journal sequence number (an integer) but was '" + shorten(text) + "'",
                        "since");
            }
            if (since < -1) {
                throw new ApiError(400, "since must be -1 or more but was " + since, "since");
            }
        }
        int limit = DEFAULT_DECISIONS;
        String l = query.get("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw new ApiError(400, "limit must be an integer but was '" + shorten(l) + "'", "limit");
            }
            if (limit < 1 || limit > MAX_DECISIONS) {
                throw new ApiError(400, "limit must be in 1.." + MAX_DECISIONS + " but was " + limit, "limit");
            }
        }
        for (String k : query.keySet()) {
            if (!k.equals("since") && !k.equals("limit")) {
                throw new ApiError(400, "unknown query parameter '" + shorten(k) + "' (expected since, limit)", k);
            }
        }
        List<SessionMonitor.DecisionEntry> list = monitor.decisionsSince(since, limit);
        ObjectNode o = NODES.objectNode();
        ArrayNode arr = o.putArray("decisions");
        long next = since;
        for (SessionMonitor.DecisionEntry d : list) {
            ObjectNode n = arr.addObject();
            n.put("seq", d.seq());
            n.put("time", d.time().toString());
            n.put("symbol", d.symbol());
            n.put("outcome", d.outcome());
            n.put("direction", d.direction());
            putFinite(n, "confidence", d.confidence());
            n.put("client_order_id", d.clientOrderId());
            ArrayNode reasons = n.putArray("reasons");
            d.reasons().forEach(reasons::add);
            n.put("explanation", d.explanation());
            next = d.seq();
        }
        o.put("next", next);
        return o;
    }

    private ObjectNode equity() {
        requireSession();
        ObjectNode o = NODES.objectNode();
        ArrayNode arr = o.putArray("points");
        for (SessionMonitor.EquityPoint p : monitor.equityCurve()) {
            ObjectNode n = arr.addObject();
            n.put("time", p.time().toString());
            putFinite(n, "equity", p.equity());
            putFinite(n, "drawdown", p.drawdown());
        }
        return o;
    }

    private ObjectNode models() {
        ModelVersions v = models.get();
        ObjectNode o = NODES.objectNode();
        o.put("champion", v.champion());
        ArrayNode c = o.putArray("challengers");
        v.challengers().forEach(c::add);
        ArrayNode d = o.putArray("drift_alerts");
        v.driftAlerts().forEach(d::add);
        return o;
    }

    private ObjectNode killSwitch() {
        TradingSession s = requireSession();
        ObjectNode o = NODES.objectNode();
        Optional<KillSwitchTrip> trip = s.risk().killSwitch().currentTrip();
        o.put("tripped", trip.isPresent());
        if (trip.isPresent()) {
            o.put("trigger", trip.get().trigger().name());
            o.put("detail", trip.get().detail());
            o.put("since", trip.get().time().toString());
        }
        o.put("session", s.status().name().toLowerCase(Locale.ROOT));
        ArrayNode events = o.putArray("events");
        for (SessionMonitor.KillSwitchEvent e : monitor.killSwitchEvents()) {
            ObjectNode n = events.addObject();
            n.put("seq", e.seq());
            n.put("time", e.time().toString());
            n.put("action", e.tripped() ? "trip" : "rearm");
            n.put("detail", e.detail());
        }
        return o;
    }

    private ObjectNode killSwitchAction(JsonNode body, AccessTokens.Grant grant) {
        ObjectNode root = object(body, "body");
        unknownFields(root, KILL_FIELDS, "");
        JsonNode action = root.get("action");
        if (action == null || !action.isString() || !(action.asString().equals("trip") || action.asString().equals("rearm"))) {
            throw new ApiError(400, "action must be \"trip\" or \"rearm\"" + (action == null ? " but is missing"
                    : " but was " + shorten(action.toString())), "action");
        }
        JsonNode reasonNode = root.get("reason");
        if (reasonNode != null && !reasonNode.isString()) {
            throw new ApiError(400, "reason must be a string but was " + reasonNode.getNodeType(), "reason");
        }
        String reason = reasonNode == null ? "" : reasonNode.asString().strip();
        if (reason.length() > MAX_REASON_LENGTH) {
            throw new ApiError(400, "reason must be at most " + MAX_REASON_LENGTH + " characters but had " + reason.length(),
                    "reason");
        }
        boolean trip = action.asString().equals("trip");
        if (trip && reason.isEmpty()) {
            throw new ApiError(400, "reason must say why the kill switch is tripped", "reason");
        }
        TradingSession s = requireSession();
        try {
            if (trip) {
                s.tripKillSwitch(grant.name(), reason);
            } else {
                s.rearmKillSwitch(grant.name(), reason);
            }
        } catch (IllegalStateException e) {
            throw new ApiError(409, "the session cannot " + action.asString() + " now: " + e.getMessage(), null);
        }
        LOG.warn("kill switch {} by {} ({}): {}", action.asString(), grant.name(), grant.role().label(), reason);
        return killSwitch();
    }

    // ------------------------------------------------------------------ plumbing

    private int serveStatic(HttpExchange exchange, String method, String path, StaticFiles from, String prefix)
            throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new ApiError(405, method + " is not allowed on static files (allowed: GET, HEAD)", null,
                    Map.of("Allow", "GET, HEAD"));
        }
        if (!path.startsWith(prefix)) {
            exchange.getResponseHeaders().set("Location", DASHBOARD);
            exchange.sendResponseHeaders(302, -1);
            return 302;
        }
        StaticFiles.Found f = from == dashboard && path.equals(DASHBOARD + ECHARTS)
                ? new StaticFiles.Found(EchartsHolder.JS, "text/javascript; charset=utf-8")
                : from.find(path.substring(prefix.length()))
                        .orElseThrow(() -> new ApiError(404, "no such file: " + shorten(path), null));
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
        if (method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Content-Type", f.contentType());
            exchange.sendResponseHeaders(200, -1);
            return 200;
        }
        return send(exchange, 200, f.body(), f.contentType());
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        long max = limits.maxBodyBytes();
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "Content-Length is not a number", "Content-Length");
            }
            if (declared > max) {
                throw new ApiError(413, "request body of " + declared + " bytes is over the limit of " + max + " bytes", null);
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        }
        if (body.length > max) {
            throw new ApiError(413, "request body is over the limit of " + max + " bytes", null);
        }
        if (body.length == 0) {
            throw new ApiError(400, "request body is empty; expected a JSON object", "body");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new ApiError(400, "request body is not valid JSON" + at + ": " + shorten(e.getOriginalMessage()), "body");
        }
    }

    private static ObjectNode object(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            throw new ApiError(400, "request body must be a JSON object but was "
                    + (body == null ? "empty" : body.getNodeType()), field);
        }
        return (ObjectNode) body;
    }

    private static void unknownFields(ObjectNode node, Set<String> known, String prefix) {
        for (String k : node.propertyNames()) {
            if (!known.contains(k)) {
                throw new ApiError(400, "unknown field '" + prefix + shorten(k) + "' (expected " + String.join(", ",
                        known.stream().sorted().toList()) + ")", prefix + shorten(k));
            }
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            String k = java.net.URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.putIfAbsent(k, v) != null) {
                throw new ApiError(400, "query parameter '" + shorten(k) + "' is given twice", k);
            }
        }
        return out;
    }

    private static void requireMethod(String method, String allowed, String path) {
        if (!method.equals(allowed)) {
            throw new ApiError(405, method + " is not allowed on " + path + " (allowed: " + allowed + ")", null,
                    Map.of("Allow", allowed));
        }
    }

    private static void putFinite(ObjectNode n, String field, double v) {
        if (Double.isFinite(v)) {
            n.put(field, v);
        } else {
            n.putNull(field);
        }
    }

    private static String shorten(String s) {
        return s == null ? "" : s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static int send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        return send(exchange, status, MAPPER.writeValueAsBytes(body), JSON);
    }

    private static int send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    private int sendError(HttpExchange exchange, ApiError e) throws IOException {
        e.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        ObjectNode o = NODES.objectNode();
        o.put("error", e.getMessage());
        if (e.field != null) {
            o.put("field", e.field);
        }
        if (e.status == 413) {
            // The rest of an oversized body is not read: the connection cannot be reused.
            exchange.getResponseHeaders().set("Connection", "close");
        } else {
            try (InputStream in = exchange.getRequestBody()) {
                // Drain (at most the body limit) so that the connection can be reused.
                in.skip(limits.maxBodyBytes());
            } catch (IOException ignored) {
                // The answer matters more than the rest of the body.
            }
        }
        return send(exchange, e.status, o);
    }
}

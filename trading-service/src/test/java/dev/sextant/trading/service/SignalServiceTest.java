package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignalServiceTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    private ServiceRig rig;

    @BeforeAll
    void start() throws InterruptedException {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        rig = new ServiceRig(dir, true, ServiceLimits.builder().requestsPerSecond(10_000).burst(10_000).build(),
                b -> b.metrics(registry));
    }

    @AfterAll
    void stop() {
        rig.close();
    }

    static JsonNode json(HttpResponse<String> r) {
        return JSON.readTree(r.body());
    }

    private String validSignal() {
        return ServiceRig.signalBody("BTC/USD", rig.engine.warmUpBars() + 50);
    }

    // ------------------------------------------------------------------ the signal

    @Test
    void signalAnswersTheContractFieldsAsTheEngineComputesThem() {
        HttpResponse<String> r = rig.post("/api/v1/signal", ServiceRig.VIEWER, validSignal());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = json(r);
        assertEquals(Set.of("symbol", "direction", "confidence", "probabilities", "suggested_size", "max_risk", "timestamp",
                "model_version"), new HashSet<>(n.propertyNames()));
        assertEquals(Set.of("sell", "hold", "buy"), new HashSet<>(n.get("probabilities").propertyNames()));
        assertEquals(Set.of("stop_fraction", "stop_distance", "stop_price", "loss"),
                new HashSet<>(n.get("max_risk").propertyNames()));
        List<dev.sextant.trading.core.Bar> bars = new ArrayList<>();
        int count = rig.engine.warmUpBars() + 50;
        for (int i = ServiceRig.BARS.size() - count; i < ServiceRig.BARS.size(); i++) {
            bars.add(ServiceRig.BARS.bar(i));
        }
        SignalResponse expected = rig.engine.signal("BTC/USD", bars);
        assertEquals(expected.direction().name(), n.get("direction").asString());
        assertEquals(expected.probabilities().buy(), n.get("probabilities").get("buy").asDouble(), 0);
        assertEquals(expected.confidence(), n.get("confidence").asDouble(), 0);
        assertEquals(expected.suggestedSize(), n.get("suggested_size").asDouble(), 0);
        assertEquals(expected.maxRisk().loss(), n.get("max_risk").get("loss").asDouble(), 0);
        assertEquals(expected.timestamp().toString(), n.get("timestamp").asString());
        assertEquals("svc@" + rig.bundle.manifest().bundleVersion(), n.get("model_version").asString());
    }

    // ------------------------------------------------------------------ auth matrix

    /** Caller kinds: none (no header), unknown (a token not in the file), viewer, operator. */
    Stream<Arguments> authMatrix() {
        List<Arguments> out = new ArrayList<>();
        for (HttpApi.Route r : HttpApi.ROUTES) {
            for (String caller : List.of("none", "unknown", "viewer", "operator")) {
                int expected;
                if (r.role() == null) {
                    expected = 200;
                } else if (caller.equals("none") || caller.equals("unknown")) {
                    expected = 401;
                } else if (caller.equals("viewer") && r.role() == Role.OPERATOR) {
                    expected = 403;
                } else {
                    expected = 200;
                }
                out.add(Arguments.of(r.method(), r.path(), caller, expected));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @MethodSource("authMatrix")
    void everyRouteAnswersEachCallerAsItsRoleAllows(String method, String path, String caller, int expected) {
        String token = switch (caller) {
            case "none" -> null;
            case "unknown" -> "not-a-token";
            case "viewer" -> ServiceRig.VIEWER;
            default -> ServiceRig.OPERATOR;
        };
        boolean trippedBefore = rig.session.risk().killSwitch().isTripped();
        HttpResponse<String> r = method.equals("GET") ? rig.get(path, token) : rig.post(path, token,
                path.endsWith("signal") ? validSignal() : "{\"action\":\"" + (trippedBefore ? "rearm" : "trip")
                        + "\",\"reason\":\"auth matrix\"}");
        assertEquals(expected, r.statusCode(), r.body());
        if (expected == 401) {
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        }
        if (path.equals("/api/v1/kill-switch") && method.equals("POST")) {
            assertEquals(expected == 200 ? !trippedBefore : trippedBefore, rig.session.risk().killSwitch().isTripped(),
                    "only an operator changes the kill switch");
        }
    }

    @Test
    void anOperatorTripsAndRearmsTheKillSwitchAndTheJournalNamesThem() {
        HttpResponse<String> trip = rig.post("/api/v1/kill-switch", ServiceRig.OPERATOR,
                "{\"action\":\"trip\",\"reason\":\"desk says stop\"}");
        assertEquals(200, trip.statusCode(), trip.body());
        assertTrue(json(trip).get("tripped").asBoolean());
        assertTrue(json(trip).get("detail").asString().contains("alice: desk says stop"), trip.body());
        assertTrue(rig.session.risk().killSwitch().isTripped());
        HttpResponse<String> refused = rig.post("/api/v1/kill-switch", ServiceRig.VIEWER, "{\"action\":\"rearm\"}");
        assertEquals(403, refused.statusCode());
        assertTrue(rig.session.risk().killSwitch().isTripped());
        HttpResponse<String> rearm = rig.post("/api/v1/kill-switch", ServiceRig.OPERATOR, "{\"action\":\"rearm\"}");
        assertEquals(200, rearm.statusCode(), rearm.body());
        assertFalse(json(rearm).get("tripped").asBoolean());
        JsonNode events = json(rearm).get("events");
        assertEquals("rearm", events.get(events.size() - 1).get("action").asString());
    }

    // ------------------------------------------------------------------ bad requests

    Stream<Arguments> badSignals() {
        String bar = "{\"timestamp\":\"2024-01-01T00:00:00Z\",\"open\":1,\"high\":1,\"low\":1,\"close\":1,\"volume\":1}";
        return Stream.of(
                Arguments.of("{\"symbol\":\"X\",", "body"),
                Arguments.of("[1,2]", "body"),
                Arguments.of("{\"bars\":[]}", "symbol"),
                Arguments.of("{\"symbol\":\"  \",\"bars\":[]}", "symbol"),
                Arguments.of("{\"symbol\":7,\"bars\":[]}", "symbol"),
                Arguments.of("{\"symbol\":\"" + "X".repeat(65) + "\",\"bars\":[]}", "symbol"),
                Arguments.of("{\"symbol\":\"X\"}", "bars"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":{}}", "bars"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar + "]}", "bars"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar + "],\"extra\":1}", "extra"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[5]}", "bars[0]"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar.replace("\"timestamp\":\"2024-01-01T00:00:00Z\",", "") + "]}",
                        "bars[0].timestamp"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar.replace("2024-01-01T00:00:00Z", "yesterday") + "]}",
                        "bars[0].timestamp"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar.replace("\"open\":1", "\"open\":\"1\"") + "]}",
                        "bars[0].open"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar.replace("\"close\":1", "\"close\":1e999") + "]}",
                        "bars[0].close"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar.replace("\"low\":1", "\"low\":2") + "]}", "bars[0]"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar.replace("\"volume\":1", "\"volume\":1,\"vwap\":1") + "]}",
                        "bars[0].vwap"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[" + bar + "," + bar + "]}", "bars"),
                Arguments.of("{\"symbol\":\"X\",\"bars\":[{\"timestamp\":\"2024-01-02\",\"open\":1,\"high\":1,\"low\":1,"
                        + "\"close\":1,\"volume\":1}," + bar + "]}", "bars"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badSignals")
    void aBadSignalRequestIs400NamingTheField(String body, String field) {
        HttpResponse<String> r = rig.post("/api/v1/signal", ServiceRig.VIEWER, body);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, json(r).get("field").asString(), r.body());
        assertTrue(json(r).get("error").asString().contains(field.replaceAll("\\[.*", "")), r.body());
    }

    @Test
    void barsOutOfOrderAre400NamingTheLaterTimestamp() {
        int n = rig.engine.warmUpBars() + 5;
        String body = ServiceRig.signalBody("BTC/USD", n);
        JsonNode tree = JSON.readTree(body);
        var bars = (tools.jackson.databind.node.ArrayNode) tree.get("bars");
        JsonNode third = bars.get(3);
        bars.set(3, bars.get(2));
        bars.set(2, third);
        HttpResponse<String> r = rig.post("/api/v1/signal", ServiceRig.VIEWER, tree.toString());
        assertEquals(400, r.statusCode());
        assertEquals("bars[3].timestamp", json(r).get("field").asString());
    }

    @Test
    void fewerBarsThanTheWarmUpAre400AndSayHowMany() {
        HttpResponse<String> r = rig.post("/api/v1/signal", ServiceRig.VIEWER,
                ServiceRig.signalBody("BTC/USD", rig.engine.warmUpBars() - 1));
        assertEquals(400, r.statusCode());
        assertEquals("bars", json(r).get("field").asString());
        assertTrue(json(r).get("error").asString().contains("at least " + rig.engine.warmUpBars()), r.body());
        assertEquals(200, rig.post("/api/v1/signal", ServiceRig.VIEWER,
                ServiceRig.signalBody("BTC/USD", rig.engine.warmUpBars())).statusCode());
    }

    Stream<Arguments> badKillSwitch() {
        return Stream.of(
                Arguments.of("{}", "action"),
                Arguments.of("{\"action\":\"explode\"}", "action"),
                Arguments.of("{\"action\":1}", "action"),
                Arguments.of("{\"action\":\"trip\"}", "reason"),
                Arguments.of("{\"action\":\"trip\",\"reason\":5}", "reason"),
                Arguments.of("{\"action\":\"trip\",\"reason\":\"" + "r".repeat(501) + "\"}", "reason"),
                Arguments.of("{\"action\":\"trip\",\"reason\":\"x\",\"force\":true}", "force"),
                Arguments.of("not json", "body"),
                Arguments.of("", "body"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badKillSwitch")
    void aBadKillSwitchRequestIs400NamingTheFieldAndChangesNothing(String body, String field) {
        boolean before = rig.session.risk().killSwitch().isTripped();
        HttpResponse<String> r = rig.post("/api/v1/kill-switch", ServiceRig.OPERATOR, body);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, json(r).get("field").asString());
        assertEquals(before, rig.session.risk().killSwitch().isTripped());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"since=abc,since", "since=-2,since", "limit=0,limit", "limit=x,limit",
        "limit=2001,limit", "until=5,until", "since=1&since=2,since"})
    void badDecisionQueriesAre400NamingTheParameter(String query, String field) {
        HttpResponse<String> r = rig.get("/api/v1/decisions?" + query, ServiceRig.VIEWER);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, json(r).get("field").asString());
    }

    @Test
    void aBodyOverTheLimitIs413() throws InterruptedException {
        try (ServiceRig small = new ServiceRig(dir.resolve("small"), false, ServiceLimits.builder().maxBodyBytes(1_000)
                .build())) {
            HttpResponse<String> r = small.post("/api/v1/signal", ServiceRig.VIEWER, ServiceRig.signalBody("BTC/USD", 50));
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(json(r).get("error").asString().contains("1000 bytes"));
            assertEquals(400, small.post("/api/v1/signal", ServiceRig.VIEWER, ServiceRig.signalBody("BTC/USD", 3))
                    .statusCode(), "a body under the limit is read");
        }
    }

    @Test
    void tooManyBarsAre400() throws InterruptedException {
        try (ServiceRig small = new ServiceRig(dir.resolve("bars"), false, ServiceLimits.builder().maxBars(10).build())) {
            HttpResponse<String> r = small.post("/api/v1/signal", ServiceRig.VIEWER, ServiceRig.signalBody("BTC/USD", 11));
            assertEquals(400, r.statusCode());
            assertEquals("bars", json(r).get("field").asString());
        }
    }

    @Test
    void aTokenOverItsRateGets429WithRetryAfterAndOtherTokensAreNotAffected() throws InterruptedException {
        try (ServiceRig limited = new ServiceRig(dir.resolve("rate"), false, ServiceLimits.builder().requestsPerSecond(0.01)
                .burst(2).build())) {
            assertEquals(200, limited.get("/api/v1/models", ServiceRig.VIEWER).statusCode());
            assertEquals(200, limited.get("/api/v1/models", ServiceRig.VIEWER).statusCode());
            HttpResponse<String> r = limited.get("/api/v1/models", ServiceRig.VIEWER);
            assertEquals(429, r.statusCode());
            assertTrue(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
            assertEquals(200, limited.get("/api/v1/models", ServiceRig.OPERATOR).statusCode());
        }
    }

    // ------------------------------------------------------------------ other routes

    @Test
    void withoutASessionTheSessionRoutesAre404AndTheSignalStillWorks() throws InterruptedException {
        try (ServiceRig bare = new ServiceRig(dir.resolve("bare"), false, ServiceLimits.defaults())) {
            for (String p : List.of("/api/v1/positions", "/api/v1/risk", "/api/v1/decisions", "/api/v1/equity",
                    "/api/v1/kill-switch")) {
                HttpResponse<String> r = bare.get(p, ServiceRig.OPERATOR);
                assertEquals(404, r.statusCode(), p);
                assertTrue(json(r).get("error").asString().contains("no trading session"), r.body());
            }
            assertEquals(404, bare.post("/api/v1/kill-switch", ServiceRig.OPERATOR, "{\"action\":\"trip\",\"reason\":\"x\"}")
                    .statusCode());
            assertEquals("none", json(bare.get("/health", null)).get("session").asString());
            assertEquals(404, bare.get("/metrics", ServiceRig.VIEWER).statusCode(), "no registry configured");
            assertEquals(200, bare.post("/api/v1/signal", ServiceRig.VIEWER,
                    ServiceRig.signalBody("AAPL", bare.engine.warmUpBars())).statusCode());
        }
    }

    @Test
    void sessionRoutesShowTheSessionsState() {
        JsonNode positions = json(rig.get("/api/v1/positions", ServiceRig.VIEWER));
        assertEquals(rig.session.state().equity(), positions.get("equity").asDouble(), 1e-6);
        assertTrue(positions.get("decisions").asLong() >= 300);
        JsonNode risk = json(rig.get("/api/v1/risk", ServiceRig.VIEWER));
        List<String> names = new ArrayList<>();
        risk.get("limits").forEach(l -> names.add(l.get("name").asString()));
        assertEquals(List.of("drawdown", "daily_loss", "gross_exposure", "leverage", "value_at_risk"), names);
        JsonNode equity = json(rig.get("/api/v1/equity", ServiceRig.VIEWER));
        assertEquals(300, equity.get("points").size());
        JsonNode all = json(rig.get("/api/v1/decisions?limit=2000", ServiceRig.VIEWER));
        assertEquals(300, all.get("decisions").size());
        long middle = all.get("decisions").get(149).get("seq").asLong();
        JsonNode later = json(rig.get("/api/v1/decisions?since=" + middle, ServiceRig.VIEWER));
        assertEquals(150, later.get("decisions").size());
        assertTrue(later.get("decisions").get(0).get("seq").asLong() > middle);
        assertEquals(later.get("decisions").get(149).get("seq").asLong(), later.get("next").asLong());
        assertEquals(0, json(rig.get("/api/v1/decisions?since=" + later.get("next").asLong(), ServiceRig.VIEWER))
                .get("decisions").size());
        JsonNode models = json(rig.get("/api/v1/models", ServiceRig.VIEWER));
        assertEquals(rig.engine.modelVersion(), models.get("champion").asString());
    }

    @Test
    void metricsServeThePrometheusRegistryWithTheServicesMeters() {
        rig.get("/api/v1/models", ServiceRig.VIEWER);
        HttpResponse<String> r = rig.get("/metrics", ServiceRig.VIEWER);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("sextant_service_requests_seconds_count{route=\"/api/v1/models\",status=\"200\"}"),
                r.body());
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertEquals(404, rig.get("/api/v1/nothing", ServiceRig.OPERATOR).statusCode());
        HttpResponse<String> r = rig.get("/api/v1/signal", ServiceRig.OPERATOR);
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void theOpenApiDocumentListsEveryRouteAndNoOther() {
        HttpResponse<String> r = rig.get("/openapi.json", null);
        assertEquals(200, r.statusCode());
        JsonNode doc = json(r);
        assertTrue(doc.get("openapi").asString().startsWith("3."));
        Set<String> documented = new HashSet<>();
        doc.get("paths").properties().forEach(e -> e.getValue().propertyNames()
                .forEach(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + e.getKey())));
        Set<String> routes = new HashSet<>();
        HttpApi.ROUTES.forEach(x -> routes.add(x.method() + " " + x.path()));
        assertEquals(routes, documented);
        for (HttpApi.Route route : HttpApi.ROUTES) {
            JsonNode op = doc.get("paths").get(route.path()).get(route.method().toLowerCase(java.util.Locale.ROOT));
            assertEquals(route.role() != null, op.has("security"), route + " security");
            assertNotNull(op.get("responses").get("200"), route + " documents its answer");
        }
    }

    // ------------------------------------------------------------------ static files

    /** Sends a request line as given (no client normalises the path) and returns the status. */
    private static int rawStatus(int port, String target) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.write(c);
            }
            String status = line.toString(StandardCharsets.US_ASCII);
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void staticFilesAreNeverServedFromOutsideTheirFolder() throws Exception {
        Path root = dir.resolve("site");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve("ok.txt"), "inside");
        Files.writeString(root.resolve("sub/inner.txt"), "inside too");
        Files.writeString(dir.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(root.resolve("link.txt"), dir.resolve("secret.txt"));
        try (ServiceRig files = new ServiceRig(dir.resolve("files"), false, ServiceLimits.defaults(),
                b -> b.staticFiles(root))) {
            int port = files.service.port();
            assertEquals(200, rawStatus(port, "/files/ok.txt"));
            assertEquals(200, rawStatus(port, "/files/sub/inner.txt"));
            assertEquals("inside", files.get("/files/ok.txt", null).body());
            for (String attack : List.of("/files/../secret.txt", "/files/sub/../../secret.txt", "/files/..%2fsecret.txt",
                    "/files/%2e%2e/secret.txt", "/files/%2E%2E%2Fsecret.txt", "/files/sub/%2e%2e/%2e%2e/secret.txt",
                    "/files/%252e%252e/secret.txt", "/files/..%5csecret.txt", "/files/sub%2f..%2f..%2fsecret.txt",
                    "/files//etc/passwd", "/files/%2fetc%2fpasswd", "/files/link.txt", "/files/ok.txt%00.txt",
                    "/dashboard/../openapi.json", "/dashboard/..%2f..%2fpom.xml", "/dashboard/%2e%2e/HttpApi.class")) {
                int status = rawStatus(port, attack);
                assertTrue(status == 404 || status == 400, attack + " answered " + status);
            }
        }
    }

    @Test
    void theDashboardPageIsServed() {
        HttpResponse<String> r = rig.get("/dashboard/", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals(302, rig.send(HttpRequest.newBuilder(URI.create(rig.service.baseUrl() + "/")).GET(), null)
                .statusCode());
    }

    @Test
    void aServiceWithoutTokensDoesNotStart() {
        assertThrows(IllegalStateException.class, () -> SignalService.builder(rig.engine).port(0).start());
    }
}

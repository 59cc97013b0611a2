package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.ValidationPolicy;
import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.live.registry.ModelVersion;
import dev.sextant.trading.live.registry.RegistryAudit;
import dev.sextant.trading.live.registry.Stage;
import dev.sextant.trading.service.AccessTokens;
import dev.sextant.trading.service.RegistryModels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** sextant serve in a child process: the signal API, a paper session behind the dashboard, SIGTERM. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeCommandTest {
    private static final int BARS = 400;
    private static final String VIEWER = "serve-viewer";
    private static final String OPERATOR = "serve-operator";

    @TempDir
    static Path shared;

    private static Path bundle;
    private static Path input;
    private static Path tokens;
    private static BarSeries minutes;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainABundle() throws IOException {
        bundle = shared.resolve("bundle");
        CliRunner.Result t = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--set", "standard-24",
                "--models", "logistic", "--output", bundle.toString());
        assertEquals(0, t.exitCode(), t.err());
        minutes = MarketDataFiles.loadBars(CliRunner.BITSTAMP, ValidationPolicy.STRICT, TimeFrame.M1).series();
        input = shared.resolve("bars.csv");
        BarCsvWriter.write(minutes.view(minutes.size() - BARS, minutes.size()), input);
        tokens = shared.resolve("tokens.json");
        Files.writeString(tokens, "[{\"role\":\"viewer\",\"sha256\":\"" + AccessTokens.sha256Hex(VIEWER) + "\"},"
                + "{\"role\":\"operator\",\"sha256\":\"" + AccessTokens.sha256Hex(OPERATOR) + "\"}]");
    }

    private static String signalBody(int n) {
        StringBuilder sb = new StringBuilder("{\"symbol\":\"BTC/USD\",\"bars\":[");
        for (int i = minutes.size() - n; i < minutes.size(); i++) {
            Bar b = minutes.bar(i);
            sb.append(i > minutes.size() - n ? "," : "").append(String.format(Locale.ROOT,
                    "{\"timestamp\":%d,\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,\"volume\":%s}",
                    b.time(), b.open(), b.high(), b.low(), b.close(), b.volume()));
        }
        return sb.append("]}").toString();
    }

    @Test
    void servesSignalsAndAPaperSessionUntilSigterm() throws Exception {
        Path log = dir.resolve("serve.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                SextantCli.class.getName(), "serve", "--bundle", bundle.toString(), "--port", "0", "--tokens",
                tokens.toString(), "--paper-input", input.toString(), "--journal", dir.resolve("j.db").toString(),
                "--speed", "max", "--fraction", "0.2");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Pattern serving = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+) \\(model .*, warm-up (\\d+) bars\\)");
            Matcher m = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && System.nanoTime() < deadline) {
                Matcher candidate = serving.matcher(Files.readString(log));
                if (candidate.find()) {
                    m = candidate;
                    break;
                }
                Thread.sleep(100);
            }
            assertTrue(m != null, Files.readString(log));
            String base = m.group(1);
            int warmUp = Integer.parseInt(m.group(2));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            JsonMapper json = JsonMapper.builder().build();

            HttpResponse<String> signal = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/signal"))
                    .header("Authorization", "Bearer " + VIEWER).POST(HttpRequest.BodyPublishers.ofString(signalBody(warmUp + 10)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, signal.statusCode(), signal.body());
            JsonNode s = json.readTree(signal.body());
            assertEquals("BTC/USD", s.get("symbol").asString());
            assertTrue(List.of("SELL", "HOLD", "BUY").contains(s.get("direction").asString()));

            long decisions = 0;
            while (decisions < BARS && System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/positions"))
                        .header("Authorization", "Bearer " + VIEWER).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                decisions = json.readTree(r.body()).get("decisions").asLong();
                Thread.sleep(100);
            }
            assertEquals(BARS, decisions, "the paper session replayed every bar");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .header("Authorization", "Bearer " + VIEWER).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(metrics.body().contains("sextant_decisions_total"), "the session's meters are served");
            assertEquals(403, http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/kill-switch"))
                    .header("Authorization", "Bearer " + VIEWER)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"trip\",\"reason\":\"x\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/kill-switch"))
                    .header("Authorization", "Bearer " + OPERATOR)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"trip\",\"reason\":\"test\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());

            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(log));
            assertTrue(Files.readString(log).contains("stopping"), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aBadTokensFileIsRefusedNamingTheFileAndEntry() throws IOException {
        Path bad = dir.resolve("bad-tokens.json");
        Files.writeString(bad, "[{\"role\":\"admin\",\"sha256\":\"" + AccessTokens.sha256Hex("x") + "\"}]");
        CliRunner.Result r = CliRunner.run("serve", "--bundle", bundle.toString(), "--port", "0", "--tokens", bad.toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains(bad.toString()) && r.err().contains("entry 0") && r.err().contains("role"), r.err());
    }

    @Test
    void notificationsNeedAPaperSessionAndAValidSettingsFile() throws IOException {
        Path settings = dir.resolve("notify.json");
        Files.writeString(settings, "{\"webhook\": {\"url\": \"http://127.0.0.1:9/hook\"}}");
        CliRunner.Result alone = CliRunner.run("serve", "--bundle", bundle.toString(), "--port", "0", "--tokens",
                tokens.toString(), "--notify", settings.toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, alone.exitCode());
        assertTrue(alone.err().contains("--notify " + settings) && alone.err().contains("--paper-input"), alone.err());
        Path bad = dir.resolve("bad-notify.json");
        Files.writeString(bad, "{\"events\": [\"kill_switch_tripped\"]}");
        CliRunner.Result invalid = CliRunner.run("serve", "--bundle", bundle.toString(), "--port", "0", "--tokens",
                tokens.toString(), "--paper-input", input.toString(), "--notify", bad.toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, invalid.exitCode());
        assertTrue(invalid.err().contains(bad.toString()), invalid.err());
        assertEquals(1, invalid.err().strip().lines().count(), invalid.err());
    }

    /** Waits for a {@code sextant serve} child to print its base URL, and returns it. */
    private static String startServe(Process p, Path log) throws Exception {
        Pattern serving = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+) ");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && System.nanoTime() < deadline) {
            Matcher m = serving.matcher(Files.readString(log));
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not start: " + Files.readString(log));
    }

    private static Process serve(Path log, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                SextantCli.class.getName(), "serve", "--bundle", bundle.toString(), "--port", "0", "--tokens",
                tokens.toString(), "--fraction", "0.2"));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The last {@code n} real minutes with every close moved 3% up or down in turn: a market far
     * noisier than the one the bundle was trained on, so its features drift.
     */
    private static Path drifted(int n) throws IOException {
        StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        double previous = Double.NaN;
        for (int i = minutes.size() - n; i < minutes.size(); i++) {
            Bar b = minutes.bar(i);
            double close = b.close() * (i % 2 == 0 ? 1.03 : 0.97);
            double open = Double.isNaN(previous) ? close : previous;
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%s%n", b.time(), open, Math.max(open, close) * 1.001,
                    Math.min(open, close) * 0.999, close, b.volume()));
            previous = close;
        }
        Path file = shared.resolve("drifted-" + n + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void theDashboardShowsTheRegistrysModelsAndTheSessionsDriftAlertsAndNotificationsReachAWebhook() throws Exception {
        Path registryFile = dir.resolve("registry.db");
        String champion;
        String challenger;
        try (ModelRegistry registry = ModelRegistry.sqlite(registryFile, RegistryAudit.none())) {
            ModelVersion one = registry.register(bundle, "", "", "test", "");
            ModelVersion two = registry.register(bundle, "", "", "test", "");
            registry.promote(one.version(), Stage.CHAMPION, "test", "");
            registry.promote(two.version(), Stage.CHALLENGER, "test", "");
            champion = RegistryModels.name(registry.get(one.version()));
            challenger = RegistryModels.name(registry.get(two.version()));
        }
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        Path settings = dir.resolve("notify.json");
        Files.writeString(settings, "{\"webhook\": {\"url\": \"http://127.0.0.1:" + hook.getAddress().getPort()
                + "/hook\"}, \"events\": [\"drift_alert\", \"kill_switch_tripped\"]}");
        Path log = dir.resolve("serve.log");
        Process p = serve(log, "--registry", registryFile.toString(), "--paper-input", drifted(900).toString(),
                "--journal", dir.resolve("j.db").toString(), "--speed", "max", "--notify", settings.toString());
        try {
            String base = startServe(p, log);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            JsonMapper json = JsonMapper.builder().build();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            JsonNode models = null;
            while (System.nanoTime() < deadline) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/models"))
                        .header("Authorization", "Bearer " + VIEWER).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
                models = json.readTree(r.body());
                if (!models.get("drift_alerts").isEmpty()) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(champion, models.get("champion").asString(), models.toString());
            assertEquals(challenger, models.get("challengers").get(0).asString(), models.toString());
            assertFalse(models.get("drift_alerts").isEmpty(), "the session's drift monitor raised an alert: " + models);
            List<String> driftLines = new ArrayList<>();
            models.get("drift_alerts").forEach(a -> driftLines.add(a.asString()));
            assertTrue(driftLines.stream().anyMatch(a -> a.contains(" BTC/USD@PAPER: feature ") && a.contains(" drifted ")),
                    driftLines.toString());

            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/kill-switch"))
                    .header("Authorization", "Bearer " + OPERATOR)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"trip\",\"reason\":\"webhook test\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            while (System.nanoTime() < deadline && bodies.stream().noneMatch(b -> b.contains("Kill switch tripped"))) {
                Thread.sleep(100);
            }
            List<String> texts = new ArrayList<>();
            for (String b : bodies) {
                texts.add(json.readTree(b).get("text").stringValue());
            }
            assertTrue(texts.stream().anyMatch(t -> t.contains("Kill switch tripped") && t.contains("webhook test")), texts.toString());
            assertTrue(texts.stream().anyMatch(t -> t.contains("drifted on BTC/USD")), "a drift alert was delivered: " + texts);
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            hook.stop(0);
        }
        assertEquals(0, p.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("registry: sqlite:" + registryFile), Files.readString(log));
    }

    @Test
    void aMissingRegistryFileIsRefusedNamingIt() {
        Path missing = dir.resolve("no-registry.db");
        CliRunner.Result r = CliRunner.run("serve", "--bundle", bundle.toString(), "--port", "0", "--tokens",
                tokens.toString(), "--registry", missing.toString());
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: --registry " + missing + ": no such registry file", r.err().strip());
        assertFalse(Files.exists(missing), "no empty registry was created");
    }
}

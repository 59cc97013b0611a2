package dev.sextant.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.core.io.BarCsvWriter;
import dev.sextant.trading.core.io.ValidationPolicy;
import dev.sextant.trading.live.AuditTrail;
import dev.sextant.trading.live.AuditVerification;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalStore;
import dev.sextant.trading.live.JournalStores;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** sextant paper on the real Bitstamp data: the live path, resume, SIGTERM and SIGKILL crashes. */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PaperCommandTest {
    private static final int BARS = 700;

    @TempDir
    static Path shared;
    private static Path bundle;
    private static Path input;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainABundleAndCutTheInput() {
        bundle = shared.resolve("bundle");
        CliRunner.Result t = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--set", "standard-24",
                "--models", "logistic", "--output", bundle.toString());
        assertEquals(0, t.exitCode(), t.err());
        BarSeries minutes = MarketDataFiles.loadBars(CliRunner.BITSTAMP, ValidationPolicy.STRICT, TimeFrame.M1).series();
        assertTrue(minutes.size() > BARS, "bars: " + minutes.size());
        input = shared.resolve("bars.csv");
        BarCsvWriter.write(minutes.view(minutes.size() - BARS, minutes.size()), input);
    }

    private static String[] paper(Path journal, Path report, Path bars, String... extra) {
        List<String> args = new ArrayList<>(List.of("paper", "--bundle", bundle.toString(), "--input", bars.toString(),
                "--journal", journal.toString(), "--report", report.toString(), "--fraction", "0.2"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private static JsonNode json(Path file) throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(file));
    }

    static List<JournalEvent> events(Path journal, Class<? extends JournalEvent> type) {
        List<JournalEvent> out = new ArrayList<>();
        try (Journal j = Journal.open(JournalStores.sqlite(journal))) {
            j.replay(1, r -> {
                if (type.isInstance(r.event())) {
                    out.add(r.event());
                }
            });
        }
        return out;
    }

    @Test
    void runsTheLivePathAndWritesTheState() throws IOException {
        Path journal = dir.resolve("j.db");
        Path report = dir.resolve("report");
        CliRunner.Result r = CliRunner.run(paper(journal, report, input));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("end of input"), r.out());
        JsonNode state = json(report.resolve("state.json"));
        for (String key : List.of("cash", "equity", "positions", "open_orders", "decisions", "orders", "fills")) {
            assertTrue(state.has(key), key + " in " + state);
        }
        assertEquals(BARS, state.get("decisions").asLong());
        assertTrue(state.get("orders").asLong() > 0, "the bundle traded: " + state);
        assertEquals(events(journal, JournalEvent.FillReceived.class).size(), state.get("fills").asLong());
        assertEquals(0, CliRunner.run("audit", "verify", "--journal", journal.toString()).exitCode());
        assertTrue(Files.readString(report.resolve("report.html")).contains("<h2>Paper session state</h2>"), "the tear sheet");
    }

    /** The chart options of a tear sheet, by chart id. */
    static JsonNode charts(Path html) throws IOException {
        String page = Files.readString(html);
        int at = page.indexOf("<script id=sextant-charts");
        String json = page.substring(page.indexOf('>', at) + 1, page.indexOf("</script>", at)).replace("<\\/", "</");
        return JsonMapper.builder().build().readTree(json);
    }

    @Test
    void theTearSheetShowsTheSessionsEquityCurveAndItsFillsWithCosts() throws IOException {
        Path journal = dir.resolve("j.db");
        Path report = dir.resolve("report");
        CliRunner.Result r = CliRunner.run(paper(journal, report, input));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode state = json(report.resolve("state.json"));
        List<JournalEvent> fills = events(journal, JournalEvent.FillReceived.class);
        assertFalse(fills.isEmpty(), "the bundle traded");

        List<String> equity = Files.readAllLines(report.resolve("equity.csv"));
        assertEquals("timestamp,equity", equity.get(0));
        assertEquals(BARS, equity.size() - 1, "one mark per bar of the session");
        double last = Double.parseDouble(equity.getLast().split(",")[1]);
        assertEquals(state.get("equity").asDouble(), last, 1e-6 * last, "the last mark is the session's final equity");
        List<String> trades = Files.readAllLines(report.resolve("trades.csv"));
        assertEquals("timestamp,order_id,side,quantity,price,notional,fee", trades.get(0));
        assertEquals(fills.size(), trades.size() - 1);
        assertEquals(BARS + 1, Files.readAllLines(report.resolve("exposure.csv")).size());
        assertEquals("paper", json(report.resolve("run.json")).get("kind").asString());
        assertEquals(fills.size(), json(report.resolve("backtest.json")).get("fills").asLong());

        JsonNode points = charts(report.resolve("report.html")).get("chart-equity").get("series").get(0).get("data");
        assertEquals(BARS, points.size(), "the equity chart holds every mark of the session");
        assertEquals(last, points.get(BARS - 1).get(1).asDouble(), 1e-9 * last);
        String page = Files.readString(report.resolve("report.html"));
        for (JournalEvent e : fills) {
            String order = ((JournalEvent.FillReceived) e).clientOrderId();
            assertTrue(page.contains("<td>" + order + "</td>"), "trade list holds fill of " + order);
        }
        assertFalse(page.contains("no equity.csv"), "equity sections present");
        assertFalse(page.contains("Trade list: no trades.csv"));
    }

    @Test
    void resumesAfterTheLastJournaledBarAndEndsWhereOneRunEnds() throws IOException {
        Path once = dir.resolve("once");
        assertEquals(0, CliRunner.run(paper(dir.resolve("once.db"), once, input)).exitCode());
        BarSeries all = MarketDataFiles.loadBars(input, ValidationPolicy.STRICT, TimeFrame.M1).series();
        Path firstPart = dir.resolve("first.csv");
        BarCsvWriter.write(all.view(0, 400), firstPart);
        Path journal = dir.resolve("twice.db");
        Path twice = dir.resolve("twice");
        CliRunner.Result first = CliRunner.run(paper(journal, twice, firstPart));
        assertEquals(0, first.exitCode(), first.err());
        CliRunner.Result second = CliRunner.run(paper(journal, twice, input));
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("resuming at bar 400 of " + BARS), second.out());
        // The first run's stop cancelled its working orders; the one-shot run had no stop there.
        assertEquals(events(dir.resolve("once.db"), JournalEvent.DecisionMade.class).subList(0, 400),
                events(journal, JournalEvent.DecisionMade.class).subList(0, 400));
        assertEquals(BARS, json(twice.resolve("state.json")).get("decisions").asLong());
        assertEquals(BARS + 1, Files.readAllLines(twice.resolve("equity.csv")).size(),
                "the resumed session's equity curve holds both runs, rebuilt from the journal");
    }

    @Test
    void sendsTheDailySummaryToAWebhookAndShowsProgressOffATerminal() throws IOException {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        try {
            Path settings = dir.resolve("notify.json");
            Files.writeString(settings, "{\"webhook\": {\"url\": \"http://127.0.0.1:" + hook.getAddress().getPort()
                    + "/hook\"}, \"events\": [\"daily_summary\", \"kill_switch_tripped\"]}");
            CliRunner.Result r = CliRunner.run(paper(dir.resolve("j.db"), dir.resolve("r"), input, "--notify",
                    settings.toString()));
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains("progress: paper session bars " + BARS + "/" + BARS + " (100%)"), r.err());
            assertFalse(bodies.isEmpty(), "no notification arrived");
            String last = JsonMapper.builder().build().readTree(bodies.getLast()).get("text").stringValue();
            assertTrue(last.startsWith("[sextant] Daily summary ") && last.contains("(to the stop: end of input)"), last);
            assertTrue(last.contains("decisions "), last);
            assertTrue(r.out().contains("notifications (webhook): " + bodies.size() + " delivered, 0 dropped"), r.out());
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void rejectsBadNotifySettingsInOneLineNamingTheField() throws IOException {
        Path settings = dir.resolve("notify.json");
        Files.writeString(settings, "{\"webhook\": {\"url\": \"ftp://example.invalid/x\"}}");
        CliRunner.Result r = CliRunner.run(paper(dir.resolve("j.db"), dir.resolve("r"), input, "--notify", settings.toString()));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertEquals("error: " + settings + ": webhook.url: must be an http or https URL with a host but was "
                + "ftp://example.invalid/x", r.err().strip());
        assertFalse(Files.exists(dir.resolve("j.db")), "nothing was journaled");
    }

    @Test
    void rejectsABadSpeedNamingIt() {
        CliRunner.Result r = CliRunner.run(paper(dir.resolve("j.db"), dir.resolve("r"), input, "--speed", "fast"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("--speed must be 'max' or a positive number"), r.err());
    }

    private static Process child(Path journal, Path report, Path log, String speed, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED",
                SextantCli.class.getName()));
        command.addAll(List.of(paper(journal, report, input, "--speed", speed)));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** How many SessionStarted records are committed: each run commits one durably before its first bar. */
    private static long starts(Path journal) {
        if (!Files.exists(journal)) {
            return 0;
        }
        try (JournalStore store = JournalStores.sqlite(journal)) {
            long[] n = {0};
            store.scan(1, row -> {
                if (row.payload().contains("\"type\":\"SessionStarted\"")) {
                    n[0]++;
                }
            });
            return n[0];
        }
    }

    @Test
    void aSessionKilledAtRandomMomentsEndsAsAnUninterruptedOne() throws Exception {
        Path straightJournal = dir.resolve("straight.db");
        Path straight = dir.resolve("straight");
        assertEquals(0, CliRunner.run(paper(straightJournal, straight, input)).exitCode());

        Path journal = dir.resolve("crashed.db");
        Path report = dir.resolve("crashed");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int kills = 0;
        // The kill attempts together take at most three minutes, so the test stays under its timeout.
        long killsDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        for (int attempt = 0; attempt < 6 && kills < 3 && System.nanoTime() < killsDeadline; attempt++) {
            long before = starts(journal);
            // 30 ms a bar, staleness off (a loaded machine must not trip the kill switch, which would change the run).
            Process p = child(journal, report, dir.resolve("child-" + attempt + ".log"), "2000", "--stale-after-bars", "100000");
            // Kill once the child has recovered and started deciding, at a random moment after that.
            long deadline = Math.min(System.nanoTime() + TimeUnit.SECONDS.toNanos(60), killsDeadline);
            while (p.isAlive() && starts(journal) <= before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200 + random.nextInt(1000));
            if (!p.isAlive()) {
                break;
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            kills++;
        }
        assertTrue(kills >= 2, "killed " + kills + " times (seed " + seed + ")");
        Process last = child(journal, report, dir.resolve("child-last.log"), "max");
        assertTrue(last.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue(), Files.readString(dir.resolve("child-last.log")));

        assertEquals(json(straight.resolve("state.json")), json(report.resolve("state.json")), "seed " + seed);
        assertEquals(events(straightJournal, JournalEvent.DecisionMade.class), events(journal, JournalEvent.DecisionMade.class),
                "seed " + seed);
        List<JournalEvent> fills = events(journal, JournalEvent.FillReceived.class);
        assertEquals(events(straightJournal, JournalEvent.FillReceived.class), fills, "no fill lost or doubled, seed " + seed);
        assertEquals(fills.size(), new HashSet<>(fills.stream()
                .map(f -> ((JournalEvent.FillReceived) f).executionId()).toList()).size());
        assertEquals(0, CliRunner.run("audit", "verify", "--journal", journal.toString()).exitCode());
    }

    @Test
    void sigtermStopsGracefullyWithExitZero() throws Exception {
        Path journal = dir.resolve("j.db");
        Path log = dir.resolve("child.log");
        Process p = child(journal, dir.resolve("r"), log, "60");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && starts(journal) < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1500);
        assertTrue(p.isAlive(), Files.readString(log));
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(log));
        assertTrue(Files.readString(log).contains("stopped by SIGTERM"), Files.readString(log));
        List<JournalEvent> stops = events(journal, JournalEvent.SessionStopped.class);
        assertEquals("SIGTERM", ((JournalEvent.SessionStopped) stops.getLast()).reason());
        try (JournalStore store = JournalStores.sqlite(journal)) {
            assertInstanceOf(AuditVerification.Intact.class, AuditTrail.verify(store));
        }
        assertFalse(Files.readString(log).contains("Exception"), Files.readString(log));
    }

    @Test
    void servesPrometheusMetricsOnTheMetricsPortWhileRunning() throws Exception {
        Path log = dir.resolve("child.log");
        // Port 0: the child binds a free port itself and prints it, so no other process can take it in between.
        Process p = child(dir.resolve("j.db"), dir.resolve("r"), log, "600", "--metrics-port", "0");
        try {
            String scrape = "";
            int port = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (p.isAlive() && System.nanoTime() < deadline && !scrape.contains("sextant_decisions_total{outcome=")) {
                Thread.sleep(200);
                if (port < 0) {
                    port = metricsPort(Files.readString(log));
                }
                if (port >= 0) {
                    scrape = scrape(port);
                }
            }
            assertTrue(scrape.contains("sextant_orders_total"), scrape + Files.readString(log));
            assertTrue(scrape.contains("sextant_decision_latency_seconds"), scrape);
            assertTrue(scrape.contains("sextant_feed_staleness_seconds"), scrape);
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(0, p.exitValue(), Files.readString(log));
    }

    /** The port in the child's "metrics: http://127.0.0.1:PORT/metrics" line, or -1 before it is printed. */
    private static int metricsPort(String log) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(log);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String scrape(int port) {
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(
                    "http://127.0.0.1:" + port + "/metrics").toURL().openConnection();
            try (var in = c.getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException notYetListening) {
            return "";
        }
    }

    /**
     * {@code --registry}: the registry's champion trades, its challenger runs in shadow (a second
     * bundle trained on a different feature set), every change and alert is in the verified journal,
     * and {@code audit export --model-events} writes the model events.
     */
    @Test
    void tradesTheRegistrysChampionWithItsChallengerInShadow() throws IOException {
        Path second = dir.resolve("bundle-2");
        CliRunner.Result t = CliRunner.run("train", "--input", CliRunner.BITSTAMP.toString(), "--set", "extended-35",
                "--models", "logistic", "--output", second.toString(), "--bundle-version", "2");
        assertEquals(0, t.exitCode(), t.err());
        Path registry = dir.resolve("registry.db");
        assertEquals(0, CliRunner.run("models", "register", "--registry", registry.toString(), "--bundle", bundle.toString())
                .exitCode());
        assertEquals(0, CliRunner.run("models", "register", "--registry", registry.toString(), "--bundle", second.toString())
                .exitCode());
        assertEquals(0, CliRunner.run("models", "promote", "--registry", registry.toString(), "--version", "1", "--to",
                "champion").exitCode());
        assertEquals(0, CliRunner.run("models", "promote", "--registry", registry.toString(), "--version", "2", "--to",
                "challenger").exitCode());
        Path journal = dir.resolve("j.db");
        List<String> args = new ArrayList<>(List.of(paper(journal, dir.resolve("report"), input)));
        int at = args.indexOf("--bundle");
        args.set(at, "--registry");
        args.set(at + 1, registry.toString());
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("champion version 1"), r.out());
        List<JournalEvent> shadow = events(journal, JournalEvent.ShadowSignalGenerated.class);
        assertTrue(shadow.size() > 100, "the challenger ran in shadow: " + shadow.size());
        assertTrue(shadow.stream().allMatch(e -> ((JournalEvent.ShadowSignalGenerated) e).registryVersion() == 2));
        JournalEvent.SessionStarted started = (JournalEvent.SessionStarted) events(journal, JournalEvent.SessionStarted.class)
                .get(0);
        assertTrue(started.bundleId().endsWith(" 1"), started.toString());
        assertEquals(0, CliRunner.run("audit", "verify", "--journal", journal.toString()).exitCode());
        Path modelEvents = dir.resolve("model-events.jsonl");
        CliRunner.Result export = CliRunner.run("audit", "export", "--journal", journal.toString(), "--output",
                dir.resolve("orders.jsonl").toString(), "--model-events", modelEvents.toString());
        assertEquals(0, export.exitCode(), export.err());
        assertEquals(events(journal, JournalEvent.DriftAlert.class).size(), Files.readAllLines(modelEvents).size());
        assertTrue(export.out().contains("model events"), export.out());
    }

    @Test
    void registryAndBundleTogetherOrAutoPromoteWithoutARegistryAreOneLineErrors() {
        CliRunner.Result both = CliRunner.run(paper(dir.resolve("j.db"), dir.resolve("r"), input, "--registry",
                dir.resolve("registry.db").toString()));
        assertEquals(SextantCli.EXIT_BAD_INPUT, both.exitCode());
        assertTrue(both.err().contains("give exactly one of --bundle and --registry"), both.err());
        CliRunner.Result promote = CliRunner.run(paper(dir.resolve("j.db"), dir.resolve("r"), input, "--auto-promote"));
        assertEquals(SextantCli.EXIT_BAD_INPUT, promote.exitCode());
        assertTrue(promote.err().contains("--auto-promote needs --registry"), promote.err());
        List<String> args = new ArrayList<>(List.of(paper(dir.resolve("j.db"), dir.resolve("r"), input)));
        int at = args.indexOf("--bundle");
        args.set(at, "--registry");
        args.set(at + 1, dir.resolve("missing.db").toString());
        CliRunner.Result missing = CliRunner.run(args.toArray(String[]::new));
        assertEquals(SextantCli.EXIT_BAD_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertFalse(Files.exists(dir.resolve("j.db")), "nothing was journaled");
    }
}

package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.live.registry.ModelVersion;
import dev.sextant.trading.live.registry.RegistryAudit;
import dev.sextant.trading.live.registry.Stage;
import dev.sextant.trading.models.drift.Detector;
import dev.sextant.trading.models.drift.DriftAlert;
import dev.sextant.trading.report.browser.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard in a real headless Chromium, served by a service with a paper session attached. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private ServiceRig rig;

    @BeforeAll
    void start() throws InterruptedException {
        rig = new ServiceRig(dir, true, ServiceLimits.defaults());
    }

    @AfterAll
    void stop() {
        rig.close();
    }

    private HeadlessChromium open(String token) {
        HeadlessChromium browser = HeadlessChromium.launch(WAIT);
        browser.extraHeaders(Map.of("Authorization", "Bearer " + token));
        browser.navigate(URI.create(rig.service.baseUrl() + "/dashboard/?interval=300"));
        browser.waitFor("window.sextantDashboard !== undefined && window.sextantDashboard.refreshes >= 1");
        return browser;
    }

    @Test
    void anOperatorSeesTheSessionInChartsAndTablesAndCanTripAndRearmTheKillSwitch() throws IOException {
        try (HeadlessChromium browser = open(ServiceRig.OPERATOR)) {
            assertEquals(List.of(), browser.consoleErrors());
            int points = rig.monitor.equityCurve().size();
            assertEquals(points, browser.evaluate(
                    "window.sextantDashboard.equityChart.getOption().series[0].data.length").asInt());
            assertEquals(points, browser.evaluate(
                    "window.sextantDashboard.equityChart.getOption().series[1].data.length").asInt());
            assertEquals(rig.monitor.equityCurve().get(points - 1).equity(), browser.evaluate(
                    "window.sextantDashboard.equityChart.getOption().series[0].data.at(-1)[1]").asDouble(), 1e-6);
            assertTrue(browser.evaluate("document.querySelectorAll('#decisions-table tbody tr').length").asInt() > 0);
            assertEquals(5, browser.evaluate("document.querySelectorAll('#limits-table tbody tr').length").asInt());
            assertEquals(rig.engine.modelVersion(), browser.evaluate("document.getElementById('champion').textContent")
                    .asString());
            assertEquals("armed", browser.evaluate("document.getElementById('kill-state').textContent").asString());
            byte[] png = browser.fullPageScreenshotPng(2_000);
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target", "dashboard.png"), png);

            browser.click("#kill-trip");
            browser.waitFor("document.getElementById('kill-state').textContent === 'TRIPPED'");
            assertTrue(rig.session.risk().killSwitch().isTripped());
            browser.click("#kill-rearm");
            browser.waitFor("document.getElementById('kill-state').textContent === 'armed'");
            assertFalse(rig.session.risk().killSwitch().isTripped());
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void aViewerSeesTheDashboardButTheKillSwitchRefusesThem() {
        try (HeadlessChromium browser = open(ServiceRig.VIEWER)) {
            assertEquals(List.of(), browser.consoleErrors());
            assertTrue(browser.evaluate("window.sextantDashboard.equityChart.getOption().series[0].data.length").asInt() > 0);
            browser.click("#kill-trip");
            browser.waitFor("document.getElementById('kill-result').textContent.startsWith('Refused (403)')");
            assertFalse(rig.session.risk().killSwitch().isTripped(), "a viewer cannot trip the kill switch");
            assertEquals("armed", browser.evaluate("document.getElementById('kill-state').textContent").asString());
            // The browser logs the refused request itself; nothing else may have gone wrong.
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.stream().allMatch(e -> e.contains("403")), errors.toString());
        }
    }

    @Test
    void theModelsPanelShowsTheRegistrysChampionAndChallengersAndTheSessionsDriftAlerts() throws Exception {
        Path registryDir = dir.resolve("with-registry");
        Files.createDirectories(registryDir);
        try (ModelRegistry registry = ModelRegistry.sqlite(registryDir.resolve("registry.db"), RegistryAudit.none())) {
            ModelVersion champion = registry.register(ServiceRig.bundle(), "", "", "test", "");
            ModelVersion challenger = registry.register(ServiceRig.bundle(), "", "", "test", "");
            registry.promote(champion.version(), Stage.CHAMPION, "test", "first");
            registry.promote(challenger.version(), Stage.CHALLENGER, "test", "shadow");
            SessionMonitor[] monitor = new SessionMonitor[1];
            try (ServiceRig withRegistry = new ServiceRig(registryDir, true, ServiceLimits.defaults(),
                    b -> b.models(new RegistryModels(registry, "svc@1", () -> monitor[0].driftAlerts())))) {
                monitor[0] = withRegistry.monitor;
                monitor[0].onDriftAlert(new DriftAlert.FeatureDrift("BTC/USD", Instant.parse("2024-01-02T03:04:00Z"), "rsi_14",
                        Detector.PSI, 0.41, 0.25));
                HeadlessChromium browser = HeadlessChromium.launch(WAIT);
                try (browser) {
                    browser.extraHeaders(Map.of("Authorization", "Bearer " + ServiceRig.VIEWER));
                    browser.navigate(URI.create(withRegistry.service.baseUrl() + "/dashboard/?interval=300"));
                    browser.waitFor("window.sextantDashboard !== undefined && window.sextantDashboard.refreshes >= 1");
                    assertEquals(List.of(), browser.consoleErrors());
                    assertEquals(RegistryModels.name(registry.get(champion.version())),
                            browser.evaluate("document.getElementById('champion').textContent").asString());
                    assertEquals(RegistryModels.name(registry.get(challenger.version())),
                            browser.evaluate("document.getElementById('challengers').textContent").asString());
                    assertEquals("drift: 2024-01-02T03:04:00Z BTC/USD: feature rsi_14 drifted PSI 0.4100 above threshold 0.2500",
                            browser.evaluate("document.querySelector('#drift-alerts li').textContent").asString());

                    // The registry is read at each refresh: a promotion shows without a restart.
                    registry.promote(challenger.version(), Stage.CHAMPION, "test", "better");
                    browser.waitFor("document.getElementById('challengers').textContent === 'none'");
                    assertEquals(RegistryModels.name(registry.get(challenger.version())),
                            browser.evaluate("document.getElementById('champion').textContent").asString());
                }
            }
        }
    }
}

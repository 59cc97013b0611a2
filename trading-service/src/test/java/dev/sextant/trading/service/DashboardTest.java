package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.report.browser.HeadlessChromium;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
}

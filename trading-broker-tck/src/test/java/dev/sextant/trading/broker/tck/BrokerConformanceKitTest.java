package dev.sextant.trading.broker.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit as an adapter would, through the JUnit Platform: the paper broker passes every
 * test, and each deliberately faulty connector fails the tests aimed at its fault with a message
 * that names the fault (not merely a timeout), while the tests it must not fail pass.
 *
 * <p>The faulty kits use the kit's default 5 s timeout, so a loaded machine cannot make a test
 * fail, or pass, for the wrong reason. A failure found only when a wait runs out costs the whole
 * timeout, so the kit's tests run concurrently here (each has its own fixture and checks).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerConformanceKitTest {
    private static final int TESTS = 19;

    private static final String LONG_FROM_FLAT = "opens a long position from flat";
    private static final String UNITS = "reports fill prices, average price and cash in the venue's units";

    /** Runs every test of {@code kit} and returns each test's result by display name. */
    private static Map<String, TestExecutionResult> run(Class<?> kit) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(kit))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .configurationParameter(KitRunCondition.PARAMETER, "true")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(TESTS))
                .build();
        Map<String, TestExecutionResult> results = new ConcurrentHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    results.put(test.getDisplayName(), result);
                }
            }
        });
        assertEquals(TESTS, results.size(), "tests run by " + kit.getSimpleName() + ": " + results.keySet());
        return new TreeMap<>(results);
    }

    private static String message(TestExecutionResult result) {
        return result.getThrowable().map(String::valueOf).orElse("no exception");
    }

    /** {@code test} failed, and its message names every one of {@code fault}. */
    private static void assertFailsNaming(Map<String, TestExecutionResult> results, String test, String... fault) {
        TestExecutionResult result = results.get(test);
        assertNotNull(result, "no test named '" + test + "' among " + results.keySet());
        assertEquals(TestExecutionResult.Status.FAILED, result.getStatus(), "'" + test + "' should fail: " + message(result));
        String message = message(result);
        for (String part : fault) {
            assertTrue(message.contains(part), "'" + test + "' failed without naming \"" + part + "\": " + message);
        }
    }

    private static void assertPasses(Map<String, TestExecutionResult> results, String test) {
        TestExecutionResult result = results.get(test);
        assertNotNull(result, "no test named '" + test + "' among " + results.keySet());
        assertEquals(TestExecutionResult.Status.SUCCESSFUL, result.getStatus(), "'" + test + "' should pass: " + message(result));
    }

    @Test
    void thePaperBrokerPassesEveryTest() {
        Map<String, TestExecutionResult> results = run(PaperBrokerConformanceTest.class);
        results.keySet().forEach(test -> assertPasses(results, test));
    }

    @Test
    void aConnectorThatDeliversAFillTwiceFails() {
        Map<String, TestExecutionResult> results = run(DuplicateFillKitRun.class);
        assertFailsNaming(results, LONG_FROM_FLAT, "executions delivered twice within one connection session");
        assertFailsNaming(results, "reports partial fills", "executions delivered twice within one connection session");
    }

    @Test
    void aConnectorThatLosesACancelFails() {
        Map<String, TestExecutionResult> results = run(LostCancelKitRun.class);
        // The lost cancel shows as the Canceled that never comes: the wait that runs out must be that one.
        assertFailsNaming(results, "cancels a resting order", "timed out", "waiting for Canceled of");
        assertFailsNaming(results, "resolves a cancel racing a fill", "timed out", "waiting for Canceled or CancelRejected of");
        assertPasses(results, LONG_FROM_FLAT);
    }

    @Test
    void aConnectorThatReportsAWrongPositionAfterReconnectFails() {
        Map<String, TestExecutionResult> results = run(WrongPositionKitRun.class);
        assertFailsNaming(results, "reconciles open orders and positions after disconnect and reconnect",
                "the venue and the events disagree", "POSITION_MISMATCH");
        assertFailsNaming(results, "recovers from a connection loss", "the venue and the events disagree", "POSITION_MISMATCH");
        assertPasses(results, LONG_FROM_FLAT);
    }

    @Test
    void aConnectorThatDeliversAcknowledgementsAfterFillsFails() {
        Map<String, TestExecutionResult> results = run(AcknowledgementAfterFillKitRun.class);
        assertFailsNaming(results, "delivers the acknowledgement before the fills",
                "events delivered before their order's acknowledgement", "Filled of");
        // The other scenarios wait for the acknowledgement before the venue prints, so they miss the fault.
        assertPasses(results, LONG_FROM_FLAT);
    }

    @Test
    void aConnectorThatDropsOrdersWhileConnectingFails() {
        Map<String, TestExecutionResult> results = run(DroppedWhileConnectingKitRun.class);
        assertFailsNaming(results, "neither drops nor half-sends requests raced against connect()",
                "submitted while connect() was under way", "must reach the venue, not be dropped");
        assertPasses(results, "refuses requests while disconnected");
    }

    @Test
    void aConnectorThatReportsFillPricesInTicksFails() {
        Map<String, TestExecutionResult> results = run(FillPriceInTicksKitRun.class);
        assertFailsNaming(results, UNITS, "fill price of", "bought by a print at");
        assertFailsNaming(results, LONG_FROM_FLAT, "fill prices disagree with the venue's prints");
    }

    @Test
    void aConnectorThatReportsTheAveragePriceInTicksFails() {
        Map<String, TestExecutionResult> results = run(AveragePriceInTicksKitRun.class);
        assertFailsNaming(results, UNITS, "AVERAGE_PRICE_MISMATCH");
        assertFailsNaming(results, LONG_FROM_FLAT, "AVERAGE_PRICE_MISMATCH");
    }

    @Test
    void aConnectorThatReportsCashInCentsFails() {
        Map<String, TestExecutionResult> results = run(CashInCentsKitRun.class);
        assertFailsNaming(results, UNITS, "CASH_MISMATCH");
        assertFailsNaming(results, LONG_FROM_FLAT, "CASH_MISMATCH");
    }
}

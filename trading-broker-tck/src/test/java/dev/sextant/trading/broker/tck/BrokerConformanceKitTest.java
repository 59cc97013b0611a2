package dev.sextant.trading.broker.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the kit as an adapter would, through the JUnit Platform: the paper broker passes every
 * test, and each deliberately faulty connector fails the tests aimed at its fault.
 */
class BrokerConformanceKitTest {
    private static final int TESTS = 19;

    private static TestExecutionSummary run(Class<?> kit) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(kit))
                .filters(EngineFilter.includeEngines("junit-jupiter"))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    private static Set<String> failed(TestExecutionSummary s) {
        Set<String> names = new TreeSet<>();
        s.getFailures().forEach(f -> names.add(f.getTestIdentifier().getDisplayName()));
        return names;
    }

    @Test
    void thePaperBrokerPassesEveryTest() {
        TestExecutionSummary s = run(PaperBrokerConformanceTest.class);
        assertEquals(TESTS, s.getTestsFoundCount());
        assertEquals(Set.of(), failed(s));
    }

    @Test
    void aConnectorThatDeliversAFillTwiceFails() {
        TestExecutionSummary s = run(DuplicateFillKitRun.class);
        assertEquals(TESTS, s.getTestsFoundCount());
        Set<String> failed = failed(s);
        assertTrue(failed.contains("opens a long position from flat"), failed.toString());
        assertTrue(failed.contains("reports partial fills"), failed.toString());
    }

    @Test
    void aConnectorThatLosesACancelFails() {
        Set<String> failed = failed(run(LostCancelKitRun.class));
        assertTrue(failed.contains("cancels a resting order"), failed.toString());
        assertTrue(failed.contains("resolves a cancel racing a fill"), failed.toString());
    }

    @Test
    void aConnectorThatReportsAWrongPositionAfterReconnectFails() {
        Set<String> failed = failed(run(WrongPositionKitRun.class));
        assertTrue(failed.contains("reconciles open orders and positions after disconnect and reconnect"), failed.toString());
        assertTrue(failed.contains("recovers from a connection loss"), failed.toString());
        assertTrue(!failed.contains("opens a long position from flat"), failed.toString());
    }

    @Test
    void aConnectorThatDeliversAcknowledgementsAfterFillsFails() {
        Set<String> failed = failed(run(AcknowledgementAfterFillKitRun.class));
        assertTrue(failed.contains("delivers the acknowledgement before the fills"), failed.toString());
    }

    @Test
    void aConnectorThatDropsOrdersWhileConnectingFails() {
        Set<String> failed = failed(run(DroppedWhileConnectingKitRun.class));
        assertTrue(failed.contains("neither drops nor half-sends requests raced against connect()"), failed.toString());
        assertFalse(failed.contains("refuses requests while disconnected"), failed.toString());
    }

    @Test
    void aConnectorThatReportsFillPricesInTicksFails() {
        Set<String> failed = failed(run(FillPriceInTicksKitRun.class));
        assertTrue(failed.contains("reports fill prices, average price and cash in the venue's units"), failed.toString());
        assertTrue(failed.contains("opens a long position from flat"), failed.toString());
    }

    @Test
    void aConnectorThatReportsTheAveragePriceInTicksFails() {
        Set<String> failed = failed(run(AveragePriceInTicksKitRun.class));
        assertTrue(failed.contains("reports fill prices, average price and cash in the venue's units"), failed.toString());
        assertTrue(failed.contains("opens a long position from flat"), failed.toString());
    }

    @Test
    void aConnectorThatReportsCashInCentsFails() {
        Set<String> failed = failed(run(CashInCentsKitRun.class));
        assertTrue(failed.contains("reports fill prices, average price and cash in the venue's units"), failed.toString());
        assertTrue(failed.contains("opens a long position from flat"), failed.toString());
    }
}

package dev.sextant.trading.broker.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerConnector;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/** Each deliberately faulty connector fails the check aimed at its fault; the correct one passes it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConformanceChecksTest {
    private final ConformanceChecks checks = new ConformanceChecks(Duration.ofMillis(300));

    private static void run(Consumer<VenueFixture> check, UnaryOperator<BrokerConnector> wrap) {
        try (PaperVenueFixture f = new PaperVenueFixture(b -> wrap.apply(b))) {
            check.accept(f);
        }
    }

    private static String failure(Consumer<VenueFixture> check, UnaryOperator<BrokerConnector> fault) {
        run(check, c -> c); // the correct paper broker passes the same check
        Executable faulty = () -> run(check, fault);
        return assertThrows(AssertionError.class, faulty).getMessage();
    }

    @Test
    void catchesAConnectorThatDeliversAFillTwice() {
        String message = failure(checks::opensLongFromFlat, FaultyConnectors::duplicateFill);
        assertTrue(message.contains("delivered twice"), message);
        message = failure(checks::reportsPartialFills, FaultyConnectors::duplicateFill);
        assertTrue(message.contains("delivered twice"), message);
    }

    @Test
    void catchesAConnectorThatLosesACancel() {
        String message = failure(checks::cancelsRestingOrder, FaultyConnectors::lostCancel);
        assertTrue(message.contains("timed out") && message.contains("Canceled of"), message);
        message = failure(checks::resolvesCancelRacingAFill, FaultyConnectors::lostCancel);
        assertTrue(message.contains("timed out"), message);
    }

    @Test
    void catchesAConnectorThatReportsAWrongPositionAfterReconnect() {
        String message = failure(checks::reconcilesAfterDisconnectAndReconnect, FaultyConnectors::wrongPositionAfterReconnect);
        assertTrue(message.contains("POSITION_MISMATCH"), message);
        message = failure(checks::recoversFromConnectionLoss, FaultyConnectors::wrongPositionAfterReconnect);
        assertTrue(message.contains("POSITION_MISMATCH"), message);
    }

    @Test
    void catchesAConnectorThatDeliversAFillBeforeItsAcknowledgement() {
        String message = failure(checks::deliversAcknowledgementBeforeFills, FaultyConnectors::acknowledgesAfterFills);
        assertTrue(message.contains("before their order's acknowledgement") && message.contains("Filled of"), message);
    }

    @Test
    void theOldScenariosWaitForTheAcknowledgementAndMissTheArrivalOrderFault() {
        // A patient timeout: the faulty connector's acknowledgement is 100 ms late on a loaded machine too.
        ConformanceChecks patient = new ConformanceChecks(Duration.ofSeconds(5));
        run(patient::opensLongFromFlat, FaultyConnectors::acknowledgesAfterFills);
    }

    @Test
    void catchesAConnectorThatDropsAnOrderSubmittedWhileConnecting() {
        String message = failure(checks::handlesRequestsRacedAgainstConnect, FaultyConnectors::dropsOrdersWhileConnecting);
        assertTrue(message.contains("timed out") && message.contains("must reach the venue, not be dropped"), message);
    }

    @Test
    void aConnectorThatDropsOrdersWhileConnectingStillRefusesThemWhileDisconnected() {
        run(checks::rejectsRequestsWhileDisconnected, FaultyConnectors::dropsOrdersWhileConnecting);
    }

    @Test
    void catchesAConnectorThatReportsFillPricesInTicks() {
        String message = failure(checks::opensLongFromFlat, FaultyConnectors::fillPricesInTicks);
        assertTrue(message.contains("fill prices disagree with the venue's prints"), message);
        message = failure(checks::reportsPricesAndCashInTheVenuesUnits, FaultyConnectors::fillPricesInTicks);
        assertTrue(message.contains("fill price of"), message);
    }

    @Test
    void catchesAConnectorThatReportsTheAveragePriceInTicks() {
        String message = failure(checks::opensLongFromFlat, FaultyConnectors::averagePriceInTicks);
        assertTrue(message.contains("AVERAGE_PRICE_MISMATCH"), message);
        message = failure(checks::reportsPricesAndCashInTheVenuesUnits, FaultyConnectors::averagePriceInTicks);
        assertTrue(message.contains("AVERAGE_PRICE_MISMATCH"), message);
    }

    @Test
    void catchesAConnectorThatReportsCashInCents() {
        String message = failure(checks::opensLongFromFlat, FaultyConnectors::cashInCents);
        assertTrue(message.contains("CASH_MISMATCH"), message);
        message = failure(checks::reportsPricesAndCashInTheVenuesUnits, FaultyConnectors::cashInCents);
        assertTrue(message.contains("CASH_MISMATCH"), message);
    }

    @Test
    void theWrongPositionIsNotSeenBeforeAnyReconnect() {
        run(checks::opensLongFromFlat, FaultyConnectors::wrongPositionAfterReconnect);
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new ConformanceChecks(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ConformanceChecks(Duration.ofSeconds(-1)));
    }
}

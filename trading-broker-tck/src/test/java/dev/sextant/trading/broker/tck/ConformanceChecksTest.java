package dev.sextant.trading.broker.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerConnector;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each deliberately faulty connector fails the check aimed at its fault; the correct one passes it. */
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
    void theWrongPositionIsNotSeenBeforeAnyReconnect() {
        run(checks::opensLongFromFlat, FaultyConnectors::wrongPositionAfterReconnect);
    }

    @Test
    void refusesANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> new ConformanceChecks(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ConformanceChecks(Duration.ofSeconds(-1)));
    }
}

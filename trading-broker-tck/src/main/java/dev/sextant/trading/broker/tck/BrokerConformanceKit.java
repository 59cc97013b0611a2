package dev.sextant.trading.broker.tck;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The broker conformance kit: extend it in the adapter's tests and implement
 * {@link #createFixture()}. Each test gets a fresh fixture and runs one
 * {@link ConformanceChecks} scenario: long from flat, close, reverse, cancel, replace, partial
 * fills, rejects, unknown-order cancels, idempotent submission, duplicated and reordered events,
 * the acknowledgement before the fills, fill prices, average price and cash in the venue's units,
 * disconnect and reconnect with reconciliation, connection loss, requests raced against
 * {@code connect()}, and cancel/replace racing a fill.
 *
 * <pre>{@code
 * class MyVenueConformanceTest extends BrokerConformanceKit {
 *     @Override
 *     protected VenueFixture createFixture() {
 *         return new MyVenueFixture(); // connector + control over a test venue
 *     }
 * }
 * }</pre>
 *
 * <p>The tests are final: an adapter that cannot pass one does not conform.
 */
public abstract class BrokerConformanceKit {
    private VenueFixture fixture;
    private ConformanceChecks checks;

    /** For subclasses. */
    protected BrokerConformanceKit() {
    }

    /** A fresh fixture: a new, disconnected connector and a venue with an empty, funded account. */
    protected abstract VenueFixture createFixture();

    /** How long the kit waits for each expected event or reconciliation; 5 seconds by default. */
    protected Duration timeout() {
        return Duration.ofSeconds(5);
    }

    /** Creates the fixture for one test. */
    @BeforeEach
    protected final void openFixture() {
        fixture = createFixture();
        checks = new ConformanceChecks(timeout());
    }

    /** Closes the fixture after one test. */
    @AfterEach
    protected final void closeFixture() {
        if (fixture != null) {
            fixture.close();
        }
    }

    /** See {@link ConformanceChecks#connectsAndReportsConnectionState}. */
    @Test
    @DisplayName("connects, disconnects and reports the connection state")
    public final void connectsAndReportsConnectionState() {
        checks.connectsAndReportsConnectionState(fixture);
    }

    /** See {@link ConformanceChecks#rejectsRequestsWhileDisconnected}. */
    @Test
    @DisplayName("refuses requests while disconnected")
    public final void rejectsRequestsWhileDisconnected() {
        checks.rejectsRequestsWhileDisconnected(fixture);
    }

    /** See {@link ConformanceChecks#handlesRequestsRacedAgainstConnect}. */
    @Test
    @DisplayName("neither drops nor half-sends requests raced against connect()")
    public final void handlesRequestsRacedAgainstConnect() {
        checks.handlesRequestsRacedAgainstConnect(fixture);
    }

    /** See {@link ConformanceChecks#opensLongFromFlat}. */
    @Test
    @DisplayName("opens a long position from flat")
    public final void opensLongFromFlat() {
        checks.opensLongFromFlat(fixture);
    }

    /** See {@link ConformanceChecks#closesLong}. */
    @Test
    @DisplayName("closes a long position")
    public final void closesLong() {
        checks.closesLong(fixture);
    }

    /** See {@link ConformanceChecks#reversesLongToShort}. */
    @Test
    @DisplayName("reverses a long position to short")
    public final void reversesLongToShort() {
        checks.reversesLongToShort(fixture);
    }

    /** See {@link ConformanceChecks#cancelsRestingOrder}. */
    @Test
    @DisplayName("cancels a resting order")
    public final void cancelsRestingOrder() {
        checks.cancelsRestingOrder(fixture);
    }

    /** See {@link ConformanceChecks#replacesRestingOrder}. */
    @Test
    @DisplayName("replaces a resting order")
    public final void replacesRestingOrder() {
        checks.replacesRestingOrder(fixture);
    }

    /** See {@link ConformanceChecks#reportsPartialFills}. */
    @Test
    @DisplayName("reports partial fills")
    public final void reportsPartialFills() {
        checks.reportsPartialFills(fixture);
    }

    /** See {@link ConformanceChecks#rejectsOrderBeyondBuyingPower}. */
    @Test
    @DisplayName("rejects an order beyond buying power")
    public final void rejectsOrderBeyondBuyingPower() {
        checks.rejectsOrderBeyondBuyingPower(fixture);
    }

    /** See {@link ConformanceChecks#rejectsCancelOfUnknownOrder}. */
    @Test
    @DisplayName("rejects a cancel of an unknown order")
    public final void rejectsCancelOfUnknownOrder() {
        checks.rejectsCancelOfUnknownOrder(fixture);
    }

    /** See {@link ConformanceChecks#treatsResubmissionAsIdempotent}. */
    @Test
    @DisplayName("treats an identical resubmission as a no-op")
    public final void treatsResubmissionAsIdempotent() {
        checks.treatsResubmissionAsIdempotent(fixture);
    }

    /** See {@link ConformanceChecks#deliversAcknowledgementBeforeFills}. */
    @Test
    @DisplayName("delivers the acknowledgement before the fills")
    public final void deliversAcknowledgementBeforeFills() {
        checks.deliversAcknowledgementBeforeFills(fixture);
    }

    /** See {@link ConformanceChecks#reportsPricesAndCashInTheVenuesUnits}. */
    @Test
    @DisplayName("reports fill prices, average price and cash in the venue's units")
    public final void reportsPricesAndCashInTheVenuesUnits() {
        checks.reportsPricesAndCashInTheVenuesUnits(fixture);
    }

    /** See {@link ConformanceChecks#eventsSurviveDuplicationAndReordering}. */
    @Test
    @DisplayName("events survive duplication and reordering")
    public final void eventsSurviveDuplicationAndReordering() {
        checks.eventsSurviveDuplicationAndReordering(fixture);
    }

    /** See {@link ConformanceChecks#reconcilesAfterDisconnectAndReconnect}. */
    @Test
    @DisplayName("reconciles open orders and positions after disconnect and reconnect")
    public final void reconcilesAfterDisconnectAndReconnect() {
        checks.reconcilesAfterDisconnectAndReconnect(fixture);
    }

    /** See {@link ConformanceChecks#recoversFromConnectionLoss}. */
    @Test
    @DisplayName("recovers from a connection loss")
    public final void recoversFromConnectionLoss() {
        checks.recoversFromConnectionLoss(fixture);
    }

    /** See {@link ConformanceChecks#resolvesCancelRacingAFill}. */
    @Test
    @DisplayName("resolves a cancel racing a fill")
    public final void resolvesCancelRacingAFill() {
        checks.resolvesCancelRacingAFill(fixture);
    }

    /** See {@link ConformanceChecks#resolvesReplaceRacingAFill}. */
    @Test
    @DisplayName("resolves a replace racing a fill")
    public final void resolvesReplaceRacingAFill() {
        checks.resolvesReplaceRacingAFill(fixture);
    }
}

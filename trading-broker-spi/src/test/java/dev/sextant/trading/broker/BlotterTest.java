package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BlotterTest {
    private static final Instrument AAPL = Instrument.equity("AAPL", "XNAS");
    private static final Instant T0 = Instant.parse("2024-01-02T14:30:00Z");

    private final List<OrderAnomaly> seen = new ArrayList<>();
    private final Blotter blotter = new Blotter(seen::add);
    private int executions;

    private static OrderRequest buy(String id, double quantity) {
        return OrderRequest.limit(id, AAPL, Side.BUY, quantity, 100, TimeInForce.GTC);
    }

    private OrderEvent.Execution fill(String id, Side side, double quantity, double price) {
        Fill f = new Fill("X" + (++executions), id, AAPL, side, quantity, price, 0.5, T0.plusSeconds(executions));
        return new OrderEvent.PartiallyFilled(f);
    }

    private Order order(String id) {
        return blotter.order(id).orElseThrow();
    }

    private void accept(String id) {
        blotter.onOrderEvent(new OrderEvent.Accepted(id, "V" + id, T0));
    }

    @Test
    void tracksAnOrderFromSubmissionToFilled() {
        Order pending = blotter.submitted(buy("a", 100), T0);
        assertEquals(OrderStatus.PENDING_NEW, pending.status());
        accept("a");
        assertEquals(OrderStatus.NEW, order("a").status());
        assertEquals("Va", order("a").venueOrderId());
        blotter.onOrderEvent(fill("a", Side.BUY, 40, 100));
        assertEquals(OrderStatus.PARTIALLY_FILLED, order("a").status());
        blotter.onOrderEvent(new OrderEvent.Filled(fill("a", Side.BUY, 60, 101).fill()));
        Order done = order("a");
        assertEquals(OrderStatus.FILLED, done.status());
        assertEquals(100, done.filledQuantity(), 1e-12);
        assertEquals(100.6, done.averageFillPrice(), 1e-12);
        assertEquals(100, blotter.position(AAPL).quantity(), 1e-12);
        assertTrue(seen.isEmpty());
    }

    @Test
    void ignoresADuplicateFillWithTheSameExecutionId() {
        blotter.submitted(buy("a", 100), T0);
        accept("a");
        OrderEvent.Execution f = fill("a", Side.BUY, 40, 100);
        blotter.onOrderEvent(f);
        blotter.onOrderEvent(f);
        assertEquals(40, order("a").filledQuantity(), 1e-12);
        assertEquals(40, blotter.position(AAPL).quantity(), 1e-12);
        assertEquals(1, blotter.fills().size());
        assertEquals(1, blotter.anomalyCount(OrderAnomaly.Kind.DUPLICATE_EXECUTION));
    }

    @Test
    void appliesALateFillAfterCancel() {
        blotter.submitted(buy("a", 100), T0);
        accept("a");
        blotter.cancelRequested("a", T0);
        blotter.onOrderEvent(new OrderEvent.Canceled("a", T0));
        blotter.onOrderEvent(fill("a", Side.BUY, 30, 100));
        assertEquals(OrderStatus.CANCELED, order("a").status());
        assertEquals(30, order("a").filledQuantity(), 1e-12);
        assertEquals(30, blotter.position(AAPL).quantity(), 1e-12);
    }

    @Test
    void aLateFillThatCompletesACanceledOrderMakesItFilled() {
        blotter.submitted(buy("a", 10), T0);
        accept("a");
        blotter.onOrderEvent(new OrderEvent.Canceled("a", T0));
        blotter.onOrderEvent(fill("a", Side.BUY, 10, 100));
        assertEquals(OrderStatus.FILLED, order("a").status());
    }

    @Test
    void detectsAnOverfillAndStillCountsIt() {
        blotter.submitted(buy("a", 10), T0);
        accept("a");
        blotter.onOrderEvent(fill("a", Side.BUY, 10, 100));
        blotter.onOrderEvent(fill("a", Side.BUY, 5, 100));
        assertEquals(OrderStatus.FILLED, order("a").status());
        assertEquals(15, order("a").filledQuantity(), 1e-12);
        assertEquals(15, blotter.position(AAPL).quantity(), 1e-12);
        assertEquals(1, blotter.anomalyCount(OrderAnomaly.Kind.OVERFILL));
        assertTrue(seen.getLast().kind().isFault());
    }

    @Test
    void rejectsAndReportsAnIllegalTransitionFromTheVenue() {
        blotter.submitted(buy("a", 10), T0);
        accept("a");
        blotter.onOrderEvent(new OrderEvent.Rejected("a", RejectReason.RISK, "late", T0));
        assertEquals(OrderStatus.NEW, order("a").status());
        assertEquals(OrderAnomaly.Kind.ILLEGAL_TRANSITION, seen.getLast().kind());
    }

    @Test
    void anAcceptAfterARejectIsIllegal() {
        blotter.submitted(buy("a", 10), T0);
        blotter.onOrderEvent(new OrderEvent.Rejected("a", RejectReason.INSUFFICIENT_BUYING_POWER, "", T0));
        accept("a");
        assertEquals(OrderStatus.REJECTED, order("a").status());
        assertEquals(OrderAnomaly.Kind.ILLEGAL_TRANSITION, seen.getLast().kind());
    }

    @Test
    void aFillOfARejectedOrderIsCountedButTheStatusStaysRejected() {
        blotter.submitted(buy("a", 10), T0);
        blotter.onOrderEvent(new OrderEvent.Rejected("a", RejectReason.RISK, "", T0));
        blotter.onOrderEvent(fill("a", Side.BUY, 4, 100));
        assertEquals(OrderStatus.REJECTED, order("a").status());
        assertEquals(4, blotter.position(AAPL).quantity(), 1e-12);
        assertEquals(1, blotter.anomalyCount(OrderAnomaly.Kind.ILLEGAL_TRANSITION));
    }

    @Test
    void aCancelRejectReturnsTheOrderToItsPreviousState() {
        blotter.submitted(buy("a", 10), T0);
        accept("a");
        assertEquals(OrderStatus.PENDING_CANCEL, blotter.cancelRequested("a", T0).status());
        blotter.onOrderEvent(new OrderEvent.CancelRejected("a", RejectReason.VENUE, "no", T0));
        assertEquals(OrderStatus.NEW, order("a").status());
    }

    @Test
    void aCancelRejectAfterAFillWhilePendingReturnsToPartiallyFilled() {
        blotter.submitted(buy("a", 10), T0);
        accept("a");
        blotter.cancelRequested("a", T0);
        blotter.onOrderEvent(fill("a", Side.BUY, 3, 100));
        assertEquals(OrderStatus.PENDING_CANCEL, order("a").status());
        blotter.onOrderEvent(new OrderEvent.CancelRejected("a", RejectReason.VENUE, "", T0));
        assertEquals(OrderStatus.PARTIALLY_FILLED, order("a").status());
    }

    @Test
    void aFillThatCompletesAnOrderPendingCancelMakesItFilledAndTheCancelRejectIsStale() {
        blotter.submitted(buy("a", 10), T0);
        accept("a");
        blotter.cancelRequested("a", T0);
        blotter.onOrderEvent(fill("a", Side.BUY, 10, 100));
        blotter.onOrderEvent(new OrderEvent.CancelRejected("a", RejectReason.TOO_LATE, "", T0));
        assertEquals(OrderStatus.FILLED, order("a").status());
        assertEquals(OrderAnomaly.Kind.STALE_EVENT, seen.getLast().kind());
    }

    @Test
    void clientOrderIdsAreUnique() {
        Order first = blotter.submitted(buy("a", 10), T0);
        assertEquals(first, blotter.submitted(buy("a", 10), T0.plusSeconds(5)));
        BrokerException e = assertThrows(BrokerException.class, () -> blotter.submitted(buy("a", 11), T0));
        assertEquals(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID, e.code());
        assertEquals(1, blotter.orders().size());
    }

    @Test
    void refusesToCancelAFilledOrder() {
        blotter.submitted(buy("a", 10), T0);
        blotter.onOrderEvent(fill("a", Side.BUY, 10, 100));
        BrokerException e = assertThrows(BrokerException.class, () -> blotter.cancelRequested("a", T0));
        assertEquals(BrokerException.Code.ILLEGAL_TRANSITION, e.code());
        assertEquals(OrderStatus.FILLED, order("a").status());
    }

    @Test
    void refusesRequestsForAnUnknownOrder() {
        assertEquals(BrokerException.Code.UNKNOWN_ORDER,
                assertThrows(BrokerException.class, () -> blotter.cancelRequested("nope", T0)).code());
    }

    @Test
    void aReplaceCarriesTheFilledQuantityToTheReplacement() {
        blotter.submitted(buy("a", 100), T0);
        accept("a");
        blotter.onOrderEvent(fill("a", Side.BUY, 30, 100));
        OrderRequest b = buy("b", 80);
        assertEquals(OrderStatus.PENDING_REPLACE, blotter.replaceRequested("a", b, T0).status());
        assertEquals(OrderStatus.PENDING_NEW, order("b").status());
        blotter.onOrderEvent(new OrderEvent.Replaced("a", b, "Vb", T0));
        assertEquals(OrderStatus.REPLACED, order("a").status());
        assertEquals(OrderStatus.PARTIALLY_FILLED, order("b").status());
        assertEquals(30, order("b").filledQuantity(), 1e-12);
        blotter.onOrderEvent(fill("b", Side.BUY, 50, 100));
        assertEquals(OrderStatus.FILLED, order("b").status());
        assertEquals(80, blotter.position(AAPL).quantity(), 1e-12);
    }

    @Test
    void aRejectedReplaceReturnsTheOriginalAndRejectsTheReplacement() {
        blotter.submitted(buy("a", 100), T0);
        accept("a");
        blotter.replaceRequested("a", buy("b", 80), T0);
        blotter.onOrderEvent(new OrderEvent.CancelRejected("a", RejectReason.VENUE, "", T0));
        assertEquals(OrderStatus.NEW, order("a").status());
        assertEquals(OrderStatus.REJECTED, order("b").status());
    }

    @Test
    void aLateFillOfAReplacedOrderIsCreditedToTheReplacement() {
        blotter.submitted(buy("a", 100), T0);
        accept("a");
        OrderRequest b = buy("b", 50);
        blotter.replaceRequested("a", b, T0);
        blotter.onOrderEvent(new OrderEvent.Replaced("a", b, "Vb", T0));
        blotter.onOrderEvent(fill("a", Side.BUY, 50, 100));
        assertEquals(OrderStatus.FILLED, order("b").status());
        assertEquals(50, order("b").filledQuantity(), 1e-12);
        assertEquals(OrderStatus.REPLACED, order("a").status());
    }

    @Test
    void validatesAReplaceRequest() {
        blotter.submitted(buy("a", 100), T0);
        accept("a");
        blotter.onOrderEvent(fill("a", Side.BUY, 30, 100));
        OrderRequest otherSide = OrderRequest.limit("b", AAPL, Side.SELL, 80, 100, TimeInForce.GTC);
        assertEquals(BrokerException.Code.INVALID_REQUEST,
                assertThrows(BrokerException.class, () -> blotter.replaceRequested("a", otherSide, T0)).code());
        assertEquals(BrokerException.Code.INVALID_REQUEST,
                assertThrows(BrokerException.class, () -> blotter.replaceRequested("a", buy("b", 30), T0)).code());
        assertEquals(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                assertThrows(BrokerException.class, () -> blotter.replaceRequested("a", buy("a", 90), T0)).code());
        assertEquals(OrderStatus.PARTIALLY_FILLED, order("a").status());
    }

    @Test
    void aFillBeforeTheAcknowledgementIsAppliedAndTheLateAcceptIsStale() {
        blotter.submitted(buy("a", 10), T0);
        blotter.onOrderEvent(fill("a", Side.BUY, 4, 100));
        assertEquals(OrderStatus.PARTIALLY_FILLED, order("a").status());
        accept("a");
        assertEquals(OrderStatus.PARTIALLY_FILLED, order("a").status());
        assertEquals(OrderAnomaly.Kind.STALE_EVENT, seen.getLast().kind());
        assertEquals("Va", order("a").venueOrderId());
    }

    @Test
    void aFillOfAnUnknownOrderMovesThePositionAndIsReported() {
        blotter.onOrderEvent(fill("ghost", Side.SELL, 7, 100));
        assertEquals(-7, blotter.position(AAPL).quantity(), 1e-12);
        assertEquals(OrderAnomaly.Kind.UNKNOWN_ORDER, seen.getLast().kind());
    }

    @Test
    void reportsAFillWhoseSideDiffersFromTheOrder() {
        blotter.submitted(buy("a", 10), T0);
        blotter.onOrderEvent(fill("a", Side.SELL, 4, 100));
        assertEquals(1, blotter.anomalyCount(OrderAnomaly.Kind.MISMATCHED_FILL));
        assertEquals(-4, blotter.position(AAPL).quantity(), 1e-12);
    }

    @Test
    void positionsAreTheSumOfFillsAcrossOrders() {
        blotter.submitted(buy("a", 10), T0);
        blotter.onOrderEvent(fill("a", Side.BUY, 10, 100));
        blotter.submitted(OrderRequest.market("b", AAPL, Side.SELL, 25, TimeInForce.DAY), T0);
        blotter.onOrderEvent(fill("b", Side.SELL, 25, 110));
        Position p = blotter.position(AAPL);
        assertEquals(-15, p.quantity(), 1e-12);
        assertEquals(110, p.averagePrice(), 1e-12);
        assertEquals(100, p.realisedPnl(), 1e-9);
    }

    @Test
    void reconcileFindsMissingUnknownFilledAndPositionDifferences() {
        blotter.submitted(buy("a", 10), T0);
        accept("a");
        blotter.submitted(buy("b", 10), T0);
        accept("b");
        blotter.onOrderEvent(fill("b", Side.BUY, 2, 100));
        Order venueB = new Order(buy("b", 10), "Vb", OrderStatus.PARTIALLY_FILLED, 3, 100, T0);
        Order venueC = new Order(buy("c", 5), "Vc", OrderStatus.NEW, 0, Double.NaN, T0);
        ReconciliationReport report = blotter.reconcile(List.of(venueB, venueC), List.of(new Position(AAPL, 3, 100, 0)));
        Set<ReconciliationReport.Kind> kinds = new HashSet<>();
        report.discrepancies().forEach(d -> kinds.add(d.kind()));
        assertEquals(Set.of(ReconciliationReport.Kind.MISSING_AT_VENUE, ReconciliationReport.Kind.UNKNOWN_AT_VENUE,
                ReconciliationReport.Kind.FILLED_QUANTITY_MISMATCH, ReconciliationReport.Kind.POSITION_MISMATCH), kinds);
        Order venueA = new Order(buy("a", 10), "Va", OrderStatus.NEW, 0, Double.NaN, T0);
        Order venueB2 = new Order(buy("b", 10), "Vb", OrderStatus.PARTIALLY_FILLED, 2, 100, T0);
        assertTrue(blotter.reconcile(List.of(venueA, venueB2), List.of(new Position(AAPL, 2, 100, 0))).isClean());
    }

    // ---------------------------------------------------------------- properties

    /**
     * In-order delivery with duplicates and, at the end, contradicting events: no illegal
     * transition, every distinct fill counted once, positions the sum of fills, final statuses
     * those of the venue.
     */
    @Property(tries = 300)
    void duplicatesAndFaultsNeverCauseAnIllegalStateOrLoseFills(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int orders,
            @ForAll @IntRange(min = 0, max = 10) int duplicates, @ForAll @IntRange(min = 0, max = 8) int faults) {
        VenueHistory h = VenueHistory.generate(seed, orders);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<VenueHistory.Step> steps = new ArrayList<>(h.steps);
        for (int i = 0; i < duplicates; i++) {
            List<Integer> venueIndexes = new ArrayList<>();
            for (int k = 0; k < steps.size(); k++) {
                if (steps.get(k) instanceof VenueHistory.Venue) {
                    venueIndexes.add(k);
                }
            }
            int from = venueIndexes.get(random.nextInt(venueIndexes.size()));
            int to = from + 1 + random.nextInt(steps.size() - from);
            steps.add(to, steps.get(from));
        }
        Blotter b = new Blotter();
        List<Fill> extraFills = new ArrayList<>();
        for (VenueHistory.Step s : steps) {
            applyChecked(b, s);
        }
        List<String> ids = new ArrayList<>(h.finalStatus.keySet());
        for (int i = 0; i < faults; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            OrderEvent fault = contradiction(b, id, random, extraFills);
            if (fault != null) {
                applyChecked(b, new VenueHistory.Venue(fault));
            }
        }
        assertFinalState(h, b, extraFills);
    }

    /**
     * Requests first, then every venue event shuffled and duplicated: the outcome is the same as
     * in order.
     */
    @Property(tries = 300)
    void reorderedAndDuplicatedEventsGiveTheSameOutcome(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int orders) {
        VenueHistory h = VenueHistory.generate(seed, orders);
        Random random = new Random(seed * 31 + 7);
        List<OrderEvent> events = new ArrayList<>(h.venueEvents());
        int copies = events.size() / 2;
        for (int i = 0; i < copies; i++) {
            events.add(events.get(random.nextInt(events.size())));
        }
        Collections.shuffle(events, random);
        Blotter b = new Blotter();
        for (VenueHistory.Step s : h.clientSteps()) {
            applyChecked(b, s);
        }
        for (OrderEvent e : events) {
            applyChecked(b, new VenueHistory.Venue(e));
        }
        assertFinalState(h, b, List.of());
    }

    private static void applyChecked(Blotter b, VenueHistory.Step step) {
        Map<String, OrderStatus> before = new HashMap<>();
        for (Order o : b.orders()) {
            before.put(o.clientOrderId(), o.status());
        }
        Instant t = Instant.parse("2024-01-02T00:00:00Z");
        switch (step) {
            case VenueHistory.Submit s -> b.submitted(s.request(), t);
            case VenueHistory.CancelRequest c -> b.cancelRequested(c.clientOrderId(), t);
            case VenueHistory.ReplaceRequest r -> b.replaceRequested(r.clientOrderId(), r.replacement(), t);
            case VenueHistory.Venue v -> b.onOrderEvent(v.event());
        }
        for (Order o : b.orders()) {
            OrderStatus was = before.get(o.clientOrderId());
            if (was != null && was != o.status()) {
                assertTrue(OrderStateMachine.isLegal(was, o.status()),
                        () -> o.clientOrderId() + " moved " + was + " -> " + o.status() + " on " + step);
            }
        }
    }

    /** An event that contradicts the order's final state, or a fault fill; null if none applies. */
    private static OrderEvent contradiction(Blotter b, String id, Random random, List<Fill> extraFills) {
        Order o = b.order(id).orElseThrow();
        Instant t = Instant.parse("2024-01-03T00:00:00Z");
        OrderStatus s = o.status();
        return switch (random.nextInt(6)) {
            case 0 -> s == OrderStatus.REJECTED || s.isTerminal() ? new OrderEvent.Accepted(id, "V?", t) : null;
            case 1 -> s != OrderStatus.PENDING_NEW ? new OrderEvent.Rejected(id, RejectReason.VENUE, "fault", t) : null;
            case 2 -> s.isTerminal() ? new OrderEvent.Canceled(id, t) : null;
            case 3 -> !isPending(s) ? new OrderEvent.CancelRejected(id, RejectReason.VENUE, "fault", t) : null;
            case 4 -> s.isTerminal() ? new OrderEvent.Replaced(id, renamed(o.request(), id + "z"), "Vz", t) : null;
            default -> {
                if (s != OrderStatus.FILLED && s != OrderStatus.REJECTED) {
                    yield null;
                }
                Fill f = new Fill("F" + extraFills.size() + id, id, o.request().instrument(), o.request().side(), 1, 100,
                        0, t);
                extraFills.add(f);
                yield new OrderEvent.Filled(f);
            }
        };
    }

    private static OrderRequest renamed(OrderRequest r, String id) {
        return new OrderRequest(id, r.instrument(), r.side(), r.quantity() + 1, r.type(), r.limitPrice(), r.stopPrice(),
                r.timeInForce());
    }

    private static boolean isPending(OrderStatus s) {
        return s == OrderStatus.PENDING_CANCEL || s == OrderStatus.PENDING_REPLACE;
    }

    private static void assertFinalState(VenueHistory h, Blotter b, List<Fill> extraFills) {
        // Every distinct fill counted exactly once.
        List<Fill> expected = new ArrayList<>(h.fills);
        expected.addAll(extraFills);
        Set<String> expectedIds = new HashSet<>();
        expected.forEach(f -> expectedIds.add(f.executionId()));
        Set<String> counted = new HashSet<>();
        for (Fill f : b.fills()) {
            assertTrue(counted.add(f.executionId()), "fill " + f.executionId() + " counted twice");
        }
        assertEquals(expectedIds, counted);
        // Positions are the sum of fills.
        Map<Instrument, Double> sums = new HashMap<>();
        for (Fill f : expected) {
            sums.merge(f.instrument(), f.signedQuantity(), Double::sum);
        }
        for (Instrument i : List.of(VenueHistory.AAPL, VenueHistory.MSFT)) {
            assertEquals(sums.getOrDefault(i, 0.0), b.position(i).quantity(), 1e-9, "position in " + i.id());
        }
        // Statuses and filled quantities as the venue reported them.
        for (Map.Entry<String, OrderStatus> e : h.finalStatus.entrySet()) {
            Order o = b.order(e.getKey()).orElseThrow();
            assertEquals(e.getValue(), o.status(), () -> "status of " + e.getKey());
            if (o.status() != OrderStatus.REJECTED) {
                double extra = extraFills.stream().filter(f -> f.clientOrderId().equals(e.getKey()))
                        .mapToDouble(Fill::quantity).sum();
                assertEquals(h.chainFilled(e.getKey()) + extra, o.filledQuantity(), 1e-9, "filled of " + e.getKey());
            }
        }
    }
}

package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderAnomaly;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * No fill is lost or doubled whatever faults hit the session: random schedules of orders,
 * prints, cancels, connection drops, sequence gaps, PossDupFlag repeats, exchange gateway
 * restarts and connector restarts from the store, each run against a fresh simulated exchange.
 * At the end the blotter fed by the connector(s) holds exactly the venue's executions, each
 * delivered once, and agrees with the venue's open orders and positions.
 *
 * <p>Bounded: 5 schedules of at most 7 steps; each schedule must finish within 30 seconds.
 */
class FixConnectorProperties {
    private static final Instrument I = SimulatedExchangeFixture.INSTRUMENT;
    private static final Duration LIMIT = Duration.ofSeconds(30);

    enum Kind { REST_BUY, REST_SELL, PRINT, CANCEL, DROP, GAP, POSS_DUP, GATEWAY_RESTART, CONNECTOR_RESTART }

    /** One step; {@code a} and {@code b} are small numbers whose meaning depends on the kind. */
    record Step(Kind kind, int a, int b) {
    }

    @Provide
    Arbitrary<List<Step>> schedules() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(1, 6)).as(Step::new);
        return step.list().ofMinSize(3).ofMaxSize(7);
    }

    @Property(tries = 5, seed = "20261203", shrinking = ShrinkingMode.OFF)
    void noFillIsLostOrDoubledUnderFaults(@ForAll("schedules") List<Step> schedule) {
        assertTimeoutPreemptively(LIMIT, () -> run(schedule), () -> "schedule " + schedule);
    }

    private static void run(List<Step> schedule) {
        SimulatedExchangeFixture fixture = new SimulatedExchangeFixture();
        EventLog log = new EventLog();
        FixConnector c = (FixConnector) fixture.connector();
        int n = 0;
        try {
            c.addListener(log);
            c.connect();
            for (Step s : schedule) {
                switch (s.kind()) {
                    case REST_BUY -> rest(c, log, Side.BUY, s.b(), 100 - s.a(), ++n);
                    case REST_SELL -> rest(c, log, Side.SELL, s.b(), 100 + s.a(), ++n);
                    case PRINT -> fixture.trade(100 + (s.a() - 2), s.b() * 2);
                    case CANCEL -> {
                        List<Order> working = log.blotter.workingOrders();
                        if (!working.isEmpty()) {
                            String id = working.get(s.a() % working.size()).clientOrderId();
                            log.blotter.cancelRequested(id, Instant.now());
                            c.cancel(id);
                        }
                    }
                    case DROP -> {
                        int seen = log.states().size();
                        fixture.exchange().dropConnection();
                        log.awaitState(ConnectionState.DISCONNECTED, seen);
                        fixture.trade(100 - s.a(), s.b());
                        c.connect();
                    }
                    case GAP -> {
                        fixture.exchange().skipSequenceNumbers(s.b());
                        fixture.trade(100 - s.a(), s.b());
                    }
                    case POSS_DUP -> fixture.exchange().resendLastReports(s.b());
                    case GATEWAY_RESTART -> {
                        int seen = log.states().size();
                        fixture.exchange().stop();
                        log.awaitState(ConnectionState.DISCONNECTED, seen);
                        fixture.trade(100 - s.a(), s.b());
                        fixture.exchange().start();
                        c.connect();
                    }
                    case CONNECTOR_RESTART -> {
                        c.close();
                        fixture.trade(100 + s.a() - 2, s.b());
                        FixConnector next = new FixConnector(c.config(), Clock.system());
                        c = next;
                        c.addListener(log);
                        c.connect();
                    }
                }
            }
            if (c.connectionState() != ConnectionState.CONNECTED) {
                c.connect();
            }
            FixConnector last = c;
            log.await("the blotter to reconcile with the venue",
                    () -> log.blotter.reconcile(last.openOrders(), last.positions()).isClean());
            Set<String> venue = fixture.exchange().executions().stream().map(Fill::executionId).collect(Collectors.toSet());
            log.await("every venue execution delivered", () -> log.blotter.fills().stream().map(Fill::executionId)
                    .collect(Collectors.toSet()).equals(venue));
            List<String> delivered = log.executionIds();
            assertEquals(delivered.size(), new HashSet<>(delivered).size(), "executions delivered twice: " + delivered);
            assertEquals(filledByOrder(fixture.exchange().executions()), filledByOrder(log.blotter.fills()),
                    "filled quantity per order");
            assertEquals(0, log.blotter.anomalyCount(OrderAnomaly.Kind.OVERFILL), "overfills");
            assertEquals(0, log.blotter.anomalyCount(OrderAnomaly.Kind.ILLEGAL_TRANSITION), "illegal transitions");
        } finally {
            c.close();
            fixture.close();
        }
    }

    private static void rest(FixConnector c, EventLog log, Side side, int quantity, double price, int n) {
        OrderRequest r = OrderRequest.limit("pf" + System.nanoTime() + "-" + n, I, side, quantity, price, TimeInForce.GTC);
        log.blotter.submitted(r, Instant.now());
        c.submit(r);
        log.await("Accepted of " + r.clientOrderId(), () -> log.count(OrderEvent.Accepted.class, r.clientOrderId()) > 0
                || log.count(OrderEvent.Rejected.class, r.clientOrderId()) > 0);
    }

    private static Map<String, Double> filledByOrder(List<Fill> fills) {
        Map<String, Double> out = new TreeMap<>();
        for (Fill f : fills) {
            out.merge(f.clientOrderId(), f.quantity(), Double::sum);
        }
        return out;
    }
}

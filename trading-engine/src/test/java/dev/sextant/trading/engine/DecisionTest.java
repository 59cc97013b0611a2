package dev.sextant.trading.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.core.ClassProbabilities;
import dev.sextant.trading.core.Direction;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.TimeInForce;
import dev.sextant.trading.risk.Outcome;
import dev.sextant.trading.risk.ReasonCode;
import dev.sextant.trading.risk.RiskDecision;
import dev.sextant.trading.risk.SizingReason;
import dev.sextant.trading.risk.SizingResult;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class DecisionTest {
    private static final Instrument BTC = Instrument.crypto("BTC/USD", "PAPER", "USD");
    private static final Instrument ETH = Instrument.crypto("ETH/USD", "PAPER", "USD");
    private static final Instant T = Instant.parse("2024-01-02T00:01:00Z");

    private static Signal signal(Direction d) {
        return new Signal(BTC, T, d, new ClassProbabilities(0.2, 0.2, 0.6), 0.6, "m", "1");
    }

    private static SizingResult sized(double quantity, SizingReason reason) {
        return new SizingResult(BTC, quantity, 2, 0.05, 5, reason);
    }

    private static OrderRequest order(Instrument i, double q) {
        return OrderRequest.market("sx-BTCUSD-1", i, Side.BUY, q, TimeInForce.GTC);
    }

    private static RiskDecision risk(Outcome outcome, double q) {
        return outcome == Outcome.APPROVED ? RiskDecision.approved(order(BTC, q))
                : new RiskDecision(outcome, order(BTC, q), ReasonCode.MAX_POSITION, "max-position", 1, 2, "over the limit");
    }

    /** One valid decision of every case. */
    private static List<Decision> oneOfEach() {
        Signal buy = signal(Direction.BUY);
        return List.of(new Decision.WarmingUp(BTC, T), new Decision.NoPrediction(BTC, T),
                new Decision.ModelFailed(BTC, T, "IllegalStateException: boom"),
                new Decision.OutOfDistribution(BTC, T, buy, 3.5, 2.0), new Decision.Hold(BTC, T, signal(Direction.HOLD)),
                new Decision.CircuitOpen(BTC, T, buy),
                new Decision.EdgeBelowMinimum(BTC, T, buy, sized(0, SizingReason.EDGE_BELOW_MINIMUM), 20),
                new Decision.NotSized(BTC, T, buy, sized(0, SizingReason.AT_TARGET)),
                new Decision.Rejected(BTC, T, buy, sized(2, SizingReason.SIZED), risk(Outcome.REJECTED, 2)),
                new Decision.Sent(BTC, T, buy, sized(2, SizingReason.SIZED), order(BTC, 2)),
                new Decision.Resized(BTC, T, buy, sized(2, SizingReason.SIZED), risk(Outcome.RESIZED, 1)),
                new Decision.BrokerRefused(BTC, T, buy, sized(2, SizingReason.SIZED), risk(Outcome.APPROVED, 2),
                        BrokerException.Code.NOT_CONNECTED, "NOT_CONNECTED: paper broker is DISCONNECTED"));
    }

    @Test
    void everyCaseHasItsOwnKindNamedAfterIt() {
        List<Decision> all = oneOfEach();
        Set<Class<?>> permitted = Set.of(Decision.class.getPermittedSubclasses());
        assertEquals(permitted, all.stream().map(Object::getClass).collect(Collectors.toSet()), "one of each case");
        assertEquals(Decision.Kind.values().length, permitted.size());
        for (Decision d : all) {
            String snake = d.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
            assertEquals(snake, d.kind().name());
            assertEquals(snake.toLowerCase(Locale.ROOT), d.kind().label());
            assertEquals(BTC, d.instrument());
            assertEquals(T, d.time());
        }
        assertEquals(List.copyOf(Arrays.asList(Decision.Kind.values())), all.stream().map(Decision::kind).toList(),
                "Kind lists the cases in pipeline order");
    }

    @Test
    void onlySentAndResizedCarryOrders() {
        for (Decision d : oneOfEach()) {
            switch (d) {
                case Decision.Sent s -> assertEquals(List.of(s.order()), d.orders());
                case Decision.Resized r -> {
                    assertEquals(List.of(r.order()), d.orders());
                    assertEquals(1, r.order().quantity());
                    assertEquals(ReasonCode.MAX_POSITION, r.code());
                }
                default -> assertTrue(d.orders().isEmpty(), d.kind().label());
            }
        }
    }

    private static void rejects(String fragment, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void signalMustBelongToTheDecisionsInstrumentAndTime() {
        Signal later = new Signal(BTC, T.plusSeconds(60), Direction.HOLD, new ClassProbabilities(0.2, 0.6, 0.2), 0.6, "m", "1");
        rejects("2024-01-02T00:02:00Z", () -> new Decision.Hold(BTC, T, later));
        rejects("ETH/USD", () -> new Decision.Hold(ETH, T, signal(Direction.HOLD)));
    }

    @Test
    void holdNeedsAHoldSignalAndCircuitOpenABuyOrSell() {
        rejects("HOLD signal", () -> new Decision.Hold(BTC, T, signal(Direction.BUY)));
        rejects("BUY or SELL", () -> new Decision.CircuitOpen(BTC, T, signal(Direction.HOLD)));
        rejects("distance above the threshold", () -> new Decision.OutOfDistribution(BTC, T, signal(Direction.BUY), 1, 2));
    }

    @Test
    void edgeBelowMinimumNeedsThatSizingReasonAndAMinimum() {
        rejects("EDGE_BELOW_MINIMUM", () -> new Decision.EdgeBelowMinimum(BTC, T, signal(Direction.BUY),
                sized(0, SizingReason.AT_TARGET), 20));
        rejects("minimumEdgeBps", () -> new Decision.EdgeBelowMinimum(BTC, T, signal(Direction.BUY),
                sized(0, SizingReason.EDGE_BELOW_MINIMUM), -1));
    }

    @Test
    void notSizedNeedsAnUntradableSizingThatIsNotAboutTheEdge() {
        rejects("SIZED", () -> new Decision.NotSized(BTC, T, signal(Direction.BUY), sized(2, SizingReason.SIZED)));
        rejects("EDGE_BELOW_MINIMUM", () -> new Decision.NotSized(BTC, T, signal(Direction.BUY),
                sized(0, SizingReason.EDGE_BELOW_MINIMUM)));
        rejects("ETH/USD", () -> new Decision.NotSized(BTC, T, signal(Direction.BUY),
                new SizingResult(ETH, 0, 0, 0, Double.NaN, SizingReason.AT_TARGET)));
    }

    @Test
    void riskOutcomeMustMatchTheCase() {
        Signal buy = signal(Direction.BUY);
        SizingResult s = sized(2, SizingReason.SIZED);
        rejects("REJECTED", () -> new Decision.Rejected(BTC, T, buy, s, risk(Outcome.APPROVED, 2)));
        rejects("RESIZED", () -> new Decision.Resized(BTC, T, buy, s, risk(Outcome.APPROVED, 2)));
        rejects("approved or resized", () -> new Decision.BrokerRefused(BTC, T, buy, s, risk(Outcome.REJECTED, 2),
                BrokerException.Code.TIMEOUT, "late"));
    }

    @Test
    void orderMustBeForTheDecisionsInstrument() {
        rejects("ETH/USD", () -> new Decision.Sent(BTC, T, signal(Direction.BUY), sized(2, SizingReason.SIZED), order(ETH, 2)));
    }

    @Test
    void textFieldsMustNotBeBlank() {
        rejects("error", () -> new Decision.ModelFailed(BTC, T, " "));
        rejects("message", () -> new Decision.BrokerRefused(BTC, T, signal(Direction.BUY), sized(2, SizingReason.SIZED),
                risk(Outcome.APPROVED, 2), BrokerException.Code.TIMEOUT, ""));
    }

    @Test
    void noComponentMayBeNull() {
        assertThrows(NullPointerException.class, () -> new Decision.WarmingUp(null, T));
        assertThrows(NullPointerException.class, () -> new Decision.NoPrediction(BTC, null));
        assertThrows(NullPointerException.class, () -> new Decision.Sent(BTC, T, signal(Direction.BUY), null, order(BTC, 1)));
        assertThrows(NullPointerException.class, () -> new Decision.BrokerRefused(BTC, T, signal(Direction.BUY),
                sized(2, SizingReason.SIZED), risk(Outcome.APPROVED, 2), null, "x"));
    }
}

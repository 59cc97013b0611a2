package dev.sextant.trading.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.OrderStatus;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderStateMachineTest {

    @Test
    void finalStatusesHaveNoSuccessors() {
        for (OrderStatus s : EnumSet.of(OrderStatus.FILLED, OrderStatus.REPLACED, OrderStatus.REJECTED)) {
            assertEquals(Set.of(), OrderStateMachine.successors(s), s.name());
        }
    }

    @Test
    void aCanceledOrExpiredOrderCanOnlyBecomeFilledByALateFill() {
        assertEquals(Set.of(OrderStatus.FILLED), OrderStateMachine.successors(OrderStatus.CANCELED));
        assertEquals(Set.of(OrderStatus.FILLED), OrderStateMachine.successors(OrderStatus.EXPIRED));
    }

    @Test
    void aCancelRejectMayReturnToEveryCancelableStatus() {
        for (OrderStatus s : EnumSet.of(OrderStatus.PENDING_NEW, OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED)) {
            assertTrue(OrderStateMachine.isCancelable(s));
            assertTrue(OrderStateMachine.isLegal(OrderStatus.PENDING_CANCEL, s));
            assertTrue(OrderStateMachine.isLegal(OrderStatus.PENDING_REPLACE, s));
        }
    }

    @Test
    void forbidsGoingBackwardsOrLeavingAFinalStatus() {
        assertFalse(OrderStateMachine.isLegal(OrderStatus.PARTIALLY_FILLED, OrderStatus.NEW));
        assertFalse(OrderStateMachine.isLegal(OrderStatus.NEW, OrderStatus.PENDING_NEW));
        assertFalse(OrderStateMachine.isLegal(OrderStatus.NEW, OrderStatus.REJECTED));
        assertFalse(OrderStateMachine.isLegal(OrderStatus.FILLED, OrderStatus.CANCELED));
        assertFalse(OrderStateMachine.isLegal(OrderStatus.REJECTED, OrderStatus.NEW));
        assertFalse(OrderStateMachine.isLegal(OrderStatus.NEW, OrderStatus.NEW));
    }

    @Test
    void onlyWorkingUnrequestedOrdersAreCancelable() {
        for (OrderStatus s : OrderStatus.values()) {
            boolean expected = s == OrderStatus.PENDING_NEW || s == OrderStatus.NEW || s == OrderStatus.PARTIALLY_FILLED;
            assertEquals(expected, OrderStateMachine.isCancelable(s), s.name());
        }
    }
}

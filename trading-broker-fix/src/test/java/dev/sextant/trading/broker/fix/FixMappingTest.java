package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.OrderType;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FixMappingTest {

    @Test
    void roundTripsSideTypeTimeInForceAndStatus() {
        for (Side s : Side.values()) {
            assertEquals(s, FixMapping.side(FixMapping.side(s)));
        }
        for (OrderType t : OrderType.values()) {
            assertEquals(t, FixMapping.ordType(FixMapping.ordType(t)));
        }
        for (TimeInForce t : TimeInForce.values()) {
            assertEquals(t, FixMapping.timeInForce(FixMapping.timeInForce(t)));
        }
        for (OrderStatus s : OrderStatus.values()) {
            assertEquals(s, FixMapping.ordStatus(FixMapping.ordStatus(s)));
        }
    }

    @Test
    void readsSellShortAsSellAndRefusesUnknownCodesNamingTheTag() {
        assertEquals(Side.SELL, FixMapping.side('5'));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FixMapping.side('7')).getMessage()
                .contains("Side (54) '7'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FixMapping.ordType('P')).getMessage()
                .contains("OrdType (40) 'P'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FixMapping.timeInForce('6')).getMessage()
                .contains("TimeInForce (59) '6'"));
    }

    @Test
    void mapsRejectReasonsBothWays() {
        for (RejectReason r : new RejectReason[] {RejectReason.UNKNOWN_INSTRUMENT, RejectReason.INSUFFICIENT_BUYING_POWER,
                RejectReason.UNKNOWN_ORDER, RejectReason.DUPLICATE_CLIENT_ORDER_ID, RejectReason.INVALID_ORDER}) {
            assertEquals(r, FixMapping.orderRejectReason(FixMapping.orderRejectCode(r)));
        }
        assertEquals(RejectReason.VENUE, FixMapping.orderRejectReason(99));
        for (RejectReason r : new RejectReason[] {RejectReason.TOO_LATE, RejectReason.UNKNOWN_ORDER,
                RejectReason.DUPLICATE_CLIENT_ORDER_ID}) {
            assertEquals(r, FixMapping.cancelRejectReason(FixMapping.cancelRejectCode(r)));
        }
        assertEquals(RejectReason.VENUE, FixMapping.cancelRejectReason(3));
    }
}

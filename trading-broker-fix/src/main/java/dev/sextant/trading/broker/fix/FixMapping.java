package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.OrderType;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.TimeInForce;

/**
 * The FIX 4.4 code tables that the connector translates: Side (54), OrdType (40), TimeInForce
 * (59), OrdStatus (39), OrdRejReason (103) and CxlRejReason (102). docs/broker-fix.md shows the
 * same tables. Stateless.
 */
final class FixMapping {
    private FixMapping() {
    }

    static char side(Side side) {
        return side == Side.BUY ? '1' : '2';
    }

    /** Side (54): 1 buy, 2 sell; 5 sell short and 6 sell short exempt count as sell. */
    static Side side(char value) {
        return switch (value) {
            case '1' -> Side.BUY;
            case '2', '5', '6' -> Side.SELL;
            default -> throw new IllegalArgumentException("Side (54) '" + value + "' is neither a buy nor a sell");
        };
    }

    static char ordType(OrderType type) {
        return switch (type) {
            case MARKET -> '1';
            case LIMIT -> '2';
            case STOP -> '3';
            case STOP_LIMIT -> '4';
        };
    }

    static OrderType ordType(char value) {
        return switch (value) {
            case '1' -> OrderType.MARKET;
            case '2' -> OrderType.LIMIT;
            case '3' -> OrderType.STOP;
            case '4' -> OrderType.STOP_LIMIT;
            default -> throw new IllegalArgumentException("OrdType (40) '" + value + "' is not supported");
        };
    }

    static char timeInForce(TimeInForce tif) {
        return switch (tif) {
            case DAY -> '0';
            case GTC -> '1';
            case IOC -> '3';
            case FOK -> '4';
        };
    }

    static TimeInForce timeInForce(char value) {
        return switch (value) {
            case '0' -> TimeInForce.DAY;
            case '1' -> TimeInForce.GTC;
            case '3' -> TimeInForce.IOC;
            case '4' -> TimeInForce.FOK;
            default -> throw new IllegalArgumentException("TimeInForce (59) '" + value + "' is not supported");
        };
    }

    static char ordStatus(OrderStatus status) {
        return switch (status) {
            case PENDING_NEW -> 'A';
            case NEW -> '0';
            case PARTIALLY_FILLED -> '1';
            case FILLED -> '2';
            case PENDING_CANCEL -> '6';
            case CANCELED -> '4';
            case PENDING_REPLACE -> 'E';
            case REPLACED -> '5';
            case REJECTED -> '8';
            case EXPIRED -> 'C';
        };
    }

    /** OrdStatus (39); 3 done for day counts as working, 7 stopped and 9 suspended too. */
    static OrderStatus ordStatus(char value) {
        return switch (value) {
            case 'A' -> OrderStatus.PENDING_NEW;
            case '0', '3', '7', '9' -> OrderStatus.NEW;
            case '1' -> OrderStatus.PARTIALLY_FILLED;
            case '2' -> OrderStatus.FILLED;
            case '6' -> OrderStatus.PENDING_CANCEL;
            case '4' -> OrderStatus.CANCELED;
            case 'E' -> OrderStatus.PENDING_REPLACE;
            case '5' -> OrderStatus.REPLACED;
            case '8' -> OrderStatus.REJECTED;
            case 'C' -> OrderStatus.EXPIRED;
            default -> throw new IllegalArgumentException("OrdStatus (39) '" + value + "' is not supported");
        };
    }

    /** OrdRejReason (103) to the SPI's reason; 3 "order exceeds limit" is the venue's credit (buying power) limit. */
    static RejectReason orderRejectReason(int code) {
        return switch (code) {
            case 1 -> RejectReason.UNKNOWN_INSTRUMENT;
            case 3 -> RejectReason.INSUFFICIENT_BUYING_POWER;
            case 5 -> RejectReason.UNKNOWN_ORDER;
            case 6 -> RejectReason.DUPLICATE_CLIENT_ORDER_ID;
            case 11, 13, 16 -> RejectReason.INVALID_ORDER;
            default -> RejectReason.VENUE;
        };
    }

    static int orderRejectCode(RejectReason reason) {
        return switch (reason) {
            case UNKNOWN_INSTRUMENT -> 1;
            case INSUFFICIENT_BUYING_POWER -> 3;
            case UNKNOWN_ORDER -> 5;
            case DUPLICATE_CLIENT_ORDER_ID -> 6;
            case INVALID_ORDER -> 11;
            default -> 99;
        };
    }

    /** CxlRejReason (102) to the SPI's reason. */
    static RejectReason cancelRejectReason(int code) {
        return switch (code) {
            case 0 -> RejectReason.TOO_LATE;
            case 1 -> RejectReason.UNKNOWN_ORDER;
            case 6 -> RejectReason.DUPLICATE_CLIENT_ORDER_ID;
            default -> RejectReason.VENUE;
        };
    }

    static int cancelRejectCode(RejectReason reason) {
        return switch (reason) {
            case TOO_LATE -> 0;
            case UNKNOWN_ORDER -> 1;
            case DUPLICATE_CLIENT_ORDER_ID -> 6;
            default -> 99;
        };
    }
}

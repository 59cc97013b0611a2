package dev.sextant.trading.core;

/**
 * Order status with FIX {@code OrdStatus} semantics. The legal transitions between them are
 * enforced by the broker SPI's order state machine.
 */
public enum OrderStatus {
    /** Sent, not yet acknowledged by the venue (FIX A). */
    PENDING_NEW,
    /** Acknowledged and working (FIX 0). */
    NEW,
    /** Working with part of the quantity filled (FIX 1). */
    PARTIALLY_FILLED,
    /** Completely filled (FIX 2). Terminal. */
    FILLED,
    /** A cancel was requested and is not yet confirmed (FIX 6). */
    PENDING_CANCEL,
    /** Cancelled; any unfilled quantity is void (FIX 4). Terminal. */
    CANCELED,
    /** A replace was requested and is not yet confirmed (FIX E). */
    PENDING_REPLACE,
    /** Replaced by a new order; this one is closed (FIX 5). Terminal. */
    REPLACED,
    /** Refused by the venue or by risk (FIX 8). Terminal. */
    REJECTED,
    /** Expired by its time in force (FIX C). Terminal. */
    EXPIRED;

    /** Whether no further event can change an order in this status (late fills excepted). */
    public boolean isTerminal() {
        return switch (this) {
            case FILLED, CANCELED, REPLACED, REJECTED, EXPIRED -> true;
            default -> false;
        };
    }

    /** Whether the order can still trade. */
    public boolean isWorking() {
        return !isTerminal();
    }
}

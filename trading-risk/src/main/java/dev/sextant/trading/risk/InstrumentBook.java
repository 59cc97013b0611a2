package dev.sextant.trading.risk;

import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderType;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.risk.internal.TimeRing;

/**
 * The engine's mutable state for one instrument: position, working quantities, mark, daily
 * returns, cached per-instrument limits and this instrument's contribution to each aggregate.
 * Guarded by the engine's lock.
 */
final class InstrumentBook {
    final Instrument instrument;
    final String id;
    final int index;

    double position;
    double averagePrice;
    double realisedPnl;
    double pendingBuy;
    double pendingSell;

    double mark = Double.NaN;
    long markTime = Long.MIN_VALUE;
    boolean markFromFill;
    double sessionMark = Double.NaN;
    long sessionMarkTime = Long.MIN_VALUE;

    double[] returns;
    int returnCount;
    int returnNext;
    double varLong;
    double varShort;

    boolean restricted;
    int sectorIndex = -1;
    double sectorLimitFraction = Double.POSITIVE_INFINITY;
    double assetClassLimitFraction = Double.POSITIVE_INFINITY;
    double maxOrderQuantity = Double.POSITIVE_INFINITY;

    double grossContribution;
    double netHighContribution;
    double netLowContribution;
    double varContribution;
    double valueContribution;
    boolean open;

    Side lastSide;
    double lastQuantity;
    OrderType lastType;
    double lastLimitPrice;
    double lastStopPrice;
    long lastOrderTime = Long.MIN_VALUE;

    TimeRing buyOrders;
    TimeRing sellOrders;

    InstrumentBook(Instrument instrument, int index, int lookbackDays, int maxRepeatedOrders) {
        this.instrument = instrument;
        this.id = instrument.id();
        this.index = index;
        this.returns = new double[lookbackDays];
        this.buyOrders = new TimeRing(maxRepeatedOrders);
        this.sellOrders = new TimeRing(maxRepeatedOrders);
    }

    /** Raw worst-case long quantity: position plus every working buy (negative for a short). */
    double longWorst() {
        return position + pendingBuy;
    }

    /** Raw worst-case short quantity: every working sell minus the position (negative for a long). */
    double shortWorst() {
        return pendingSell - position;
    }

    TimeRing orders(Side side) {
        return side == Side.BUY ? buyOrders : sellOrders;
    }

    /** Appends a daily return, forgetting the oldest beyond the lookback. */
    void addReturn(double r) {
        returns[returnNext] = r;
        returnNext = returnNext + 1 == returns.length ? 0 : returnNext + 1;
        if (returnCount < returns.length) {
            returnCount++;
        }
    }

    /** Copies the returns, oldest first, into {@code out}; returns how many. */
    int copyReturns(double[] out) {
        int n = returnCount;
        int start = (returnNext - n + returns.length) % returns.length;
        for (int i = 0; i < n; i++) {
            out[i] = returns[(start + i) % returns.length];
        }
        return n;
    }

    /** Changes the lookback, keeping the newest returns. */
    void resizeReturns(int lookbackDays) {
        if (lookbackDays == returns.length) {
            return;
        }
        double[] old = new double[returnCount];
        int n = copyReturns(old);
        returns = new double[lookbackDays];
        returnCount = 0;
        returnNext = 0;
        for (int i = Math.max(0, n - lookbackDays); i < n; i++) {
            addReturn(old[i]);
        }
    }
}

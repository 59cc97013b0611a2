package dev.sextant.trading.engine.internal;

import dev.sextant.trading.core.Fill;
import java.util.Arrays;

/**
 * Splits a stream of fills in one instrument into round trips (flat to flat, a reversal closing
 * one trip and opening the next) and records each trip's net PnL: realised price PnL minus every
 * fee paid in the trip. Average-cost accounting, as {@link dev.sextant.trading.core.Position}.
 */
public final class RoundTrips {
    private double position;
    private double averagePrice;
    private double tripPnl;
    private double[] closed = new double[16];
    private int count;

    /** Adds one fill. */
    public void onFill(Fill fill) {
        double q = fill.signedQuantity();
        double price = fill.price();
        double fee = fill.fee();
        if (Math.abs(position) < 1e-12 || Math.signum(q) == Math.signum(position)) {
            double newQty = position + q;
            averagePrice = (Math.abs(position) * averagePrice + Math.abs(q) * price) / Math.abs(newQty);
            position = newQty;
            tripPnl -= fee;
            return;
        }
        double closing = Math.min(Math.abs(q), Math.abs(position));
        double share = closing / Math.abs(q);
        tripPnl += closing * (price - averagePrice) * Math.signum(position) - fee * share;
        double newQty = position + q;
        if (Math.abs(newQty) < 1e-12 || Math.signum(newQty) != Math.signum(position)) {
            record(tripPnl);
            tripPnl = 0;
            if (Math.abs(newQty) >= 1e-12) {
                averagePrice = price;
                tripPnl = -fee * (1 - share);
            } else {
                newQty = 0;
            }
        }
        position = newQty;
    }

    private void record(double pnl) {
        if (count == closed.length) {
            closed = Arrays.copyOf(closed, count * 2);
        }
        closed[count++] = pnl;
    }

    /** Net PnL of every closed round trip, in order. */
    public double[] closedTrips() {
        return Arrays.copyOf(closed, count);
    }
}

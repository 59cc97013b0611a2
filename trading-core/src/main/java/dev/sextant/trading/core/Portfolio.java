package dev.sextant.trading.core;

import java.util.HashMap;
import java.util.Map;

/**
 * An immutable snapshot of an account: cash, positions, last prices, PnL and the high-water mark
 * of equity. Each update returns a new snapshot, so a snapshot can be shared between threads.
 *
 * <h2>Money</h2>
 * Cash, prices and quantities are IEEE-754 {@code double}s. Values on the order path are snapped
 * to the instrument's tick and lot grid ({@link Instrument#roundPrice}, {@link
 * Instrument#roundQuantity}); accounting sums carry binary rounding error of the order of
 * 1e-12 of the amounts involved, far below a cent for any realistic account. Reports round money
 * to the quote currency's cents when printing. Users who need exact ledger arithmetic reconcile
 * against their venue's statements, which remain the book of record.
 *
 * @param cash          cash balance in the account currency (fees already deducted)
 * @param positions     open and closed positions by instrument
 * @param lastPrices    last mark price by instrument
 * @param feesPaid      cumulative fees
 * @param highWaterMark highest equity seen at any mark or fill
 */
public record Portfolio(
        double cash, Map<Instrument, Position> positions, Map<Instrument, Double> lastPrices,
        double feesPaid, double highWaterMark) {

    /** Validates and copies the maps. */
    public Portfolio {
        Checks.finite(cash, "cash");
        positions = Map.copyOf(Checks.notNull(positions, "positions"));
        lastPrices = Map.copyOf(Checks.notNull(lastPrices, "lastPrices"));
        Checks.nonNegative(feesPaid, "feesPaid");
        Checks.finite(highWaterMark, "highWaterMark");
    }

    /** A portfolio holding only {@code cash}. */
    public static Portfolio ofCash(double cash) {
        return new Portfolio(Checks.finite(cash, "cash"), Map.of(), Map.of(), 0, cash);
    }

    /** The position in {@code instrument}, flat if none. */
    public Position position(Instrument instrument) {
        Position p = positions.get(instrument);
        return p == null ? Position.flat(instrument) : p;
    }

    /** The price used to value {@code instrument}: the last mark, else the position's average price. */
    public double markPrice(Instrument instrument) {
        Double p = lastPrices.get(instrument);
        return p != null ? p : position(instrument).averagePrice();
    }

    /** Cash plus the market value of every position at its mark price. */
    public double equity() {
        double equity = cash;
        for (Position p : positions.values()) {
            equity += p.marketValue(markPrice(p.instrument()));
        }
        return equity;
    }

    /** Sum of realised PnL over all positions, gross of fees. */
    public double realisedPnl() {
        double sum = 0;
        for (Position p : positions.values()) {
            sum += p.realisedPnl();
        }
        return sum;
    }

    /** Sum of unrealised PnL over all positions at their mark prices. */
    public double unrealisedPnl() {
        double sum = 0;
        for (Position p : positions.values()) {
            sum += p.unrealisedPnl(markPrice(p.instrument()));
        }
        return sum;
    }

    /** Sum of absolute market values: gross exposure. */
    public double grossExposure() {
        double sum = 0;
        for (Position p : positions.values()) {
            sum += Math.abs(p.marketValue(markPrice(p.instrument())));
        }
        return sum;
    }

    /** Sum of signed market values: net exposure. */
    public double netExposure() {
        double sum = 0;
        for (Position p : positions.values()) {
            sum += p.marketValue(markPrice(p.instrument()));
        }
        return sum;
    }

    /** Drawdown from the high-water mark as a fraction of it, in [0, 1] for positive equity. */
    public double drawdown() {
        return highWaterMark <= 0 ? 0 : Math.max(0, (highWaterMark - equity()) / highWaterMark);
    }

    /** The portfolio after {@code fill}: cash moves by notional and fee, the position updates. */
    public Portfolio apply(Fill fill) {
        Instrument instrument = fill.instrument();
        Map<Instrument, Position> newPositions = new HashMap<>(positions);
        newPositions.put(instrument, position(instrument).apply(fill));
        double newCash = cash - fill.signedQuantity() * fill.price() - fill.fee();
        Map<Instrument, Double> newPrices = lastPrices;
        if (!lastPrices.containsKey(instrument)) {
            newPrices = new HashMap<>(lastPrices);
            newPrices.put(instrument, fill.price());
        }
        Portfolio next = new Portfolio(newCash, newPositions, newPrices, feesPaid + fill.fee(), highWaterMark);
        return next.withHighWaterMark(Math.max(highWaterMark, next.equity()));
    }

    /** The portfolio with {@code instrument} marked at {@code price}; raises the high-water mark if equity rose. */
    public Portfolio mark(Instrument instrument, double price) {
        Checks.positive(price, "price");
        Map<Instrument, Double> newPrices = new HashMap<>(lastPrices);
        newPrices.put(instrument, price);
        Portfolio next = new Portfolio(cash, positions, newPrices, feesPaid, highWaterMark);
        return next.withHighWaterMark(Math.max(highWaterMark, next.equity()));
    }

    private Portfolio withHighWaterMark(double hwm) {
        return hwm == highWaterMark ? this : new Portfolio(cash, positions, lastPrices, feesPaid, hwm);
    }
}

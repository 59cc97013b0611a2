package dev.sextant.trading.risk;

import dev.sextant.trading.core.Side;
import java.util.Locale;

/**
 * The built-in pre-trade checks, in chain order. Each is stateless (state lives in the engine
 * and its instrument books) and reads the context under the engine's lock. Position and exposure
 * checks apply only to risk-increasing orders and value working orders at the mark as if they
 * filled; order-level checks apply to every order. docs/risk.md documents each one.
 */
final class BuiltInChecks {
    /** The explanation recorded in a headroom dry run, which never reports one: no formatting cost. */
    static final String DRY_RUN = "dry run";

    private BuiltInChecks() {
    }

    /** A fresh array of the built-in checks in the order they run. */
    static PreTradeCheck[] chain() {
        return new PreTradeCheck[] {
            new MaxDrawdown(), new DailyLoss(), new KillSwitchCheck(), new Restricted(), new Duplicate(),
            new StaleMarketData(), new PriceCollar(), new OrderRate(), new RepeatedExecution(),
            new MaxOrderQuantity(), new MaxOrderValue(), new MaxConcurrentPositions(), new MaxPosition(),
            new MaxGrossExposure(), new MaxLeverage(), new MaxNetExposure(), new SectorExposure(),
            new AssetClassExposure(), new VarLimit()
        };
    }

    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.6g", v);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.3f%%", fraction * 100);
    }

    /** The quantity already on the order's side: worst-case long for a buy, worst-case short for a sell. */
    private static double same(CheckContext c) {
        return c.side == Side.BUY ? c.book.longWorst() : c.book.shortWorst();
    }

    /** The worst-case quantity on the other side, non-negative. */
    private static double opposite(CheckContext c) {
        return Math.max(0, c.side == Side.BUY ? c.book.shortWorst() : c.book.longWorst());
    }

    /**
     * The largest quantity that keeps an aggregate of max(long, short) contributions within
     * {@code limit}, or at least does not raise it: the aggregate excluding this instrument is
     * {@code total - own}.
     */
    private static double maxForAggregate(CheckContext c, double total, double own, double limit, double unitValue) {
        double room = limit - (total - own);
        return Math.max(room, own) / unitValue - same(c);
    }

    /** The aggregate after adding {@code quantity} on the order's side. */
    private static double aggregateAfter(CheckContext c, double total, double own, double quantity, double unitValue,
            double oppositeUnitValue) {
        double sameSide = Math.max(0, same(c) + quantity) * unitValue;
        return total - own + Math.max(sameSide, opposite(c) * oppositeUnitValue);
    }

    static final class MaxDrawdown implements PreTradeCheck {
        @Override
        public String name() {
            return "max-drawdown";
        }

        @Override
        public void check(CheckContext c) {
            double hwm = c.ledger.highWaterMark();
            if (!c.riskIncreasing || !(hwm > 0)) {
                return;
            }
            double drawdown = (hwm - c.ledger.equity()) / hwm;
            double limit = c.limits.losses().maxDrawdownFraction();
            if (drawdown >= limit) {
                c.reject(ReasonCode.MAX_DRAWDOWN, limit, drawdown, c.dryRun ? DRY_RUN : "drawdown " + pct(drawdown) + " from high-water mark "
                        + num(hwm) + " is at or beyond the limit " + pct(limit) + ": new risk is halted");
            }
        }
    }

    static final class DailyLoss implements PreTradeCheck {
        @Override
        public String name() {
            return "daily-loss";
        }

        @Override
        public void check(CheckContext c) {
            double start = c.ledger.startOfDayEquity();
            if (!c.riskIncreasing || !(start > 0)) {
                return;
            }
            double loss = (start - c.ledger.equity()) / start;
            double limit = c.limits.losses().dailyLossLimitFraction();
            if (loss >= limit) {
                c.reject(ReasonCode.DAILY_LOSS_LIMIT, limit, loss, c.dryRun ? DRY_RUN : "loss since session start " + pct(loss)
                        + " of start-of-day equity " + num(start) + " is at or beyond the daily limit " + pct(limit));
            }
        }
    }

    static final class KillSwitchCheck implements PreTradeCheck {
        @Override
        public String name() {
            return "kill-switch";
        }

        @Override
        public void check(CheckContext c) {
            if (c.riskIncreasing && c.killSwitch.isTripped()) {
                String why = c.killSwitch.currentTrip()
                        .map(t -> " by " + t.trigger() + " at " + t.time() + " (" + t.detail() + ")").orElse("");
                c.reject(ReasonCode.KILL_SWITCH, Double.NaN, Double.NaN, c.dryRun ? DRY_RUN : "kill switch is tripped" + why
                        + "; only risk-reducing orders pass until it is re-armed");
            }
        }
    }

    static final class Restricted implements PreTradeCheck {
        @Override
        public String name() {
            return "restricted-instrument";
        }

        @Override
        public void check(CheckContext c) {
            if (c.riskIncreasing && c.book.restricted) {
                c.reject(ReasonCode.RESTRICTED_INSTRUMENT, Double.NaN, Double.NaN, c.dryRun ? DRY_RUN : c.book.id
                        + " is on the restricted list: only risk-reducing orders are allowed");
            }
        }
    }

    static final class Duplicate implements PreTradeCheck {
        @Override
        public String name() {
            return "duplicate-order";
        }

        @Override
        public void check(CheckContext c) {
            if (c.dryRun) {
                return;
            }
            String id = c.order.clientOrderId();
            if (c.orders.isWorking(id)) {
                c.reject(ReasonCode.DUPLICATE_ORDER, Double.NaN, Double.NaN, c.dryRun ? DRY_RUN : "client order id " + id
                        + " is already in use by a working order");
                return;
            }
            long window = c.limits.orders().duplicateWindowMillis();
            InstrumentBook b = c.book;
            long age = c.now - b.lastOrderTime;
            if (window > 0 && b.lastSide == c.side && age < window && b.lastQuantity == c.originalQuantity
                    && b.lastType == c.order.type()
                    && Double.compare(b.lastLimitPrice, c.order.limitPrice()) == 0
                    && Double.compare(b.lastStopPrice, c.order.stopPrice()) == 0) {
                c.reject(ReasonCode.DUPLICATE_ORDER, window, age, c.dryRun ? DRY_RUN : "identical " + c.side + " " + num(c.originalQuantity)
                        + " " + b.id + " " + c.order.type() + " order approved " + age + " ms ago (window " + window
                        + " ms)");
            }
        }
    }

    static final class StaleMarketData implements PreTradeCheck {
        @Override
        public String name() {
            return "stale-market-data";
        }

        @Override
        public void check(CheckContext c) {
            long maxAge = c.limits.orders().maxMarkAgeMillis();
            if (Double.isNaN(c.book.mark)) {
                c.reject(ReasonCode.STALE_MARKET_DATA, maxAge, Double.NaN, c.dryRun ? DRY_RUN : "no mark price for " + c.book.id
                        + ": the order cannot be valued");
                return;
            }
            long age = c.now - c.book.markTime;
            if (c.riskIncreasing && age > maxAge) {
                c.reject(ReasonCode.STALE_MARKET_DATA, maxAge, age, c.dryRun ? DRY_RUN : "last mark for " + c.book.id + " is " + age
                        + " ms old, more than the " + maxAge + " ms allowed");
            }
        }
    }

    static final class PriceCollar implements PreTradeCheck {
        @Override
        public String name() {
            return "price-collar";
        }

        @Override
        public void check(CheckContext c) {
            if (c.dryRun || !c.order.type().hasLimitPrice()) {
                return;
            }
            double mark = c.book.mark;
            double price = c.order.limitPrice();
            double deviation = c.side == Side.BUY ? (price - mark) / mark : (mark - price) / mark;
            double collar = c.limits.orders().priceCollarFraction();
            if (deviation > collar) {
                c.reject(ReasonCode.PRICE_COLLAR, collar, deviation, c.dryRun ? DRY_RUN : c.side + " limit " + num(price) + " is "
                        + pct(deviation) + " through the last price " + num(mark) + ", beyond the collar " + pct(collar));
            }
        }
    }

    static final class OrderRate implements PreTradeCheck {
        @Override
        public String name() {
            return "order-rate";
        }

        @Override
        public void check(CheckContext c) {
            OrderLimits o = c.limits.orders();
            if (!c.dryRun && c.orders.rateFull(c.now, o.orderRateWindowMillis())) {
                c.reject(ReasonCode.ORDER_RATE, o.maxOrdersPerWindow(), o.maxOrdersPerWindow() + 1,
                        c.dryRun ? DRY_RUN : "already " + o.maxOrdersPerWindow() + " orders approved in the last "
                        + o.orderRateWindowMillis() + " ms");
            }
        }
    }

    static final class RepeatedExecution implements PreTradeCheck {
        @Override
        public String name() {
            return "repeated-execution";
        }

        @Override
        public void check(CheckContext c) {
            OrderLimits o = c.limits.orders();
            if (!c.dryRun && c.book.orders(c.side).isFull(c.now, o.repeatedOrderWindowMillis())) {
                c.reject(ReasonCode.REPEATED_EXECUTION, o.maxRepeatedOrders(), o.maxRepeatedOrders() + 1,
                        c.dryRun ? DRY_RUN : "already " + o.maxRepeatedOrders() + " " + c.side + " orders on " + c.book.id + " in the last "
                        + o.repeatedOrderWindowMillis() + " ms");
            }
        }
    }

    static final class MaxOrderQuantity implements PreTradeCheck {
        @Override
        public String name() {
            return "max-order-quantity";
        }

        @Override
        public void check(CheckContext c) {
            double max = c.book.maxOrderQuantity;
            if (c.quantity > max) {
                c.limitQuantity(max, ReasonCode.MAX_ORDER_QTY, max, c.quantity, c.dryRun ? DRY_RUN : "order quantity " + num(c.quantity)
                        + " exceeds the maximum " + num(max) + " for " + c.book.id);
            }
        }
    }

    static final class MaxOrderValue implements PreTradeCheck {
        @Override
        public String name() {
            return "max-order-value";
        }

        @Override
        public void check(CheckContext c) {
            OrderLimits o = c.limits.orders();
            double limit = Math.min(o.maxOrderValue(), o.maxOrderValueFraction() * c.ledger.equity());
            double price = Double.isNaN(c.orderPrice) ? c.book.mark : Math.max(c.book.mark, c.orderPrice);
            double value = c.quantity * price;
            if (value > limit) {
                c.limitQuantity(limit / price, ReasonCode.MAX_ORDER_VALUE, limit, value, c.dryRun ? DRY_RUN : "order value " + num(value)
                        + " exceeds the maximum " + num(limit) + " (min of " + num(o.maxOrderValue()) + " and "
                        + pct(o.maxOrderValueFraction()) + " of equity)");
            }
        }
    }

    static final class MaxConcurrentPositions implements PreTradeCheck {
        @Override
        public String name() {
            return "max-concurrent-positions";
        }

        @Override
        public void check(CheckContext c) {
            int max = c.limits.exposure().maxConcurrentPositions();
            if (c.riskIncreasing && !c.book.open && c.ledger.openCount() >= max) {
                c.reject(ReasonCode.MAX_CONCURRENT_POSITIONS, max, c.ledger.openCount() + 1, c.dryRun ? DRY_RUN : "opening " + c.book.id
                        + " would make " + (c.ledger.openCount() + 1) + " instruments with positions or working orders,"
                        + " more than the " + max + " allowed");
            }
        }
    }

    static final class MaxPosition implements PreTradeCheck {
        @Override
        public String name() {
            return "max-position";
        }

        @Override
        public void check(CheckContext c) {
            if (!c.riskIncreasing) {
                return;
            }
            double mark = c.book.mark;
            double limit = c.limits.exposure().maxPositionFraction() * c.ledger.equity();
            double maxQuantity = Math.max(0, limit) / mark - same(c);
            if (c.quantity > maxQuantity) {
                double observed = (same(c) + c.quantity) * mark;
                c.limitQuantity(maxQuantity, ReasonCode.MAX_POSITION, limit, observed, c.dryRun ? DRY_RUN : "position in " + c.book.id
                        + " would reach " + num(observed) + " (working orders included), above the limit " + num(limit)
                        + " = " + pct(c.limits.exposure().maxPositionFraction()) + " of equity");
            }
        }
    }

    static final class MaxGrossExposure implements PreTradeCheck {
        @Override
        public String name() {
            return "max-gross-exposure";
        }

        @Override
        public void check(CheckContext c) {
            double limit = c.limits.exposure().maxGrossExposure();
            if (!c.riskIncreasing || limit == Double.POSITIVE_INFINITY) {
                return;
            }
            double mark = c.book.mark;
            double own = c.book.grossContribution;
            double maxQuantity = maxForAggregate(c, c.ledger.gross(), own, limit, mark);
            if (c.quantity > maxQuantity) {
                double observed = aggregateAfter(c, c.ledger.gross(), own, c.quantity, mark, mark);
                c.limitQuantity(maxQuantity, ReasonCode.MAX_GROSS_EXPOSURE, limit, observed, c.dryRun ? DRY_RUN : "gross exposure would reach "
                        + num(observed) + ", above the limit " + num(limit));
            }
        }
    }

    static final class MaxLeverage implements PreTradeCheck {
        @Override
        public String name() {
            return "max-leverage";
        }

        @Override
        public void check(CheckContext c) {
            if (!c.riskIncreasing) {
                return;
            }
            double equity = c.ledger.equity();
            double leverage = c.limits.exposure().maxLeverage();
            double mark = c.book.mark;
            double own = c.book.grossContribution;
            double maxQuantity = maxForAggregate(c, c.ledger.gross(), own, leverage * equity, mark);
            if (c.quantity > maxQuantity) {
                double observed = aggregateAfter(c, c.ledger.gross(), own, c.quantity, mark, mark) / equity;
                c.limitQuantity(maxQuantity, ReasonCode.MAX_LEVERAGE, leverage, observed, c.dryRun ? DRY_RUN : "leverage (gross exposure"
                        + " / equity) would reach " + num(observed) + ", above the limit " + num(leverage));
            }
        }
    }

    static final class MaxNetExposure implements PreTradeCheck {
        @Override
        public String name() {
            return "max-net-exposure";
        }

        @Override
        public void check(CheckContext c) {
            if (!c.riskIncreasing) {
                return;
            }
            double equity = c.ledger.equity();
            double fraction = c.limits.exposure().maxNetExposureFraction();
            double limit = fraction * equity;
            double high = c.ledger.netHigh();
            double low = c.ledger.netLow();
            double mark = c.book.mark;
            double maxQuantity;
            double observed;
            if (c.side == Side.BUY) {
                double threshold = -low <= limit ? Math.max(limit, high) : Math.max(high, -low);
                maxQuantity = (threshold - high) / mark;
                observed = Math.max(high + c.quantity * mark, -low);
            } else {
                double threshold = high <= limit ? Math.max(limit, -low) : Math.max(high, -low);
                maxQuantity = (threshold + low) / mark;
                observed = Math.max(high, -(low - c.quantity * mark));
            }
            if (c.quantity > maxQuantity) {
                c.limitQuantity(maxQuantity, ReasonCode.MAX_NET_EXPOSURE, fraction, observed / equity,
                        c.dryRun ? DRY_RUN : "net exposure would reach " + num(observed) + " (" + pct(observed / equity)
                        + " of equity), above the limit " + pct(fraction));
            }
        }
    }

    static final class SectorExposure implements PreTradeCheck {
        @Override
        public String name() {
            return "sector-exposure";
        }

        @Override
        public void check(CheckContext c) {
            InstrumentBook b = c.book;
            if (!c.riskIncreasing || b.sectorIndex < 0 || b.sectorLimitFraction == Double.POSITIVE_INFINITY) {
                return;
            }
            double equity = c.ledger.equity();
            double limit = b.sectorLimitFraction * equity;
            double total = c.ledger.sectorGross(b.sectorIndex);
            double maxQuantity = maxForAggregate(c, total, b.grossContribution, limit, b.mark);
            if (c.quantity > maxQuantity) {
                double observed = aggregateAfter(c, total, b.grossContribution, c.quantity, b.mark, b.mark);
                c.limitQuantity(maxQuantity, ReasonCode.SECTOR_EXPOSURE, b.sectorLimitFraction, observed / equity,
                        c.dryRun ? DRY_RUN : "gross exposure of sector " + c.ledger.sectorName(b.sectorIndex) + " would reach "
                        + pct(observed / equity) + " of equity, above the limit " + pct(b.sectorLimitFraction));
            }
        }
    }

    static final class AssetClassExposure implements PreTradeCheck {
        @Override
        public String name() {
            return "asset-class-exposure";
        }

        @Override
        public void check(CheckContext c) {
            InstrumentBook b = c.book;
            if (!c.riskIncreasing || b.assetClassLimitFraction == Double.POSITIVE_INFINITY) {
                return;
            }
            double equity = c.ledger.equity();
            double limit = b.assetClassLimitFraction * equity;
            double total = c.ledger.assetClassGross(b.instrument.assetClass());
            double maxQuantity = maxForAggregate(c, total, b.grossContribution, limit, b.mark);
            if (c.quantity > maxQuantity) {
                double observed = aggregateAfter(c, total, b.grossContribution, c.quantity, b.mark, b.mark);
                c.limitQuantity(maxQuantity, ReasonCode.ASSET_CLASS_EXPOSURE, b.assetClassLimitFraction,
                        observed / equity, c.dryRun ? DRY_RUN : "gross exposure of asset class " + b.instrument.assetClass()
                        + " would reach " + pct(observed / equity) + " of equity, above the limit "
                        + pct(b.assetClassLimitFraction));
            }
        }
    }

    static final class VarLimit implements PreTradeCheck {
        @Override
        public String name() {
            return "var-limit";
        }

        @Override
        public void check(CheckContext c) {
            InstrumentBook b = c.book;
            double unit = c.side == Side.BUY ? b.varLong : b.varShort;
            if (!c.riskIncreasing || !(unit > 0)) {
                return;
            }
            double equity = c.ledger.equity();
            double fraction = c.limits.var().limitFraction();
            double limit = fraction * equity;
            double oppositeUnit = c.side == Side.BUY ? b.varShort : b.varLong;
            double maxQuantity = maxForAggregate(c, c.ledger.varSum(), b.varContribution, limit, unit * b.mark);
            if (c.quantity > maxQuantity) {
                double observed = aggregateAfter(c, c.ledger.varSum(), b.varContribution, c.quantity, unit * b.mark,
                        oppositeUnit * b.mark);
                c.limitQuantity(maxQuantity, ReasonCode.VAR_LIMIT, fraction, observed / equity, c.dryRun ? DRY_RUN : "one-day "
                        + pct(c.limits.var().confidence()) + " VaR (sum over instruments, working orders included) would"
                        + " reach " + num(observed) + " = " + pct(observed / equity) + " of equity, above the limit "
                        + pct(fraction));
            }
        }
    }
}

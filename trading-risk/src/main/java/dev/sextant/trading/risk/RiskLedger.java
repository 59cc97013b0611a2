package dev.sextant.trading.risk;

import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.risk.internal.TimeRing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The risk state the checks decide on: cash, one {@link InstrumentBook} per instrument
 * (position, working quantities, mark, returns, cached per-instrument limits) and the aggregates
 * over them, kept incrementally: equity, worst-case gross and net exposure, gross by sector and
 * asset class, the undiversified VaR sum, the count of open instruments, the high-water mark and
 * the start-of-day equity. Each book's contribution to each aggregate is stored on the book, so a
 * change to one instrument updates the sums in O(1); a periodic full recomputation bounds the
 * rounding drift. Guarded by the engine's lock; the checks read it through the getters.
 */
final class RiskLedger {
    private static final int RECOMPUTE_EVERY = 4096;

    private final InstrumentVar var;
    private final Map<Instrument, InstrumentBook> books = new HashMap<>();
    private final List<InstrumentBook> bookList = new ArrayList<>();
    private final List<InstrumentBook> bookView = Collections.unmodifiableList(bookList);
    private final List<String> sectorNames = new ArrayList<>();
    private final Map<String, Integer> sectorIndex = new HashMap<>();
    private RiskLimits limits;

    private double cash;
    private double positionValue;
    private double gross;
    private double netHigh;
    private double netLow;
    private double varSum;
    private int openCount;
    private double[] sectorGross = new double[0];
    private final double[] assetClassGross = new double[AssetClass.values().length];
    private double highWaterMark;
    private double startOfDayEquity;

    private int refreshes;
    private Instrument lastInstrument;
    private InstrumentBook lastBook;

    /** A ledger whose books take their per-unit VaR from {@code var}. */
    RiskLedger(InstrumentVar var) {
        this.var = var;
    }

    // ---------------------------------------------------------------- what the checks read

    /** Cash plus positions at mark. */
    double equity() {
        return cash + positionValue;
    }

    /** Cash after fills and fees. */
    double cash() {
        return cash;
    }

    /** Worst-case gross exposure: positions and working orders at mark. */
    double gross() {
        return gross;
    }

    /** Net exposure if every working buy fills and no sell does. */
    double netHigh() {
        return netHigh;
    }

    /** Net exposure if every working sell fills and no buy does. */
    double netLow() {
        return netLow;
    }

    /** The undiversified one-day VaR: the sum of every instrument's worst side. */
    double varSum() {
        return varSum;
    }

    /** Instruments with a position or a working order. */
    int openCount() {
        return openCount;
    }

    /** Worst-case gross exposure of the sector with index {@code sector}. */
    double sectorGross(int sector) {
        return sectorGross[sector];
    }

    /** The name of the sector with index {@code sector}. */
    String sectorName(int sector) {
        return sectorNames.get(sector);
    }

    /** Worst-case gross exposure of an asset class. */
    double assetClassGross(AssetClass assetClass) {
        return assetClassGross[assetClass.ordinal()];
    }

    /** The highest equity seen. */
    double highWaterMark() {
        return highWaterMark;
    }

    /** Equity when the session started. */
    double startOfDayEquity() {
        return startOfDayEquity;
    }

    /** Every book, in the order the instruments were first seen; read-only. */
    List<InstrumentBook> books() {
        return bookView;
    }

    // ---------------------------------------------------------------- updates

    /** The book of {@code instrument}, created (configured, with its VaR estimated) on first use. */
    InstrumentBook book(Instrument instrument) {
        if (instrument == lastInstrument) {
            return lastBook;
        }
        InstrumentBook book = books.get(instrument);
        if (book == null) {
            book = new InstrumentBook(instrument, bookList.size(), limits.var().lookbackDays(),
                    limits.orders().maxRepeatedOrders());
            configure(book);
            var.update(book);
            books.put(instrument, book);
            bookList.add(book);
        }
        lastInstrument = instrument;
        lastBook = book;
        return book;
    }

    /**
     * Takes new limits: sector tables and every book's cached limits and return lookback; with
     * {@code varChanged} every book's VaR is re-estimated. Recomputes the aggregates.
     */
    void configure(RiskLimits l, boolean varChanged) {
        limits = l;
        sectorNames.clear();
        sectorIndex.clear();
        for (String s : new TreeSet<>(l.exposure().sectors().values())) {
            sectorIndex.put(s, sectorNames.size());
            sectorNames.add(s);
        }
        sectorGross = new double[sectorNames.size()];
        for (InstrumentBook b : bookList) {
            configure(b);
            b.resizeReturns(l.var().lookbackDays());
            if (varChanged) {
                var.update(b);
            }
        }
        recomputeAll();
    }

    /** Starts from {@code amount} of cash. */
    void setCash(double amount) {
        cash = amount;
    }

    /**
     * Restores an opening state: after the books were filled in, recomputes the aggregates and
     * starts the high-water mark at the larger of {@code highWaterMark} and equity, and the
     * session at the current equity.
     */
    void open(double highWaterMark) {
        recomputeAll();
        this.highWaterMark = Math.max(highWaterMark, equity());
        this.startOfDayEquity = equity();
    }

    /**
     * Applies a fill to {@code b}: position at average cost, cash by notional and fee; an
     * instrument without a mark is marked at the fill price (a mark that does not constrain the
     * timestamps of later marks). Then updates the aggregates and the high-water mark.
     */
    void fill(InstrumentBook b, double signedQuantity, double price, double fee, long timeMillis) {
        applyToPosition(b, signedQuantity, price);
        cash -= signedQuantity * price + fee;
        if (Double.isNaN(b.mark)) {
            b.mark = price;
            b.markTime = timeMillis;
            b.markFromFill = true;
            b.sessionMark = price;
            b.sessionMarkTime = timeMillis;
        }
        refresh(b);
        raiseHighWaterMark();
    }

    /** Marks {@code b} at {@code price}, updates the aggregates and the high-water mark. */
    void mark(InstrumentBook b, double price, long timeMillis) {
        b.mark = price;
        b.markTime = timeMillis;
        b.markFromFill = false;
        if (Double.isNaN(b.sessionMark)) {
            b.sessionMark = price;
            b.sessionMarkTime = timeMillis;
        }
        refresh(b);
        raiseHighWaterMark();
    }

    /**
     * Rolls the session: each instrument marked since the last roll gets one more daily return
     * (and a new VaR estimate); then the aggregates are recomputed and the current equity
     * becomes the start-of-day equity.
     */
    void rollSession() {
        for (InstrumentBook b : bookList) {
            if (!Double.isNaN(b.mark) && !Double.isNaN(b.sessionMark) && b.markTime > b.sessionMarkTime) {
                b.addReturn(b.mark / b.sessionMark - 1);
                var.update(b);
                b.sessionMark = b.mark;
                b.sessionMarkTime = b.markTime;
            }
        }
        recomputeAll();
        startOfDayEquity = equity();
    }

    /** Adds daily returns (oldest first) to {@code b}'s history and re-estimates its VaR. */
    void addReturns(InstrumentBook b, double[] dailyReturns) {
        for (double r : dailyReturns) {
            b.addReturn(r);
        }
        var.update(b);
        refresh(b);
    }

    /** Updates one instrument's contributions to every aggregate. */
    void refresh(InstrumentBook b) {
        contribute(b);
        if (++refreshes >= RECOMPUTE_EVERY) {
            // Incremental sums drift by rounding; a periodic full recomputation bounds the drift.
            recomputeAll();
        }
    }

    /** A consistent view of the state, for {@link RiskEngine#snapshot()}. */
    RiskSnapshot snapshot(Instant time, int workingOrders, boolean killSwitchTripped) {
        double equity = equity();
        double grossFilled = 0;
        double net = 0;
        int open = 0;
        Map<Instrument, Double> byInstrument = new HashMap<>();
        Map<String, Double> bySector = new HashMap<>();
        Map<AssetClass, Double> byClass = new EnumMap<>(AssetClass.class);
        for (InstrumentBook b : bookList) {
            if (b.position == 0 || Double.isNaN(b.mark)) {
                continue;
            }
            double value = b.position * b.mark;
            open++;
            grossFilled += Math.abs(value);
            net += value;
            byInstrument.put(b.instrument, value);
            if (b.sectorIndex >= 0) {
                bySector.merge(sectorNames.get(b.sectorIndex), Math.abs(value), Double::sum);
            }
            byClass.merge(b.instrument.assetClass(), Math.abs(value), Double::sum);
        }
        double drawdown = highWaterMark > 0 ? Math.max(0, (highWaterMark - equity) / highWaterMark) : 0;
        return new RiskSnapshot(time, cash, equity, highWaterMark, drawdown, startOfDayEquity,
                equity - startOfDayEquity, grossFilled, net, equity > 0 ? grossFilled / equity : Double.NaN, gross,
                varSum, open, workingOrders, byInstrument, bySector, byClass, killSwitchTripped);
    }

    // ---------------------------------------------------------------- internals

    private void raiseHighWaterMark() {
        highWaterMark = Math.max(highWaterMark, equity());
    }

    private void configure(InstrumentBook b) {
        RiskLimits l = limits;
        String id = b.id;
        String symbol = b.instrument.symbol();
        b.restricted = l.restrictedInstruments().contains(id) || l.restrictedInstruments().contains(symbol);
        ExposureLimits e = l.exposure();
        String sector = e.sectors().getOrDefault(id, e.sectors().get(symbol));
        b.sectorIndex = sector == null ? -1 : sectorIndex.get(sector);
        b.sectorLimitFraction = sector == null ? Double.POSITIVE_INFINITY
                : e.maxSectorFraction().getOrDefault(sector, Double.POSITIVE_INFINITY);
        b.assetClassLimitFraction = e.maxAssetClassFraction().getOrDefault(b.instrument.assetClass(),
                Double.POSITIVE_INFINITY);
        OrderLimits o = l.orders();
        Double perInstrument = o.maxOrderQuantityByInstrument().getOrDefault(id,
                o.maxOrderQuantityByInstrument().get(symbol));
        b.maxOrderQuantity = perInstrument != null ? perInstrument : o.maxOrderQuantity();
        if (b.buyOrders.capacity() != o.maxRepeatedOrders()) {
            b.buyOrders = TimeRing.resized(b.buyOrders, o.maxRepeatedOrders());
            b.sellOrders = TimeRing.resized(b.sellOrders, o.maxRepeatedOrders());
        }
    }

    private static void applyToPosition(InstrumentBook b, double q, double price) {
        double p = b.position;
        if (Math.abs(p) <= Position.FLAT_EPSILON || Math.signum(q) == Math.signum(p)) {
            double next = p + q;
            b.averagePrice = (Math.abs(p) * b.averagePrice + Math.abs(q) * price) / Math.abs(next);
            b.position = next;
            return;
        }
        double closing = Math.min(Math.abs(q), Math.abs(p));
        b.realisedPnl += closing * (price - b.averagePrice) * Math.signum(p);
        double next = p + q;
        if (Math.abs(next) <= Position.FLAT_EPSILON) {
            b.position = 0;
            b.averagePrice = 0;
        } else {
            if (Math.signum(next) != Math.signum(p)) {
                b.averagePrice = price;
            }
            b.position = next;
        }
    }

    private void contribute(InstrumentBook b) {
        double value = 0;
        double g = 0;
        double high = 0;
        double low = 0;
        double v = 0;
        double m = b.mark;
        if (!Double.isNaN(m)) {
            double longWorst = b.longWorst();
            double shortWorst = b.shortWorst();
            double lw = Math.max(0, longWorst);
            double sw = Math.max(0, shortWorst);
            value = b.position * m;
            g = Math.max(lw, sw) * m;
            high = longWorst * m;
            low = -shortWorst * m;
            v = Math.max(lw * b.varLong, sw * b.varShort) * m;
        }
        boolean open = b.position != 0 || b.pendingBuy > 0 || b.pendingSell > 0;
        positionValue += value - b.valueContribution;
        gross += g - b.grossContribution;
        netHigh += high - b.netHighContribution;
        netLow += low - b.netLowContribution;
        varSum += v - b.varContribution;
        if (b.sectorIndex >= 0) {
            sectorGross[b.sectorIndex] += g - b.grossContribution;
        }
        assetClassGross[b.instrument.assetClass().ordinal()] += g - b.grossContribution;
        openCount += (open ? 1 : 0) - (b.open ? 1 : 0);
        b.valueContribution = value;
        b.grossContribution = g;
        b.netHighContribution = high;
        b.netLowContribution = low;
        b.varContribution = v;
        b.open = open;
    }

    private void recomputeAll() {
        positionValue = 0;
        gross = 0;
        netHigh = 0;
        netLow = 0;
        varSum = 0;
        openCount = 0;
        Arrays.fill(sectorGross, 0);
        Arrays.fill(assetClassGross, 0);
        for (InstrumentBook b : bookList) {
            b.valueContribution = 0;
            b.grossContribution = 0;
            b.netHighContribution = 0;
            b.netLowContribution = 0;
            b.varContribution = 0;
            b.open = false;
            contribute(b);
        }
        refreshes = 0;
    }
}

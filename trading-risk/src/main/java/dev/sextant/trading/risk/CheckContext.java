package dev.sextant.trading.risk;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Side;

/**
 * What a {@link PreTradeCheck} sees of one order and of the risk state, and how it objects.
 * Quantities are in base units and money in quote currency; exposure counts working orders as if
 * they filled. The engine reuses one context for every check under its lock, so a check must not
 * keep a reference to it. Not thread-safe.
 */
public final class CheckContext {
    final RiskLedger ledger;
    final OrderFlow orders;
    final KillSwitch killSwitch;
    OrderRequest order;
    InstrumentBook book;
    Side side;
    double quantity;
    double originalQuantity;
    double orderPrice;
    long now;
    boolean dryRun;
    boolean riskIncreasing;
    RiskLimits limits;
    PreTradeCheck current;

    boolean rejected;
    boolean resized;
    ReasonCode code;
    String check;
    double limit;
    double observed;
    String explanation;

    CheckContext(RiskLedger ledger, OrderFlow orders, KillSwitch killSwitch) {
        this.ledger = ledger;
        this.orders = orders;
        this.killSwitch = killSwitch;
    }

    void begin(OrderRequest order, InstrumentBook book, Side side, double quantity, double orderPrice, long now,
            boolean dryRun, RiskLimits limits) {
        this.order = order;
        this.book = book;
        this.side = side;
        this.quantity = quantity;
        this.originalQuantity = quantity;
        this.orderPrice = orderPrice;
        this.now = now;
        this.dryRun = dryRun;
        this.limits = limits;
        double after = (side == Side.BUY ? book.longWorst() : book.shortWorst()) + quantity;
        // Risk-reducing: even if every working order on this side fills, the position cannot
        // cross zero; a tiny tolerance absorbs float noise from partial fills.
        this.riskIncreasing = after > 1e-9 * quantity;
        this.current = null;
        this.rejected = false;
        this.resized = false;
        this.code = ReasonCode.NONE;
        this.check = "";
        this.limit = Double.NaN;
        this.observed = Double.NaN;
        this.explanation = "";
    }

    /** The order being checked as submitted (its quantity is not updated by resizes; see {@link #quantity()}). */
    public OrderRequest order() {
        return order;
    }

    /** The instrument. */
    public Instrument instrument() {
        return book.instrument;
    }

    /** The side. */
    public Side side() {
        return side;
    }

    /** The quantity proposed so far: the order's, reduced by earlier checks that resized it. */
    public double quantity() {
        return quantity;
    }

    /** The limit price for LIMIT and STOP_LIMIT orders, the stop price for STOP orders, else NaN. */
    public double orderPrice() {
        return orderPrice;
    }

    /** The last mark price of the instrument, NaN if none has been seen. */
    public double markPrice() {
        return book.mark;
    }

    /** When the last mark was taken, epoch milliseconds ({@link Long#MIN_VALUE} if none). */
    public long markTimeMillis() {
        return book.markTime;
    }

    /** The filled position, signed (positive long). */
    public double position() {
        return book.position;
    }

    /** Quantity of working buy orders in the instrument, approved and not yet filled or closed. */
    public double pendingBuy() {
        return book.pendingBuy;
    }

    /** Quantity of working sell orders in the instrument. */
    public double pendingSell() {
        return book.pendingSell;
    }

    /**
     * Whether the order can increase risk: false only if, even when every working order on the
     * same side fills, it cannot take the position through zero (it only closes or reduces).
     */
    public boolean riskIncreasing() {
        return riskIncreasing;
    }

    /** Current equity: cash plus positions at mark. */
    public double equity() {
        return ledger.equity();
    }

    /** Equity at the start of the current session. */
    public double startOfDayEquity() {
        return ledger.startOfDayEquity();
    }

    /** The highest equity seen. */
    public double highWaterMark() {
        return ledger.highWaterMark();
    }

    /** Worst-case gross exposure before this order (positions and working orders at mark). */
    public double grossExposure() {
        return ledger.gross();
    }

    /** The limits in force. */
    public RiskLimits limits() {
        return limits;
    }

    /** The engine clock's time for this check, epoch milliseconds. */
    public long nowMillis() {
        return now;
    }

    /**
     * Rejects the order; the chain stops.
     *
     * @param code        the reason, not {@link ReasonCode#NONE}
     * @param limit       the limit that applied (NaN if none)
     * @param observed    the value that breached it (NaN if none)
     * @param explanation one line for the audit log, not blank
     */
    public void reject(ReasonCode code, double limit, double observed, String explanation) {
        Checks.notNull(code, "code");
        if (code == ReasonCode.NONE) {
            throw new IllegalArgumentException("a rejection needs a reason code other than NONE");
        }
        this.rejected = true;
        record(code, limit, observed, explanation);
    }

    /**
     * Caps the quantity at {@code maxQuantity}: nothing happens if the proposed quantity is
     * within it; otherwise the order is resized to {@code maxQuantity} rounded down to the
     * instrument's lot, or rejected if that is less than one lot or the limits forbid resizing.
     *
     * @param maxQuantity the most this check allows (NaN or negative allows nothing)
     * @param code        the reason, not {@link ReasonCode#NONE}
     * @param limit       the limit that applied
     * @param observed    the value the proposed quantity would have reached
     * @param explanation one line for the audit log, not blank
     */
    public void limitQuantity(double maxQuantity, ReasonCode code, double limit, double observed, String explanation) {
        if (maxQuantity >= quantity) {
            return;
        }
        double q = maxQuantity > 0 ? book.instrument.roundQuantity(maxQuantity) : 0;
        if (Double.isInfinite(q)) {
            q = maxQuantity;
        }
        if (q >= quantity) {
            // Within the lot rounding tolerance of Instrument.roundQuantity: not a breach.
            return;
        }
        if (!(q > 0) || !limits.allowResize()) {
            reject(code, limit, observed, explanation);
            return;
        }
        Checks.notNull(code, "code");
        quantity = q;
        resized = true;
        record(code, limit, observed, explanation);
    }

    private void record(ReasonCode code, double limit, double observed, String explanation) {
        this.code = code;
        this.check = current == null ? "" : current.name();
        this.limit = limit;
        this.observed = observed;
        this.explanation = Checks.notBlank(explanation, "explanation");
    }
}

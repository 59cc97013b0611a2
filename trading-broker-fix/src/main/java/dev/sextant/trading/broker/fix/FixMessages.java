package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.OrderStatus;
import dev.sextant.trading.core.OrderType;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MsgType;

/**
 * Builds the FIX 4.4 messages the connector sends and reads the ones it receives, by tag number
 * (the tag mapping table in docs/broker-fix.md). Stateless.
 */
final class FixMessages {
    static final int ACCOUNT = 1;
    static final int AVG_PX = 6;
    static final int CL_ORD_ID = 11;
    static final int COMMISSION = 12;
    static final int CUM_QTY = 14;
    static final int CURRENCY = 15;
    static final int EXEC_ID = 17;
    static final int LAST_PX = 31;
    static final int LAST_QTY = 32;
    static final int ORDER_ID = 37;
    static final int ORDER_QTY = 38;
    static final int ORD_STATUS = 39;
    static final int ORD_TYPE = 40;
    static final int ORIG_CL_ORD_ID = 41;
    static final int PRICE = 44;
    static final int SIDE = 54;
    static final int SYMBOL = 55;
    static final int TEXT = 58;
    static final int TIME_IN_FORCE = 59;
    static final int TRANSACT_TIME = 60;
    static final int STOP_PX = 99;
    static final int CXL_REJ_REASON = 102;
    static final int ORD_REJ_REASON = 103;
    static final int EXEC_TYPE = 150;
    static final int LEAVES_QTY = 151;
    static final int SUBSCRIPTION_REQUEST_TYPE = 263;
    static final int CXL_REJ_RESPONSE_TO = 434;
    static final int ACCOUNT_TYPE = 581;
    static final int MASS_STATUS_REQ_ID = 584;
    static final int MASS_STATUS_REQ_TYPE = 585;
    static final int NO_POSITIONS = 702;
    static final int POS_TYPE = 703;
    static final int LONG_QTY = 704;
    static final int SHORT_QTY = 705;
    static final int POS_REQ_ID = 710;
    static final int CLEARING_BUSINESS_DATE = 715;
    static final int POS_REQ_TYPE = 724;
    static final int ORD_STATUS_REQ_ID = 790;
    static final int MARGIN_EXCESS = 899;
    static final int TOTAL_NET_VALUE = 900;
    static final int CASH_OUTSTANDING = 901;
    static final int COLL_INQUIRY_ID = 909;
    static final int TOT_NUM_REPORTS = 911;
    static final int LAST_RPT_REQUESTED = 912;
    /** MassStatusReqType (585) 7: status of all orders. */
    static final int ALL_ORDERS = 7;

    private FixMessages() {
    }

    static Message message(String type) {
        Message m = new Message();
        m.getHeader().setString(MsgType.FIELD, type);
        return m;
    }

    /** A decimal without exponent or trailing zeros, as FIX wants it. */
    static String decimal(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static double number(FieldMap m, int tag) throws FieldNotFound {
        String v = m.getString(tag);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tag " + tag + " is not a number: '" + v + "'", e);
        }
    }

    static double number(FieldMap m, int tag, double fallback) throws FieldNotFound {
        return m.isSetField(tag) ? number(m, tag) : fallback;
    }

    static Instant time(FieldMap m, Instant fallback) throws FieldNotFound {
        return m.isSetField(TRANSACT_TIME) ? m.getUtcTimeStamp(TRANSACT_TIME).toInstant(ZoneOffset.UTC) : fallback;
    }

    private static LocalDateTime utc(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    private static void account(Message m, String account) {
        if (!account.isEmpty()) {
            m.setString(ACCOUNT, account);
        }
    }

    private static void orderFields(Message m, OrderRequest r) {
        m.setString(SYMBOL, r.instrument().symbol());
        m.setChar(SIDE, FixMapping.side(r.side()));
        m.setString(ORDER_QTY, decimal(r.quantity()));
        m.setChar(ORD_TYPE, FixMapping.ordType(r.type()));
        if (r.type().hasLimitPrice()) {
            m.setString(PRICE, decimal(r.limitPrice()));
        }
        if (r.type().hasStopPrice()) {
            m.setString(STOP_PX, decimal(r.stopPrice()));
        }
        m.setChar(TIME_IN_FORCE, FixMapping.timeInForce(r.timeInForce()));
    }

    // ---------------------------------------------------------------- requests

    static Message newOrderSingle(OrderRequest r, String account, Instant now) {
        Message m = message(MsgType.ORDER_SINGLE);
        m.setString(CL_ORD_ID, r.clientOrderId());
        account(m, account);
        orderFields(m, r);
        m.setUtcTimeStamp(TRANSACT_TIME, utc(now), true);
        return m;
    }

    /** An OrderCancelRequest; Side, Symbol and OrderQty come from the original request. */
    static Message cancelRequest(String cancelId, String origId, String venueOrderId, OrderRequest original,
            String account, Instant now) {
        Message m = message(MsgType.ORDER_CANCEL_REQUEST);
        m.setString(ORIG_CL_ORD_ID, origId);
        m.setString(CL_ORD_ID, cancelId);
        if (!venueOrderId.isEmpty()) {
            m.setString(ORDER_ID, venueOrderId);
        }
        account(m, account);
        m.setString(SYMBOL, original.instrument().symbol());
        m.setChar(SIDE, FixMapping.side(original.side()));
        m.setString(ORDER_QTY, decimal(original.quantity()));
        m.setUtcTimeStamp(TRANSACT_TIME, utc(now), true);
        return m;
    }

    static Message replaceRequest(String origId, String venueOrderId, OrderRequest replacement, String account,
            Instant now) {
        Message m = message(MsgType.ORDER_CANCEL_REPLACE_REQUEST);
        m.setString(ORIG_CL_ORD_ID, origId);
        m.setString(CL_ORD_ID, replacement.clientOrderId());
        if (!venueOrderId.isEmpty()) {
            m.setString(ORDER_ID, venueOrderId);
        }
        account(m, account);
        orderFields(m, replacement);
        m.setUtcTimeStamp(TRANSACT_TIME, utc(now), true);
        return m;
    }

    static Message orderStatusRequest(String requestId, String clientOrderId, String venueOrderId, OrderRequest r,
            String account) {
        Message m = message(MsgType.ORDER_STATUS_REQUEST);
        m.setString(ORD_STATUS_REQ_ID, requestId);
        m.setString(CL_ORD_ID, clientOrderId);
        if (!venueOrderId.isEmpty()) {
            m.setString(ORDER_ID, venueOrderId);
        }
        account(m, account);
        m.setString(SYMBOL, r.instrument().symbol());
        m.setChar(SIDE, FixMapping.side(r.side()));
        return m;
    }

    static Message massStatusRequest(String requestId, String account) {
        Message m = message(MsgType.ORDER_MASS_STATUS_REQUEST);
        m.setString(MASS_STATUS_REQ_ID, requestId);
        m.setInt(MASS_STATUS_REQ_TYPE, ALL_ORDERS);
        account(m, account);
        return m;
    }

    static Message requestForPositions(String requestId, String account, String businessDate, Instant now) {
        Message m = message(MsgType.REQUEST_FOR_POSITIONS);
        m.setString(POS_REQ_ID, requestId);
        m.setInt(POS_REQ_TYPE, 0);
        m.setString(ACCOUNT, account.isEmpty() ? "DEFAULT" : account);
        m.setInt(ACCOUNT_TYPE, 1);
        m.setString(CLEARING_BUSINESS_DATE, businessDate);
        m.setUtcTimeStamp(TRANSACT_TIME, utc(now), true);
        return m;
    }

    static Message collateralInquiry(String requestId, String account) {
        Message m = message(MsgType.COLLATERAL_INQUIRY);
        m.setString(COLL_INQUIRY_ID, requestId);
        m.setChar(SUBSCRIPTION_REQUEST_TYPE, '0');
        account(m, account);
        return m;
    }

    // ---------------------------------------------------------------- answers

    /** The MassStatusReqID or OrdStatusReqID an ExecutionReport answers, or null. */
    static String queryIdOf(Message m) throws FieldNotFound {
        if (m.isSetField(MASS_STATUS_REQ_ID)) {
            return m.getString(MASS_STATUS_REQ_ID);
        }
        if (m.isSetField(ORD_STATUS_REQ_ID)) {
            return m.getString(ORD_STATUS_REQ_ID);
        }
        return null;
    }

    /** Whether a status report ends its request: LastRptRequested=Y, an empty answer, or any OrderStatusRequest answer. */
    static boolean isLastStatusReport(Message m) throws FieldNotFound {
        if (!m.isSetField(MASS_STATUS_REQ_ID)) {
            return true;
        }
        return (m.isSetField(LAST_RPT_REQUESTED) && m.getBoolean(LAST_RPT_REQUESTED))
                || (m.isSetField(TOT_NUM_REPORTS) && m.getInt(TOT_NUM_REPORTS) <= 1);
    }

    /** Whether a status report is the answer "no orders" (TotNumReports 0), which describes no order. */
    static boolean isEmptyStatusAnswer(Message m) throws FieldNotFound {
        return m.isSetField(TOT_NUM_REPORTS) && m.getInt(TOT_NUM_REPORTS) == 0;
    }

    /** The order request an ExecutionReport describes. */
    static OrderRequest request(Message m, String clientOrderId, Instrument instrument) throws FieldNotFound {
        OrderType type = m.isSetField(ORD_TYPE) ? FixMapping.ordType(m.getChar(ORD_TYPE))
                : m.isSetField(PRICE) ? OrderType.LIMIT : OrderType.MARKET;
        TimeInForce tif = m.isSetField(TIME_IN_FORCE) ? FixMapping.timeInForce(m.getChar(TIME_IN_FORCE)) : TimeInForce.DAY;
        double quantity = m.isSetField(ORDER_QTY) ? number(m, ORDER_QTY)
                : number(m, CUM_QTY) + number(m, LEAVES_QTY);
        return new OrderRequest(clientOrderId, instrument, FixMapping.side(m.getChar(SIDE)), quantity, type,
                type.hasLimitPrice() ? number(m, PRICE) : Double.NaN,
                type.hasStopPrice() ? number(m, STOP_PX) : Double.NaN, tif);
    }

    /** The order of a status report, if it is working (OrdStatus A, 0, 1, 3, 6, E) and its instrument configured. */
    static Optional<Order> workingOrder(Message m, FixConnectorConfig config) {
        try {
            if (!m.isSetField(CL_ORD_ID) || !m.isSetField(SYMBOL)) {
                return Optional.empty();
            }
            OrderStatus status = FixMapping.ordStatus(m.getChar(ORD_STATUS));
            if (status.isTerminal()) {
                return Optional.empty();
            }
            Optional<Instrument> instrument = config.instrument(m.getString(SYMBOL));
            if (instrument.isEmpty()) {
                return Optional.empty();
            }
            double cum = number(m, CUM_QTY);
            double avg = number(m, AVG_PX, 0);
            return Optional.of(new Order(request(m, m.getString(CL_ORD_ID), instrument.get()), m.getString(ORDER_ID),
                    status, cum, cum > 0 ? avg : Double.NaN, time(m, Instant.EPOCH)));
        } catch (FieldNotFound e) {
            throw new IllegalArgumentException("status report lacks tag " + e.field, e);
        }
    }

    /** The position of a PositionReport, if its instrument is configured. */
    static Optional<Position> position(Message m, FixConnectorConfig config) {
        try {
            if (!m.isSetField(SYMBOL)) {
                return Optional.empty();
            }
            Optional<Instrument> instrument = config.instrument(m.getString(SYMBOL));
            if (instrument.isEmpty()) {
                return Optional.empty();
            }
            double quantity = 0;
            for (Group g : m.getGroups(NO_POSITIONS)) {
                quantity += number(g, LONG_QTY, 0) - number(g, SHORT_QTY, 0);
            }
            double average = Math.abs(number(m, config.positionPriceTag(), 0));
            return Optional.of(new Position(instrument.get(), quantity, Math.abs(quantity) > 0 ? average : 0, 0));
        } catch (FieldNotFound e) {
            throw new IllegalArgumentException("PositionReport lacks tag " + e.field, e);
        }
    }

    /**
     * Two PositionReports of one instrument as one position: quantities and realised PnL summed,
     * the average price weighted by each report's absolute quantity.
     */
    static Position combine(Position a, Position b) {
        double quantity = a.quantity() + b.quantity();
        double weight = Math.abs(a.quantity()) + Math.abs(b.quantity());
        double average = weight > 0 && Math.abs(quantity) > Position.FLAT_EPSILON
                ? (Math.abs(a.quantity()) * a.averagePrice() + Math.abs(b.quantity()) * b.averagePrice()) / weight : 0;
        return new Position(a.instrument(), quantity, average, a.realisedPnl() + b.realisedPnl());
    }

    /** The account of a CollateralReport: CashOutstanding (901), TotalNetValue (900), MarginExcess (899). */
    static AccountSnapshot account(Message m, String currency, Instant now) {
        try {
            double cash = number(m, CASH_OUTSTANDING);
            double equity = number(m, TOTAL_NET_VALUE, cash);
            double buyingPower = Math.max(0, number(m, MARGIN_EXCESS, equity));
            return new AccountSnapshot(m.isSetField(CURRENCY) ? m.getString(CURRENCY) : currency, cash, equity,
                    buyingPower, now);
        } catch (FieldNotFound e) {
            throw new IllegalArgumentException("CollateralReport lacks tag " + e.field, e);
        }
    }

    /**
     * An OrderCancelReject (9) as {@link OrderEvent.CancelRejected} of the order the cancel or
     * replace was for: OrigClOrdID, or the order behind the cancel request's own ClOrdID.
     */
    static OrderEvent.CancelRejected cancelRejected(Message m, Map<String, String> cancelRequests, Instant now)
            throws FieldNotFound {
        String requestId = m.getString(CL_ORD_ID);
        String orig = m.isSetField(ORIG_CL_ORD_ID) ? m.getString(ORIG_CL_ORD_ID) : "";
        String order = !orig.isEmpty() ? orig : cancelRequests.getOrDefault(requestId, requestId);
        RejectReason reason = m.isSetField(CXL_REJ_REASON) ? FixMapping.cancelRejectReason(m.getInt(CXL_REJ_REASON))
                : RejectReason.VENUE;
        String text = m.isSetField(TEXT) ? m.getString(TEXT) : "";
        return new OrderEvent.CancelRejected(order, reason, text, time(m, now));
    }
}

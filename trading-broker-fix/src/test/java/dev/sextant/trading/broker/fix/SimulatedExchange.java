package dev.sextant.trading.broker.fix;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Fill;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Side;
import dev.sextant.trading.core.Trade;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Group;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketAcceptor;
import quickfix.UnsupportedMessageType;
import quickfix.field.MsgType;

/**
 * A simulated FIX 4.4 exchange for tests: a QuickFIX/J acceptor on 127.0.0.1 in front of a
 * {@link MatchingEngine}, with its own file store, for one client session.
 *
 * <p>It answers NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest, OrderStatusRequest,
 * and (unless switched off) OrderMassStatusRequest, RequestForPositions and CollateralInquiry.
 * Tests stop and restart the acceptor ({@link #stop()}, {@link #start()}: the engine and the store
 * survive, as an exchange gateway restart) and make it misbehave: {@link #dropOnNextOrder()},
 * {@link #resendLastReports}, {@link #skipSequenceNumbers}, {@link #rejectNextCancelAsTooLate()},
 * {@link #reportUnknownOrder}. Thread-safe: every engine call and every message it sends happen
 * under one lock.
 */
public final class SimulatedExchange implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedExchange.class);
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    /**
     * What the exchange supports and who may log on.
     *
     * @param storeDirectory the exchange's QuickFIX/J file store
     * @param instruments    what it trades
     * @param initialCash    the account's starting cash
     * @param price          the last price of every instrument at the start
     * @param username       the Username (553) a logon must carry, empty for any
     * @param password       the Password (554) a logon must carry, empty for any
     * @param massStatus     whether it answers OrderMassStatusRequest
     * @param positions      whether it answers RequestForPositions
     * @param collateral     whether it answers CollateralInquiry
     */
    public record Settings(Path storeDirectory, List<Instrument> instruments, double initialCash, double price,
            String username, String password, boolean massStatus, boolean positions, boolean collateral) {

        /** An exchange with 100,000 USD, instruments last traded at 100, every query supported, no credentials. */
        public static Settings of(Path storeDirectory, List<Instrument> instruments) {
            return new Settings(storeDirectory, instruments, 100_000, 100, "", "", true, true, true);
        }

        /** These settings with required credentials. */
        Settings withCredentials(String user, String pass) {
            return new Settings(storeDirectory, instruments, initialCash, price, user, pass, massStatus, positions,
                    collateral);
        }

        /** These settings without mass status and position requests (the connector's fallbacks). */
        Settings withoutQueries() {
            return new Settings(storeDirectory, instruments, initialCash, price, username, password, false, false, true);
        }
    }

    private final Settings settings;
    private final String exchangeCompId;
    private final String clientCompId;
    private final SessionID sessionId;
    private volatile int port;
    private final MatchingEngine engine;
    private final Object lock = new Object();
    private final List<Message> sentReports = new ArrayList<>();
    private final AtomicLong statusIds = new AtomicLong();
    private final AtomicLong ghostIds = new AtomicLong();
    private final List<Message> pending = new ArrayList<>();
    private volatile SocketAcceptor acceptor;
    private volatile String possDupOriginalSendingTime;
    private volatile boolean dropOnNextOrder;
    private volatile boolean rejectNextCancel;
    private volatile int repeatedOrdersIgnored;
    private volatile boolean refuseMassStatus;
    private volatile Message lastCancelRequest;
    private volatile String lastPositionsBusinessDate;

    private SimulatedExchange(Settings settings) {
        this.settings = settings;
        int n = SESSIONS.incrementAndGet();
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        this.exchangeCompId = "SXE" + run + n;
        this.clientCompId = "SXC" + run + n;
        this.sessionId = new SessionID("FIX.4.4", exchangeCompId, clientCompId);
        this.engine = new MatchingEngine(settings.instruments(), settings.initialCash(), settings.price());
    }

    /**
     * Starts an exchange on a free loopback port. A port found free can be taken by another process
     * before the acceptor binds it, so a bind failure on the first start picks another port.
     */
    public static SimulatedExchange start(Settings settings) {
        return start(settings, SimulatedExchange::freePort);
    }

    /** Starts an exchange on the first port of {@code ports} that it can bind (20 tries). */
    static SimulatedExchange start(Settings settings, IntSupplier ports) {
        SimulatedExchange e = new SimulatedExchange(Checks.notNull(settings, "settings"));
        for (int attempt = 1; ; attempt++) {
            e.port = ports.getAsInt();
            try {
                e.start();
                return e;
            } catch (RuntimeException failure) {
                if (attempt >= 20 || !causedByBind(failure)) {
                    throw failure;
                }
                LOG.debug("port {} was taken before the simulated exchange bound it; trying another", e.port);
            }
        }
    }

    private static boolean causedByBind(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    /** Whether OrderMassStatusRequests are answered with a BusinessMessageReject from now on. */
    void refuseMassStatus(boolean refuse) {
        refuseMassStatus = refuse;
    }

    /** The last OrderCancelRequest received, or null. */
    Message lastCancelRequest() {
        return lastCancelRequest;
    }

    /** The ClearingBusinessDate (715) of the last RequestForPositions received, or null. */
    String lastPositionsBusinessDate() {
        return lastPositionsBusinessDate;
    }

    /** A connector configuration builder pointing at this exchange, with its store in {@code store}. */
    public FixConnectorConfig.Builder clientConfig(Path store) {
        return FixConnectorConfig.builder().host("127.0.0.1").port(port).senderCompId(clientCompId)
                .targetCompId(exchangeCompId).storeDirectory(store).instruments(settings.instruments())
                .heartbeatSeconds(30).logonTimeout(java.time.Duration.ofSeconds(10))
                .massStatus(settings.massStatus()).positionRequests(settings.positions())
                .collateralInquiry(settings.collateral()).username(settings.username()).password(settings.password());
    }

    int port() {
        return port;
    }

    String clientCompId() {
        return clientCompId;
    }

    String exchangeCompId() {
        return exchangeCompId;
    }

    /** Starts (or restarts) the acceptor on the exchange's port. */
    void start() {
        synchronized (lock) {
            if (acceptor != null) {
                return;
            }
            SessionSettings s = new SessionSettings();
            s.setString(sessionId, "ConnectionType", "acceptor");
            s.setString(sessionId, "SocketAcceptAddress", "127.0.0.1");
            s.setLong(sessionId, "SocketAcceptPort", port);
            s.setString(sessionId, "FileStorePath", settings.storeDirectory().toString());
            s.setBool(sessionId, "UseDataDictionary", true);
            s.setString(sessionId, "DataDictionary", "FIX44.xml");
            s.setBool(sessionId, "NonStopSession", true);
            try {
                SocketAcceptor a = new SocketAcceptor(new ExchangeApplication(), new FileStoreFactory(s), s,
                        new MaskingLogFactory(), new DefaultMessageFactory());
                a.start();
                acceptor = a;
                // Reports produced while the gateway was down: stored now, resent when the client logs on.
                List<Message> queued = List.copyOf(pending);
                pending.clear();
                for (Message m : queued) {
                    send(m, true);
                }
            } catch (ConfigError e) {
                throw new IllegalStateException("cannot start the simulated exchange on port " + port, e);
            }
        }
    }

    /** Stops the acceptor (the client's connection drops); the engine and store are kept for {@link #start()}. */
    void stop() {
        SocketAcceptor a;
        synchronized (lock) {
            a = acceptor;
            acceptor = null;
        }
        if (a != null) {
            a.stop(true);
        }
    }

    /** Stops the acceptor for good. */
    @Override
    public void close() {
        stop();
    }

    // ---------------------------------------------------------------- market and faults

    /** Prints a trade; returns once the resulting reports are sent (or stored while the client is away). */
    public void print(String symbol, double price, double quantity) {
        synchronized (lock) {
            emit(engine.print(symbol, price, quantity));
        }
    }

    /** Expires DAY orders. */
    void endOfDay() {
        synchronized (lock) {
            emit(engine.endOfDay());
        }
    }

    /** Rests house liquidity that incoming orders can trade against. */
    void addLiquidity(String symbol, Side side, double quantity, double price) {
        synchronized (lock) {
            engine.addLiquidity(symbol, side, quantity, price);
        }
    }

    /** Cuts the client's connection as a network failure would. */
    void dropConnection() {
        Session s = Session.lookupSession(sessionId);
        if (s != null) {
            try {
                s.disconnect("simulated network failure", false);
            } catch (IOException e) {
                LOG.debug("disconnect failed", e);
            }
        }
    }

    /** The next NewOrderSingle is booked, then the connection drops before its reports go out. */
    void dropOnNextOrder() {
        dropOnNextOrder = true;
    }

    /** The next cancel request is refused as too late, whatever the order's state. */
    void rejectNextCancelAsTooLate() {
        rejectNextCancel = true;
    }

    /** Sends the last {@code count} execution reports again as new messages with PossDupFlag=Y. */
    void resendLastReports(int count) {
        synchronized (lock) {
            int from = Math.max(0, sentReports.size() - count);
            for (Message original : List.copyOf(sentReports.subList(from, sentReports.size()))) {
                Message copy = (Message) original.clone();
                try {
                    // Session.send() drops PossDupFlag; toApp puts it back on this message.
                    possDupOriginalSendingTime = original.getHeader().getString(52);
                } catch (FieldNotFound e) {
                    throw new IllegalStateException("a sent report without SendingTime", e);
                }
                try {
                    send(copy, false);
                } finally {
                    possDupOriginalSendingTime = null;
                }
            }
        }
    }

    /** The exchange's next message skips {@code count} sequence numbers (a gap the client must repair). */
    void skipSequenceNumbers(int count) {
        synchronized (lock) {
            Session s = Session.lookupSession(sessionId);
            try {
                s.setNextSenderMsgSeqNum(s.getStore().getNextSenderMsgSeqNum() + count);
            } catch (IOException e) {
                throw new IllegalStateException("cannot move the sequence number", e);
            }
        }
    }

    /** Books a fill of an order the client never sent and reports it; returns its ClOrdID. */
    String reportUnknownOrder(Instrument instrument, Side side, double quantity, double price) {
        synchronized (lock) {
            String id = "GHOST-" + ghostIds.incrementAndGet();
            emit(List.of(engine.bookUnknown(id, instrument, side, quantity, price)));
            return id;
        }
    }

    // ---------------------------------------------------------------- views for tests

    List<Position> positions() {
        synchronized (lock) {
            return engine.positions();
        }
    }

    /** The venue's tape: every trade printed, oldest first. */
    List<Trade> prints() {
        synchronized (lock) {
            return engine.tape();
        }
    }

    List<Fill> executions() {
        synchronized (lock) {
            return engine.executions();
        }
    }

    double cash() {
        synchronized (lock) {
            return engine.cash();
        }
    }

    /** How many repeated NewOrderSingles (PossDupFlag, known ClOrdID) the exchange ignored. */
    int repeatedOrdersIgnored() {
        return repeatedOrdersIgnored;
    }

    boolean isLoggedOn() {
        Session s = Session.lookupSession(sessionId);
        return s != null && s.isLoggedOn();
    }

    // ---------------------------------------------------------------- FIX

    private void emit(List<MatchingEngine.Report> reports) {
        for (MatchingEngine.Report r : reports) {
            send(message(r), true);
        }
    }

    private void send(Message m, boolean keep) {
        Session s = Session.lookupSession(sessionId);
        if (acceptor == null || s == null) {
            pending.add(m);
            return;
        }
        s.send(m);
        if (keep && isExecutionReport(m)) {
            sentReports.add(m);
        }
    }

    private static boolean isExecutionReport(Message m) {
        try {
            return m.getHeader().getString(MsgType.FIELD).equals(MsgType.EXECUTION_REPORT);
        } catch (FieldNotFound e) {
            return false;
        }
    }

    private Message message(MatchingEngine.Report r) {
        return switch (r) {
            case MatchingEngine.Ack a -> report(a.order(), '0', a.order().clOrdId, null);
            case MatchingEngine.Execution t -> {
                Message m = report(t.order(), 'F', t.order().clOrdId, null);
                m.setString(17, t.execId());
                m.setString(FixMessages.LAST_QTY, FixMessages.decimal(t.quantity()));
                m.setString(FixMessages.LAST_PX, FixMessages.decimal(t.price()));
                yield m;
            }
            case MatchingEngine.Cancel c -> c.requestId() == null ? report(c.order(), '4', c.order().clOrdId, null)
                    : report(c.order(), '4', c.requestId(), c.order().clOrdId);
            case MatchingEngine.Replace x -> report(x.order(), '5', x.order().clOrdId, x.previousClOrdId());
            case MatchingEngine.Expire x -> report(x.order(), 'C', x.order().clOrdId, null);
            case MatchingEngine.Reject x -> {
                Message m = FixMessages.message(MsgType.EXECUTION_REPORT);
                OrderRequest q = x.request();
                m.setString(FixMessages.ORDER_ID, "NONE");
                m.setString(FixMessages.CL_ORD_ID, q.clientOrderId());
                m.setString(FixMessages.EXEC_ID, "R" + statusIds.incrementAndGet() + "-" + exchangeCompId);
                m.setChar(FixMessages.EXEC_TYPE, '8');
                m.setChar(FixMessages.ORD_STATUS, '8');
                m.setInt(FixMessages.ORD_REJ_REASON, x.ordRejReason());
                m.setString(FixMessages.TEXT, x.text());
                orderFields(m, q);
                m.setString(FixMessages.LEAVES_QTY, "0");
                m.setString(FixMessages.CUM_QTY, "0");
                m.setString(FixMessages.AVG_PX, "0");
                m.setUtcTimeStamp(FixMessages.TRANSACT_TIME, LocalDateTime.now(ZoneOffset.UTC), true);
                yield m;
            }
            case MatchingEngine.CancelReject x -> {
                Message m = FixMessages.message(MsgType.ORDER_CANCEL_REJECT);
                m.setString(FixMessages.ORDER_ID, x.order() == null ? "NONE" : x.order().orderId);
                m.setString(FixMessages.CL_ORD_ID, x.requestId());
                m.setString(FixMessages.ORIG_CL_ORD_ID, x.origClOrdId());
                m.setChar(FixMessages.ORD_STATUS, x.order() == null ? '8' : FixMapping.ordStatus(x.order().status));
                m.setChar(FixMessages.CXL_REJ_RESPONSE_TO, x.replace() ? '2' : '1');
                m.setInt(FixMessages.CXL_REJ_REASON, x.reason());
                m.setString(FixMessages.TEXT, x.text());
                yield m;
            }
        };
    }

    private Message report(MatchingEngine.EngineOrder o, char execType, String clOrdId, String origClOrdId) {
        Message m = FixMessages.message(MsgType.EXECUTION_REPORT);
        m.setString(FixMessages.ORDER_ID, o.orderId);
        m.setString(FixMessages.CL_ORD_ID, clOrdId);
        if (origClOrdId != null) {
            m.setString(FixMessages.ORIG_CL_ORD_ID, origClOrdId);
        }
        m.setString(FixMessages.EXEC_ID, "X" + statusIds.incrementAndGet() + "-" + exchangeCompId);
        m.setChar(FixMessages.EXEC_TYPE, execType);
        m.setChar(FixMessages.ORD_STATUS, FixMapping.ordStatus(o.status));
        orderFields(m, o.request);
        m.setString(FixMessages.LEAVES_QTY, FixMessages.decimal(o.leaves()));
        m.setString(FixMessages.CUM_QTY, FixMessages.decimal(o.filled));
        m.setString(FixMessages.AVG_PX, FixMessages.decimal(o.averagePrice()));
        m.setUtcTimeStamp(FixMessages.TRANSACT_TIME, LocalDateTime.now(ZoneOffset.UTC), true);
        return m;
    }

    private static void orderFields(Message m, OrderRequest r) {
        m.setString(FixMessages.SYMBOL, r.instrument().symbol());
        m.setChar(FixMessages.SIDE, FixMapping.side(r.side()));
        m.setString(FixMessages.ORDER_QTY, FixMessages.decimal(r.quantity()));
        m.setChar(FixMessages.ORD_TYPE, FixMapping.ordType(r.type()));
        if (r.type().hasLimitPrice()) {
            m.setString(FixMessages.PRICE, FixMessages.decimal(r.limitPrice()));
        }
        if (r.type().hasStopPrice()) {
            m.setString(FixMessages.STOP_PX, FixMessages.decimal(r.stopPrice()));
        }
        m.setChar(FixMessages.TIME_IN_FORCE, FixMapping.timeInForce(r.timeInForce()));
    }

    private OrderRequest request(Message m, String clOrdId) throws FieldNotFound {
        String symbol = m.getString(FixMessages.SYMBOL);
        Instrument instrument = engine.instrument(symbol).orElse(null);
        if (instrument == null) {
            return null;
        }
        return FixMessages.request(m, clOrdId, instrument);
    }

    private void onNewOrder(Message m) throws FieldNotFound {
        String clOrdId = m.getString(FixMessages.CL_ORD_ID);
        boolean repeat = m.getHeader().isSetField(43) && m.getHeader().getBoolean(43);
        if (repeat && engine.order(clOrdId).isPresent()) {
            repeatedOrdersIgnored++;
            return;
        }
        OrderRequest r = request(m, clOrdId);
        List<MatchingEngine.Report> reports;
        if (r == null) {
            Message reject = FixMessages.message(MsgType.EXECUTION_REPORT);
            reject.setString(FixMessages.ORDER_ID, "NONE");
            reject.setString(FixMessages.CL_ORD_ID, clOrdId);
            reject.setString(FixMessages.EXEC_ID, "R" + statusIds.incrementAndGet() + "-" + exchangeCompId);
            reject.setChar(FixMessages.EXEC_TYPE, '8');
            reject.setChar(FixMessages.ORD_STATUS, '8');
            reject.setInt(FixMessages.ORD_REJ_REASON, 1);
            reject.setString(FixMessages.SYMBOL, m.getString(FixMessages.SYMBOL));
            reject.setChar(FixMessages.SIDE, m.getChar(FixMessages.SIDE));
            reject.setString(FixMessages.LEAVES_QTY, "0");
            reject.setString(FixMessages.CUM_QTY, "0");
            reject.setString(FixMessages.AVG_PX, "0");
            send(reject, true);
            return;
        }
        reports = engine.submit(r);
        if (dropOnNextOrder) {
            dropOnNextOrder = false;
            dropConnection();
        }
        emit(reports);
    }

    private void onStatusRequest(Message m) throws FieldNotFound {
        String requestId = m.getString(FixMessages.ORD_STATUS_REQ_ID);
        String clOrdId = m.getString(FixMessages.CL_ORD_ID);
        var order = engine.order(clOrdId);
        Message r;
        if (order.isPresent()) {
            r = report(order.get(), 'I', order.get().clOrdId, null);
        } else {
            r = FixMessages.message(MsgType.EXECUTION_REPORT);
            r.setString(FixMessages.ORDER_ID, "NONE");
            r.setString(FixMessages.CL_ORD_ID, clOrdId);
            r.setString(FixMessages.EXEC_ID, "S" + statusIds.incrementAndGet());
            r.setChar(FixMessages.EXEC_TYPE, 'I');
            r.setChar(FixMessages.ORD_STATUS, '8');
            r.setInt(FixMessages.ORD_REJ_REASON, 5);
            r.setString(FixMessages.SYMBOL, m.getString(FixMessages.SYMBOL));
            r.setChar(FixMessages.SIDE, m.getChar(FixMessages.SIDE));
            r.setString(FixMessages.LEAVES_QTY, "0");
            r.setString(FixMessages.CUM_QTY, "0");
            r.setString(FixMessages.AVG_PX, "0");
        }
        r.setString(FixMessages.ORD_STATUS_REQ_ID, requestId);
        send(r, false);
    }

    private void onMassStatus(Message m) throws FieldNotFound, UnsupportedMessageType {
        if (!settings.massStatus() || refuseMassStatus) {
            throw new UnsupportedMessageType();
        }
        String requestId = m.getString(FixMessages.MASS_STATUS_REQ_ID);
        List<MatchingEngine.EngineOrder> orders = engine.orders();
        if (orders.isEmpty()) {
            Message r = FixMessages.message(MsgType.EXECUTION_REPORT);
            r.setString(FixMessages.ORDER_ID, "NONE");
            r.setString(FixMessages.EXEC_ID, "S" + statusIds.incrementAndGet());
            r.setChar(FixMessages.EXEC_TYPE, 'I');
            r.setChar(FixMessages.ORD_STATUS, '8');
            r.setString(FixMessages.SYMBOL, settings.instruments().getFirst().symbol());
            r.setChar(FixMessages.SIDE, '1');
            r.setString(FixMessages.LEAVES_QTY, "0");
            r.setString(FixMessages.CUM_QTY, "0");
            r.setString(FixMessages.AVG_PX, "0");
            r.setString(FixMessages.MASS_STATUS_REQ_ID, requestId);
            r.setInt(FixMessages.TOT_NUM_REPORTS, 0);
            r.setBoolean(FixMessages.LAST_RPT_REQUESTED, true);
            send(r, false);
            return;
        }
        for (int i = 0; i < orders.size(); i++) {
            MatchingEngine.EngineOrder o = orders.get(i);
            Message r = report(o, 'I', o.clOrdId, null);
            r.setString(FixMessages.MASS_STATUS_REQ_ID, requestId);
            r.setInt(FixMessages.TOT_NUM_REPORTS, orders.size());
            if (i == orders.size() - 1) {
                r.setBoolean(FixMessages.LAST_RPT_REQUESTED, true);
            }
            send(r, false);
        }
    }

    private void onPositions(Message m) throws FieldNotFound, UnsupportedMessageType {
        if (!settings.positions()) {
            throw new UnsupportedMessageType();
        }
        String requestId = m.getString(FixMessages.POS_REQ_ID);
        lastPositionsBusinessDate = m.getString(FixMessages.CLEARING_BUSINESS_DATE);
        String account = m.getString(FixMessages.ACCOUNT);
        List<Position> positions = engine.positions();
        Message ack = FixMessages.message(MsgType.REQUEST_FOR_POSITIONS_ACK);
        ack.setString(721, "PA" + statusIds.incrementAndGet());
        ack.setString(FixMessages.POS_REQ_ID, requestId);
        ack.setInt(727, positions.size());
        ack.setInt(728, positions.isEmpty() ? 2 : 0);
        ack.setInt(729, 0);
        ack.setString(FixMessages.ACCOUNT, account);
        ack.setInt(FixMessages.ACCOUNT_TYPE, 1);
        send(ack, false);
        String date = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        for (Position p : positions) {
            Message r = FixMessages.message(MsgType.POSITION_REPORT);
            r.setString(721, "PR" + statusIds.incrementAndGet());
            r.setString(FixMessages.POS_REQ_ID, requestId);
            r.setInt(727, positions.size());
            r.setInt(728, 0);
            r.setString(FixMessages.CLEARING_BUSINESS_DATE, date);
            r.setString(FixMessages.ACCOUNT, account);
            r.setInt(FixMessages.ACCOUNT_TYPE, 1);
            r.setString(FixMessages.SYMBOL, p.instrument().symbol());
            r.setString(730, FixMessages.decimal(p.averagePrice()));
            r.setInt(731, 2);
            r.setString(734, FixMessages.decimal(p.averagePrice()));
            Group qty = new Group(FixMessages.NO_POSITIONS, FixMessages.POS_TYPE);
            qty.setString(FixMessages.POS_TYPE, "TOT");
            qty.setString(FixMessages.LONG_QTY, FixMessages.decimal(Math.max(0, p.quantity())));
            qty.setString(FixMessages.SHORT_QTY, FixMessages.decimal(Math.max(0, -p.quantity())));
            r.addGroup(qty);
            Group amount = new Group(753, 707);
            amount.setString(707, "FMTM");
            amount.setString(708, FixMessages.decimal(p.quantity() * p.averagePrice()));
            r.addGroup(amount);
            send(r, false);
        }
    }

    private void onCollateral(Message m) throws FieldNotFound, UnsupportedMessageType {
        if (!settings.collateral()) {
            throw new UnsupportedMessageType();
        }
        Message r = FixMessages.message(MsgType.COLLATERAL_REPORT);
        r.setString(908, "CR" + statusIds.incrementAndGet());
        r.setString(FixMessages.COLL_INQUIRY_ID, m.getString(FixMessages.COLL_INQUIRY_ID));
        r.setInt(910, 3);
        r.setString(FixMessages.CURRENCY, "USD");
        r.setString(FixMessages.CASH_OUTSTANDING, FixMessages.decimal(engine.cash()));
        r.setString(FixMessages.TOTAL_NET_VALUE, FixMessages.decimal(engine.equity()));
        r.setString(FixMessages.MARGIN_EXCESS, FixMessages.decimal(engine.buyingPower()));
        send(r, false);
    }

    /** QuickFIX/J callbacks of the exchange side. */
    private final class ExchangeApplication implements Application {
        @Override
        public void onCreate(SessionID id) {
        }

        @Override
        public void onLogon(SessionID id) {
            LOG.debug("simulated exchange: {} logged on", id);
        }

        @Override
        public void onLogout(SessionID id) {
            LOG.debug("simulated exchange: {} logged out", id);
        }

        @Override
        public void toAdmin(Message message, SessionID id) {
        }

        @Override
        public void fromAdmin(Message message, SessionID id) throws FieldNotFound, RejectLogon {
            if (!message.getHeader().getString(MsgType.FIELD).equals(MsgType.LOGON)) {
                return;
            }
            if (!settings.username().isEmpty() || !settings.password().isEmpty()) {
                String user = message.isSetField(553) ? message.getString(553) : "";
                String pass = message.isSetField(554) ? message.getString(554) : "";
                if (!user.equals(settings.username()) || !pass.equals(settings.password())) {
                    throw new RejectLogon("invalid username or password");
                }
            }
        }

        @Override
        public void toApp(Message message, SessionID id) {
            if (possDupOriginalSendingTime != null) {
                message.getHeader().setBoolean(43, true);
                message.getHeader().setString(122, possDupOriginalSendingTime);
            }
        }

        @Override
        public void fromApp(Message message, SessionID id) throws FieldNotFound, UnsupportedMessageType {
            synchronized (lock) {
                String type = message.getHeader().getString(MsgType.FIELD);
                switch (type) {
                    case MsgType.ORDER_SINGLE -> onNewOrder(message);
                    case MsgType.ORDER_CANCEL_REQUEST -> {
                        lastCancelRequest = message;
                        String requestId = message.getString(FixMessages.CL_ORD_ID);
                        String orig = message.getString(FixMessages.ORIG_CL_ORD_ID);
                        if (rejectNextCancel) {
                            rejectNextCancel = false;
                            var o = engine.order(orig).orElse(null);
                            emit(List.of(new MatchingEngine.CancelReject(requestId, orig, o, 0, false,
                                    "too late to cancel")));
                        } else {
                            emit(engine.cancel(requestId, orig));
                        }
                    }
                    case MsgType.ORDER_CANCEL_REPLACE_REQUEST -> {
                        String clOrdId = message.getString(FixMessages.CL_ORD_ID);
                        OrderRequest r = request(message, clOrdId);
                        String orig = message.getString(FixMessages.ORIG_CL_ORD_ID);
                        if (r == null) {
                            emit(List.of(new MatchingEngine.CancelReject(clOrdId, orig, null, 1, true,
                                    "unknown symbol")));
                        } else {
                            emit(engine.replace(orig, r));
                        }
                    }
                    case MsgType.ORDER_STATUS_REQUEST -> onStatusRequest(message);
                    case MsgType.ORDER_MASS_STATUS_REQUEST -> onMassStatus(message);
                    case MsgType.REQUEST_FOR_POSITIONS -> onPositions(message);
                    case MsgType.COLLATERAL_INQUIRY -> onCollateral(message);
                    default -> throw new UnsupportedMessageType();
                }
            }
        }
    }
}

package dev.sextant.trading.broker.fix;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.RejectReason;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.FileStoreFactory;
import quickfix.Message;
import quickfix.RejectLogon;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.UnsupportedMessageType;
import quickfix.field.MsgType;

/**
 * A {@link BrokerConnector} that speaks FIX 4.4 to a venue through one QuickFIX/J initiator
 * session.
 *
 * <h2>Orders</h2>
 * {@link #submit} sends a NewOrderSingle (D), {@link #cancel} an OrderCancelRequest (F) and
 * {@link #replace} an OrderCancelReplaceRequest (G). ExecutionReports (8) and OrderCancelRejects
 * (9) become {@link OrderEvent}s as docs/broker-fix.md tabulates: ExecType 0 Accepted, F (and 1/2)
 * PartiallyFilled or Filled by CumQty, 4 Canceled, 5 Replaced, 8 Rejected, C Expired; pending
 * states (A, 6, E) and status-only reports (3, 7, 9, B, D, I) confirm what the {@link
 * dev.sextant.trading.broker.Blotter} already holds and produce no event unless they reveal a
 * change that was missed. Trade corrections (G) and busts (H) are refused: they cannot be
 * expressed as order events, so they are logged at ERROR and left to the next reconciliation.
 *
 * <h2>Sessions</h2>
 * Sequence numbers and sent messages live in a QuickFIX/J file store under
 * {@link FixConnectorConfig#storeDirectory()}, so a connector restarted on the same store
 * continues the session and the venue resends what was missed (PossDupFlag). Every execution is
 * delivered once per connector: repeats are recognised by ExecID and, for reports of the same
 * order, by CumQty. After each logon the connector reconciles its working orders with the venue
 * (OrderMassStatusRequest, or OrderStatusRequest per order) and delivers the fills and final
 * states that the venue reports but the session never brought (for a venue that reset its
 * session). Before the first fill of an order submitted here an {@link OrderEvent.Accepted} is
 * delivered, synthesised from the report if the venue sent no acknowledgement. Memory stays
 * bounded over a long session: every working order is kept, but only the last
 * {@link FixConnectorConfig#retainedFinishedOrders()} finished ones; a late report of an older
 * finished order is logged in one line and ignored, and its ClOrdID cannot be submitted again.
 *
 * <p>A connection lost to the venue is reported as {@link ConnectionState#DISCONNECTED};
 * QuickFIX/J keeps trying to log on every second in the background and the connector becomes
 * {@link ConnectionState#CONNECTED} again after reconciling, or at once with {@link #connect()}.
 * A reconciliation that fails makes {@link #connect()} throw {@link BrokerException.Code#CONNECTION_FAILED};
 * after a background logon the connector stays DISCONNECTED (the reason names the failure) and
 * reconciles again every second. {@link #cancel} takes Symbol, Side and OrderQty from the order as
 * sent or as the venue reported it; for an order known neither way it sends nothing and delivers
 * {@link OrderEvent.CancelRejected} with {@code UNKNOWN_ORDER}.
 * Requests made while not {@link ConnectionState#CONNECTED} (including during
 * {@link ConnectionState#CONNECTING}) throw {@link BrokerException.Code#NOT_CONNECTED}: none is
 * queued.
 *
 * <h2>Queries</h2>
 * {@link #openOrders()} uses OrderMassStatusRequest (AF) or OrderStatusRequest (H) per working
 * order; {@link #positions()} RequestForPositions (AN) or, where the venue lacks it, the sum of
 * the fills this connector delivered; {@link #account()} CollateralInquiry (BB). Each blocks up
 * to {@link FixConnectorConfig#requestTimeout()} and must not be called from a listener.
 *
 * <h2>Threading</h2>
 * Thread-safe. Events are delivered serially on QuickFIX/J's message thread, in the order the
 * venue sent them. Credentials are never logged: message logs mask Password (554).
 */
public final class FixConnector implements BrokerConnector {
    private static final Logger LOG = LoggerFactory.getLogger(FixConnector.class);
    private static final DateTimeFormatter BUSINESS_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    /** How many execution ids are remembered to recognise repeats; the oldest are forgotten first. */
    private static final int REMEMBERED_EXECUTIONS = 1_000_000;
    /** How long the connector waits before reconciling again after a failed reconciliation. */
    private static final Duration RECONCILE_RETRY = Duration.ofSeconds(1);

    private final FixConnectorConfig config;
    private final Clock clock;
    private final SessionID sessionId;
    private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
    private final Object dispatch = new Object();
    private final Object connectLock = new Object();
    private final Map<String, OrderRequest> sent = new ConcurrentHashMap<>();
    private final Map<String, String> cancelRequests = new ConcurrentHashMap<>();
    private final OrderTracker tracker;
    private final Queries queries = new Queries();
    private final AtomicLong requestIds = new AtomicLong();
    private final String idPrefix;
    private final ScheduledExecutorService background;
    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile SocketInitiator initiator;
    private volatile CompletableFuture<Void> logon = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile boolean connecting;
    private volatile boolean disconnecting;

    /**
     * A connector for {@code config}, not yet connected.
     *
     * @param config the session and venue settings
     * @param clock  the time source of request timestamps
     */
    public FixConnector(FixConnectorConfig config, Clock clock) {
        this.config = Checks.notNull(config, "config");
        this.clock = Checks.notNull(clock, "clock");
        this.sessionId = new SessionID(config.beginString(), config.senderCompId(), config.targetCompId());
        this.tracker = new OrderTracker(REMEMBERED_EXECUTIONS, config.retainedFinishedOrders());
        this.idPrefix = Long.toString(System.currentTimeMillis(), 36) + "-";
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fix-connector-" + config.senderCompId());
            t.setDaemon(true);
            return t;
        });
    }

    /** The settings of this connector. */
    public FixConnectorConfig config() {
        return config;
    }

    @Override
    public String venue() {
        return config.venue();
    }

    @Override
    public void addListener(BrokerListener listener) {
        Checks.notNull(listener, "listener");
        synchronized (listeners) {
            if (!listeners.contains(listener)) {
                listeners.add(listener);
            }
        }
    }

    @Override
    public void removeListener(BrokerListener listener) {
        listeners.remove(listener);
    }

    // ---------------------------------------------------------------- connection

    @Override
    public void connect() {
        synchronized (connectLock) {
            if (closing) {
                throw new BrokerException(BrokerException.Code.CONNECTION_FAILED, "the connector is closed");
            }
            if (state == ConnectionState.CONNECTED) {
                return;
            }
            connecting = true;
            try {
                changeState(ConnectionState.CONNECTING, "logging on to " + config.host() + ":" + config.port());
                Session current = Session.lookupSession(sessionId);
                if (initiator == null || current == null || !current.isLoggedOn()) {
                    restartInitiator();
                    awaitLogon();
                }
                reconcileWorkingOrders();
                changeState(ConnectionState.CONNECTED, "logged on as " + config.senderCompId());
            } catch (BrokerException e) {
                stopInitiator(true);
                changeState(ConnectionState.DISCONNECTED, "connection failed: " + e.getMessage());
                throw e;
            } finally {
                connecting = false;
            }
        }
    }

    private void restartInitiator() {
        stopInitiator(true);
        logon = new CompletableFuture<>();
        try {
            SessionSettings settings = sessionSettings();
            SocketInitiator i = new SocketInitiator(new FixApplication(), new FileStoreFactory(settings), settings,
                    new MaskingLogFactory(), new DefaultMessageFactory());
            initiator = i;
            i.start();
        } catch (ConfigError | RuntimeException e) {
            throw new BrokerException(BrokerException.Code.CONNECTION_FAILED, "cannot start the FIX session "
                    + sessionId + ": " + e.getMessage(), e);
        }
    }

    private void awaitLogon() {
        try {
            logon.get(config.logonTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BrokerException(BrokerException.Code.CONNECTION_FAILED, "no logon from " + config.host() + ":"
                    + config.port() + " within " + config.logonTimeout() + " (session " + sessionId + ")");
        } catch (ExecutionException e) {
            throw new BrokerException(BrokerException.Code.CONNECTION_FAILED, "logon to " + config.host() + ":"
                    + config.port() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException(BrokerException.Code.CONNECTION_FAILED, "interrupted while logging on", e);
        }
    }

    SessionSettings sessionSettings() {
        SessionSettings s = new SessionSettings();
        s.setString(sessionId, "ConnectionType", "initiator");
        s.setString(sessionId, "SocketConnectHost", config.host());
        s.setLong(sessionId, "SocketConnectPort", config.port());
        s.setLong(sessionId, "HeartBtInt", config.heartbeatSeconds());
        s.setString(sessionId, "FileStorePath", config.storeDirectory().toString());
        s.setBool(sessionId, "UseDataDictionary", true);
        s.setString(sessionId, "DataDictionary", config.dataDictionary());
        s.setBool(sessionId, "ResetOnLogon", config.resetOnLogon());
        s.setLong(sessionId, "ReconnectInterval", 1);
        if (!config.extraSettings().containsKey("StartTime")) {
            s.setBool(sessionId, "NonStopSession", true);
        }
        for (Map.Entry<String, String> e : config.extraSettings().entrySet()) {
            s.setString(sessionId, e.getKey(), e.getValue());
        }
        return s;
    }

    @Override
    public void disconnect() {
        synchronized (connectLock) {
            if (initiator == null && state == ConnectionState.DISCONNECTED) {
                return;
            }
            disconnecting = true;
            try {
                stopInitiator(false);
            } finally {
                disconnecting = false;
            }
            queries.failAll("disconnected");
            changeState(ConnectionState.DISCONNECTED, "logged out by the client");
        }
    }

    /** Disconnects, stops the connector's thread and forgets nothing persisted (the store stays). */
    @Override
    public void close() {
        closing = true;
        try {
            disconnect();
        } finally {
            background.shutdownNow();
        }
    }

    private void stopInitiator(boolean force) {
        SocketInitiator i = initiator;
        initiator = null;
        if (i != null) {
            try {
                i.stop(force);
            } catch (RuntimeException e) {
                LOG.warn("stopping the FIX initiator {} failed", sessionId, e);
            }
        }
    }

    @Override
    public ConnectionState connectionState() {
        return state;
    }

    // ---------------------------------------------------------------- requests

    @Override
    public void submit(OrderRequest request) {
        Checks.notNull(request, "request");
        requireConnected();
        requireInstrument(request);
        if (tracker.evicted(request.clientOrderId())) {
            throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                    "client order id " + request.clientOrderId() + " was already used by an order that finished");
        }
        // A finished order's request is pruned from 'sent' but still known to the tracker.
        OrderRequest finished = tracker.request(request.clientOrderId());
        OrderRequest previous = finished != null ? finished : sent.putIfAbsent(request.clientOrderId(), request);
        if (previous != null) {
            if (previous.equals(request)) {
                return;
            }
            throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                    "client order id " + request.clientOrderId() + " was already used for " + previous);
        }
        tracker.submitted(request);
        try {
            send(FixMessages.newOrderSingle(request, config.account(), now()));
        } catch (BrokerException e) {
            sent.remove(request.clientOrderId(), request);
            tracker.forget(request.clientOrderId());
            throw e;
        }
    }

    @Override
    public void cancel(String clientOrderId) {
        Checks.notBlank(clientOrderId, "clientOrderId");
        requireConnected();
        OrderRequest original = sent.get(clientOrderId);
        if (original == null) {
            original = tracker.request(clientOrderId);
        }
        if (original == null) {
            // The SPI answers a cancel of an unknown order with CancelRejected(UNKNOWN_ORDER); a FIX
            // cancel needs Symbol, Side and OrderQty, which are never invented, so nothing is sent.
            String why = tracker.evicted(clientOrderId)
                    ? " finished long ago and is no longer held (retainedFinishedOrders " + config.retainedFinishedOrders() + ")"
                    : " is known neither to this connector nor to the venue's status reports";
            OrderEvent.CancelRejected unknown = new OrderEvent.CancelRejected(clientOrderId,
                    RejectReason.UNKNOWN_ORDER, "order " + clientOrderId + why + ": no cancel sent", now());
            background.execute(() -> deliver(unknown));
            return;
        }
        String cancelId = nextId("C");
        cancelRequests.put(cancelId, clientOrderId);
        try {
            send(FixMessages.cancelRequest(cancelId, clientOrderId, tracker.venueOrderId(clientOrderId), original,
                    config.account(), now()));
        } catch (BrokerException e) {
            cancelRequests.remove(cancelId);
            throw e;
        }
    }


    @Override
    public void replace(String clientOrderId, OrderRequest replacement) {
        Checks.notBlank(clientOrderId, "clientOrderId");
        Checks.notNull(replacement, "replacement");
        requireConnected();
        requireInstrument(replacement);
        OrderRequest original = sent.get(clientOrderId);
        if (original != null && (!original.instrument().equals(replacement.instrument())
                || original.side() != replacement.side())) {
            throw new BrokerException(BrokerException.Code.INVALID_REQUEST, "replacement " + replacement.clientOrderId()
                    + " must keep " + original.side() + " " + original.instrument().id() + " of " + clientOrderId
                    + " but is " + replacement.side() + " " + replacement.instrument().id());
        }
        if (replacement.clientOrderId().equals(clientOrderId)) {
            throw new BrokerException(BrokerException.Code.INVALID_REQUEST,
                    "replacement must have a new client order id but reused " + clientOrderId);
        }
        OrderRequest previous = sent.putIfAbsent(replacement.clientOrderId(), replacement);
        if (previous != null) {
            if (previous.equals(replacement)) {
                return;
            }
            throw new BrokerException(BrokerException.Code.DUPLICATE_CLIENT_ORDER_ID,
                    "client order id " + replacement.clientOrderId() + " was already used for " + previous);
        }
        tracker.submitted(replacement);
        try {
            send(FixMessages.replaceRequest(clientOrderId, tracker.venueOrderId(clientOrderId), replacement,
                    config.account(), now()));
        } catch (BrokerException e) {
            sent.remove(replacement.clientOrderId(), replacement);
            tracker.forget(replacement.clientOrderId());
            throw e;
        }
    }

    // ---------------------------------------------------------------- queries

    @Override
    public List<Order> openOrders() {
        requireConnected();
        List<Message> reports = statusReports();
        List<Order> open = new ArrayList<>();
        for (Message m : reports) {
            FixMessages.workingOrder(m, config).ifPresent(open::add);
        }
        return open;
    }

    @Override
    public List<Position> positions() {
        requireConnected();
        if (!config.positionRequests()) {
            return tracker.ledgerPositions();
        }
        String id = nextId("P");
        Queries.Pending q = queries.open(id);
        try {
            Instant at = now();
            send(FixMessages.requestForPositions(id, config.account(),
                    LocalDate.ofInstant(at, ZoneOffset.UTC).format(BUSINESS_DATE), at));
            List<Message> reports = q.await(config.requestTimeout(), "RequestForPositions " + id);
            Map<Instrument, Position> byInstrument = new LinkedHashMap<>();
            for (Message m : reports) {
                FixMessages.position(m, config).ifPresent(p -> byInstrument.merge(p.instrument(), p,
                        FixMessages::combine));
            }
            List<Position> out = new ArrayList<>();
            for (Position p : byInstrument.values()) {
                if (!p.isFlat()) {
                    out.add(p);
                }
            }
            return out;
        } finally {
            queries.close(id);
        }
    }

    @Override
    public AccountSnapshot account() {
        requireConnected();
        if (!config.collateralInquiry()) {
            throw new BrokerException(BrokerException.Code.VENUE_ERROR, "venue " + config.venue()
                    + " does not answer CollateralInquiry (collateralInquiry=false): no account snapshot");
        }
        String id = nextId("A");
        Queries.Pending q = queries.open(id);
        try {
            send(FixMessages.collateralInquiry(id, config.account()));
            List<Message> reports = q.await(config.requestTimeout(), "CollateralInquiry " + id);
            if (reports.size() != 1) {
                throw new BrokerException(BrokerException.Code.VENUE_ERROR, "CollateralInquiry " + id
                        + " got " + reports.size() + " reports instead of one");
            }
            return FixMessages.account(reports.getFirst(), config.currency(), clock.now());
        } finally {
            queries.close(id);
        }
    }

    /**
     * The venue's status reports of this account's orders: one OrderMassStatusRequest, or one
     * OrderStatusRequest per order this connector considers working.
     */
    private List<Message> statusReports() {
        if (config.massStatus()) {
            String id = nextId("M");
            Queries.Pending q = queries.open(id);
            try {
                send(FixMessages.massStatusRequest(id, config.account()));
                return q.await(config.requestTimeout(), "OrderMassStatusRequest " + id);
            } finally {
                queries.close(id);
            }
        }
        List<Message> all = new ArrayList<>();
        for (OrderTracker.Working w : tracker.working()) {
            String id = nextId("S");
            Queries.Pending q = queries.open(id);
            try {
                if (w.request() == null) {
                    throw new BrokerException(BrokerException.Code.INVALID_REQUEST, "cannot ask the status of order "
                            + w.clientOrderId() + ": its symbol and side are not known");
                }
                send(FixMessages.orderStatusRequest(id, w.clientOrderId(), w.venueOrderId(), w.request(),
                        config.account()));
                all.addAll(q.await(config.requestTimeout(), "OrderStatusRequest " + id + " for " + w.clientOrderId()));
            } finally {
                queries.close(id);
            }
        }
        return all;
    }

    /**
     * Asks the venue for the state of every order and lets the reports repair what the session
     * missed; throws {@link BrokerException.Code#CONNECTION_FAILED} if that fails, since missed
     * fills would otherwise stay undelivered.
     */
    private void reconcileWorkingOrders() {
        try {
            // The reports pass through fromApp like any other, where OrderTracker repairs missed fills and ends.
            statusReports();
        } catch (BrokerException e) {
            throw new BrokerException(BrokerException.Code.CONNECTION_FAILED, "reconciliation after logon of "
                    + sessionId + " failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- internals

    private Instant now() {
        return clock.now();
    }

    private String nextId(String kind) {
        return "SX" + kind + "-" + idPrefix + requestIds.incrementAndGet();
    }

    private void requireConnected() {
        if (state != ConnectionState.CONNECTED) {
            throw new BrokerException(BrokerException.Code.NOT_CONNECTED, "FIX connector " + sessionId + " is " + state);
        }
    }

    private void requireInstrument(OrderRequest r) {
        if (config.instrument(r.instrument().symbol()).filter(i -> i.equals(r.instrument())).isEmpty()) {
            throw new BrokerException(BrokerException.Code.INVALID_REQUEST, "venue " + config.venue()
                    + " is not configured to trade " + r.instrument().id() + " (instruments: "
                    + config.instruments().stream().map(Instrument::id).toList() + ")");
        }
    }

    private void send(Message message) {
        Session session = Session.lookupSession(sessionId);
        if (session == null || !session.isLoggedOn()) {
            throw new BrokerException(BrokerException.Code.NOT_CONNECTED, "FIX session " + sessionId + " is not logged on");
        }
        if (!session.send(message)) {
            // QuickFIX/J stored the message; the venue gets it by resend after the next logon.
            LOG.warn("FIX session {} lost its connection while sending; the message goes out on resend", sessionId);
        }
    }

    void deliver(OrderEvent event) {
        synchronized (dispatch) {
            for (BrokerListener l : listeners) {
                try {
                    l.onOrderEvent(event);
                } catch (RuntimeException e) {
                    LOG.error("listener failed on {}", event, e);
                }
            }
        }
    }

    private void changeState(ConnectionState next, String reason) {
        synchronized (dispatch) {
            ConnectionState previous = state;
            if (previous == next) {
                return;
            }
            state = next;
            LOG.info("FIX connector {}: {} -> {} ({})", sessionId, previous, next, reason);
            for (BrokerListener l : listeners) {
                try {
                    l.onConnectionStateChanged(previous, next, reason);
                } catch (RuntimeException e) {
                    LOG.error("listener failed on connection change to {}", next, e);
                }
            }
        }
    }

    private void onLogonFromQuickFix() {
        logon.complete(null);
        if (!connecting && state == ConnectionState.DISCONNECTED && !closing) {
            // QuickFIX/J logged on again by itself after a connection loss: reconcile off its thread.
            background.execute(this::reconcileAfterReconnect);
        }
    }

    /** Reconciles a session QuickFIX/J logged on again; stays DISCONNECTED and retries while that fails. */
    private void reconcileAfterReconnect() {
        synchronized (connectLock) {
            Session s = Session.lookupSession(sessionId);
            if (state != ConnectionState.DISCONNECTED || closing || connecting || s == null || !s.isLoggedOn()) {
                return;
            }
            changeState(ConnectionState.CONNECTING, "logged on again after a connection loss");
            try {
                reconcileWorkingOrders();
                changeState(ConnectionState.CONNECTED, "logged on again as " + config.senderCompId());
            } catch (BrokerException e) {
                changeState(ConnectionState.DISCONNECTED, e.getMessage() + "; retrying in "
                        + RECONCILE_RETRY.toSeconds() + " s");
                try {
                    background.schedule(this::reconcileAfterReconnect, RECONCILE_RETRY.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closed) {
                    LOG.debug("connector {} closed: no further reconciliation", sessionId);
                }
            }
        }
    }

    private void onLogoutFromQuickFix() {
        logon.completeExceptionally(new IllegalStateException("the venue logged out or the connection dropped"));
        queries.failAll("the FIX session logged out");
        if (!connecting && !disconnecting && state != ConnectionState.DISCONNECTED) {
            changeState(ConnectionState.DISCONNECTED, "connection lost: FIX session " + sessionId + " logged out");
        }
    }

    private void onApplicationMessage(Message message) throws FieldNotFound, UnsupportedMessageType {
        String type = message.getHeader().getString(MsgType.FIELD);
        switch (type) {
            case MsgType.EXECUTION_REPORT -> {
                String queryId = FixMessages.queryIdOf(message);
                if (!FixMessages.isEmptyStatusAnswer(message)) {
                    List<OrderEvent> events = tracker.onExecutionReport(message, config, sent, now());
                    if (message.getChar(FixMessages.EXEC_TYPE) == '4' && message.isSetField(FixMessages.CL_ORD_ID)) {
                        cancelRequests.remove(message.getString(FixMessages.CL_ORD_ID));
                    }
                    events.forEach(this::prune);
                    events.forEach(this::deliver);
                }
                if (queryId != null) {
                    queries.report(queryId, message, FixMessages.isLastStatusReport(message));
                }
            }
            case MsgType.ORDER_CANCEL_REJECT -> {
                OrderEvent.CancelRejected e = FixMessages.cancelRejected(message, cancelRequests, now());
                cancelRequests.remove(message.getString(FixMessages.CL_ORD_ID));
                deliver(e);
            }
            case MsgType.POSITION_REPORT -> {
                String id = message.isSetField(710) ? message.getString(710) : "";
                int total = message.isSetField(727) ? message.getInt(727) : 1;
                queries.reportCounted(id, message, total);
            }
            case MsgType.REQUEST_FOR_POSITIONS_ACK -> {
                String id = message.isSetField(710) ? message.getString(710) : "";
                int result = message.getInt(728);
                int total = message.isSetField(727) ? message.getInt(727) : 0;
                if (result == 2 || (result == 0 && total == 0)) {
                    queries.complete(id);
                } else if (result != 0) {
                    queries.fail(id, "RequestForPositions refused: PosReqResult " + result + " "
                            + (message.isSetField(58) ? message.getString(58) : ""));
                } else {
                    queries.expect(id, total);
                }
            }
            case MsgType.COLLATERAL_REPORT -> queries.report(message.isSetField(909) ? message.getString(909) : "", message, true);
            case MsgType.COLLATERAL_INQUIRY_ACK -> {
                int status = message.getInt(945);
                if (status != 0 && status != 1) {
                    queries.fail(message.getString(909), "CollateralInquiry refused: CollInquiryStatus " + status);
                }
            }
            case MsgType.BUSINESS_MESSAGE_REJECT -> onBusinessReject(message);
            default -> throw new UnsupportedMessageType();
        }
    }

    /**
     * Forgets the request and the cancel requests of an order that reached a final state; the
     * {@link OrderTracker} keeps what reconciliation needs of working orders.
     */
    private void prune(OrderEvent e) {
        String done = switch (e) {
            case OrderEvent.Filled f -> f.fill().clientOrderId();
            case OrderEvent.Canceled c -> c.clientOrderId();
            case OrderEvent.Expired x -> x.clientOrderId();
            case OrderEvent.Rejected r -> r.clientOrderId();
            case OrderEvent.Replaced r -> r.clientOrderId();
            default -> null;
        };
        if (done != null) {
            sent.remove(done);
            cancelRequests.values().removeIf(done::equals);
        }
    }

    /** How many requests the connector holds in memory (sent orders and cancel requests): for tests. */
    int heldRequests() {
        return sent.size() + cancelRequests.size();
    }

    private void onBusinessReject(Message message) throws FieldNotFound {
        String refType = message.getString(372);
        String ref = message.isSetField(379) ? message.getString(379) : "";
        String text = message.isSetField(58) ? message.getString(58) : "";
        if (refType.equals(MsgType.ORDER_SINGLE) && !ref.isEmpty()) {
            deliver(new OrderEvent.Rejected(ref, RejectReason.VENUE,
                    "BusinessMessageReject " + message.getInt(380) + ": " + text, now()));
        } else if (!queries.fail(ref, "the venue does not support " + refType + ": " + text)) {
            LOG.warn("BusinessMessageReject of {} {}: {}", refType, ref, text);
        }
    }

    /** The QuickFIX/J callbacks; runs on QuickFIX/J's threads. */
    private final class FixApplication implements Application {
        @Override
        public void onCreate(SessionID id) {
            LOG.debug("FIX session {} created", id);
        }

        @Override
        public void onLogon(SessionID id) {
            onLogonFromQuickFix();
        }

        @Override
        public void onLogout(SessionID id) {
            onLogoutFromQuickFix();
        }

        @Override
        public void toAdmin(Message message, SessionID id) {
            try {
                if (message.getHeader().getString(MsgType.FIELD).equals(MsgType.LOGON)) {
                    if (!config.username().isEmpty()) {
                        message.setString(553, config.username());
                    }
                    if (!config.password().isEmpty()) {
                        message.setString(554, config.password());
                    }
                }
            } catch (FieldNotFound e) {
                throw new IllegalStateException("an admin message without MsgType", e);
            }
        }

        @Override
        public void fromAdmin(Message message, SessionID id) throws FieldNotFound, RejectLogon {
            if (message.getHeader().getString(MsgType.FIELD).equals(MsgType.LOGOUT) && message.isSetField(58)) {
                LOG.info("FIX session {}: logout from the venue: {}", id, message.getString(58));
            }
        }

        @Override
        public void toApp(Message message, SessionID id) {
            // Resent application messages (PossDupFlag) go out: the venue recognises a repeated ClOrdID.
        }

        @Override
        public void fromApp(Message message, SessionID id) throws FieldNotFound, UnsupportedMessageType {
            onApplicationMessage(message);
        }
    }
}

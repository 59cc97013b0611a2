package dev.sextant.trading.live;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.BrokerSession;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.MarketDataFeed;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.broker.ReconciliationReport;
import dev.sextant.trading.broker.Subscription;
import dev.sextant.trading.broker.paper.PaperBroker;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.Checks;
import dev.sextant.trading.core.Clock;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.Signal;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.Decision;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
import dev.sextant.trading.engine.TradingPipeline;
import dev.sextant.trading.live.internal.DecisionAdapter;
import dev.sextant.trading.live.internal.EventCodec;
import dev.sextant.trading.live.internal.SessionJournal;
import dev.sextant.trading.live.internal.VenueEvents;
import dev.sextant.trading.risk.InvalidLimitsException;
import dev.sextant.trading.risk.KillSwitchListener;
import dev.sextant.trading.risk.KillSwitchTrigger;
import dev.sextant.trading.risk.KillSwitchTrip;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-lived trading session: the engine's {@link TradingPipeline} on a {@link MarketDataFeed}
 * and a {@link BrokerConnector}, with every state change in a {@link Journal}.
 *
 * <h2>Life cycle</h2>
 * {@link #recover()} (called by {@link #start} if not called before) rebuilds the session from
 * the journal; {@link #start} subscribes to the feed; {@link #pause} stops deciding (bars still
 * update the features, the risk state and the venue); {@link #resume}; {@link #stop} stops
 * deciding, applies the {@link WorkingOrderPolicy} and flushes the journal.
 *
 * <h2>The journal</h2>
 * For each bar the session journals {@link JournalEvent.BarConsumed}, the venue's events on that
 * bar, the {@link JournalEvent.SignalGenerated signal}, the {@link JournalEvent.RiskDecided risk
 * decision} and the {@link JournalEvent.DecisionMade decision}. Order and cancel requests are
 * journaled durably before they are sent (write-ahead); operator actions, kill-switch trips by
 * staleness or by hand, and venue disconnects are journaled durably before they take effect.
 * Other events are group-committed (see {@link JournalOptions}).
 *
 * <h2>Recovery</h2>
 * The journal's inputs (bars, operator actions, limit changes, external kill-switch trips) are
 * re-executed through fresh components, in journal order. Every event that re-execution produces
 * is compared with the journaled one (a difference is a {@link JournalException}: the bundle, the
 * limits or the venue settings changed); events past the journal's end (produced by the crashed
 * run but not committed) are appended. This rebuilds the portfolio, the risk engine (high-water
 * mark, daily PnL, in-flight orders), the blotter, the kill switch and the features' warm state,
 * so the first decision after a restart equals the one an uninterrupted session would have made.
 * <ul>
 *   <li>With a {@link PaperBroker} venue the simulated venue is re-executed too: it rebuilds its
 *       own state and re-creates its events.</li>
 *   <li>With any other venue nothing is sent while rebuilding: a journaled order or cancel request
 *       is compared, not sent (the venue had it: requests are journaled before they are sent);
 *       the journaled venue events (acknowledgements, fills, rejects, cancels, connection
 *       changes) are applied from the journal as the venue delivered them; a submission the
 *       journal shows the venue refused is refused again. The connector logs on before the
 *       rebuild, and what the venue sends meanwhile (for example the events a restarted client
 *       missed) waits until the rebuild is done; then it is applied in arrival order, except what
 *       the journal already holds (a fill whose execution id, or an order's acknowledgement,
 *       rejection, cancel, expiry, replacement or end already journaled), which is dropped, then
 *       and at any later time. Only a request the crashed run never journaled (so never sent) is
 *       sent while recovering, when re-execution reaches it past the journal's end.</li>
 * </ul>
 * Then the session reconciles its blotter with the venue's open orders and positions (queried
 * outside the session lock) and journals each difference as a
 * {@link JournalEvent.ReconciliationDifference} naming the order or instrument and both views.
 *
 * <h2>Staleness and disconnects</h2>
 * With {@link Builder#staleAfter} set, no bar for that long (wall clock) trips the kill switch
 * ({@code STALE_MARKET_DATA}); a venue disconnect trips it through the risk engine
 * ({@code BROKER_DISCONNECT}); a reconnect is reconciled and the differences journaled. The kill
 * switch cancels working orders and stays tripped until {@link #rearmKillSwitch}.
 *
 * <h2>Thread-safety</h2>
 * Thread-safe: feed callbacks, venue callbacks, the staleness monitor and operator calls are
 * serialised on one lock, so the journal's order is the order things happened in.
 */
public final class TradingSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TradingSession.class);
    private static final String STOP = "STOP";
    private static final String PAUSE = "PAUSE";
    private static final String RESUME = "RESUME";
    private static final String LIMITS = "LIMITS";
    private static final String PAPER_LOSS_PREFIX = "connection lost: ";

    /** Where a session is in its life cycle. */
    public enum Status {
        /** Built; the journal not yet read. */
        NEW,
        /** Rebuilt from the journal; not yet subscribed to the feed. */
        RECOVERED,
        /** Deciding on the feed's bars (or paused). */
        RUNNING,
        /** Stopped gracefully, or after a journal failure. */
        STOPPED
    }

    private final Object lock = new Object();
    private final Journal journal;
    private final Clock clock;
    private final TimeFrame timeFrame;
    private final Map<String, Instrument> instruments = new LinkedHashMap<>();
    private final RiskEngine risk;
    private final PaperBroker paper;
    private final JournalingConnector connector;
    private final BrokerSession broker;
    private final TradingPipeline pipeline;
    private final WorkingOrderPolicy policy;
    private final Duration staleAfter;
    private final String sessionId;
    private final String venue;
    private final String bundleId;
    private final String bundleDigest;
    private final Map<String, Long> lastBarTime = new HashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final List<SessionObserver> observers;
    /** Serialises {@link #recover()}, which queries the venue outside {@link #lock}. */
    private final Object recoverLock = new Object();
    private final List<SessionComponent> components;
    private final SessionComponent.Context componentContext = new ComponentContext();

    // Guarded by lock.
    private SessionJournal sink;
    private String limitsDigest;
    /** Recovering against a real venue: journaled venue records are applied instead of asking the venue. */
    private boolean rebuilding;
    /** After {@link #close()}: the connector stays the caller's, and what it still reports is not journaled. */
    private boolean journalClosed;
    /** While rebuilding: the requests journaled so far, by client order id. */
    private final Map<String, OrderRequest> requested = new HashMap<>();
    private Status status = Status.NEW;
    private boolean paused;
    private boolean externalKillSwitchChange;
    private String cancelReason = "cancel";
    private long nextInputIndex;
    private long decisions;
    private long orders;
    private long fills;
    private JournalException failure;
    private Recovery recovery;
    private ScheduledExecutorService monitor;
    /**
     * Reconciles after a reconnect, off the connector's listener thread: connectors must not be
     * queried from a listener, and venue queries never run under {@link #lock}.
     */
    private final ExecutorService reconciler;
    private volatile long lastBarNanos;
    private long signalNanos;
    private long brokerNanos;

    private TradingSession(Builder b) {
        this.journal = Checks.notNull(b.journal, "journal");
        this.clock = Checks.notNull(b.clock, "clock");
        this.timeFrame = Checks.notNull(b.timeFrame, "timeFrame");
        if (b.instruments.isEmpty()) {
            throw new IllegalArgumentException("instruments must not be empty");
        }
        for (Instrument i : b.instruments) {
            instruments.put(i.id(), i);
        }
        this.risk = Checks.notNull(b.risk, "risk");
        this.paper = b.paper;
        this.connector = new JournalingConnector(Checks.notNull(b.connector, "connector"));
        this.policy = b.policy;
        this.staleAfter = b.staleAfter;
        this.sessionId = b.sessionId != null ? b.sessionId : UUID.randomUUID().toString();
        this.reconciler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sextant-reconcile-" + sessionId);
            t.setDaemon(true);
            return t;
        });
        this.venue = connector.venue();
        this.bundleId = b.bundleId;
        this.bundleDigest = b.bundleDigest;
        this.limitsDigest = b.limitsDigest;
        this.observers = List.copyOf(b.observers);
        this.components = List.copyOf(b.components);
        this.broker = new BrokerSession(connector, clock);
        // Registered before the pipeline's own listener, so a trip is journaled before the cancels it causes.
        risk.killSwitch().addListener(new KillSwitchListener() {
            @Override
            public void onTripped(KillSwitchTrip trip) {
                cancelReason = "kill switch: " + trip.trigger();
                if (!externalKillSwitchChange) {
                    emit(new JournalEvent.KillSwitchTripped(trip.trigger().name(), trip.detail()), true);
                }
            }

            @Override
            public void onRearmed(KillSwitchTrip cleared, String operator) {
                if (!externalKillSwitchChange) {
                    emit(new JournalEvent.KillSwitchRearmed(operator, ""), true);
                }
            }
        });
        this.pipeline = TradingPipeline.builder().signals(new JournalingSignals(Checks.notNull(b.signals, "signals")))
                .risk(risk).sizer(Checks.notNull(b.sizer, "sizer")).broker(broker).clock(clock).timeFrame(timeFrame)
                .expectedMove(b.expectedMove).build();
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ life cycle

    /**
     * Rebuilds the session from its journal (see the class documentation), connects to the
     * venue and reconciles. Idempotent after the first call.
     *
     * @throws JournalException if the journal is broken or re-execution diverges from it
     * @throws dev.sextant.trading.broker.BrokerException if a venue other than the paper venue
     *         cannot be connected (nothing was read or changed: call again)
     */
    public Recovery recover() {
        synchronized (recoverLock) {
            synchronized (lock) {
                if (status != Status.NEW) {
                    return requireRecovered();
                }
            }
            if (paper == null) {
                // Outside the lock: a connector may deliver the events it missed while it logs on, and they
                // are held until the rebuild is done, so its logon never waits for the session.
                connector.holdVenueEvents();
                try {
                    broker.connect();
                } catch (RuntimeException e) {
                    connector.releaseHeldVenueEvents(false);
                    throw e;
                }
            }
            long resumedAfter;
            synchronized (lock) {
                List<JournalRecord> records = new ArrayList<>();
                journal.replay(1, records::add);
                resumedAfter = journal.lastSeq();
                sink = new SessionJournal(journal, clock, records);
                boolean rebuilt = false;
                rebuilding = paper == null;
                try {
                    if (paper != null) {
                        broker.connect();
                    }
                    for (JournalRecord next = sink.peek(); next != null; next = sink.peek()) {
                        reexecute(next);
                        checkFailure();
                    }
                    sink.endRecovery();
                    rebuilt = true;
                } finally {
                    rebuilding = false;
                    requested.clear();
                    if (paper == null) {
                        // Applied (journaled, and compared with the journal to drop what it already holds) in arrival order.
                        connector.releaseHeldVenueEvents(rebuilt);
                    }
                }
                checkFailure();
            }
            // The venue is queried outside the lock: its events are delivered under it.
            ReconciliationReport report = broker.reconcile();
            synchronized (lock) {
                List<JournalEvent.ReconciliationDifference> differences = journalDifferences(report);
                journal.flush();
                recovery = new Recovery(sink.matched(), sink.appendedDuringRecovery(), resumedAfter, nextInputIndex,
                        journal.repairedTail(), differences);
                status = Status.RECOVERED;
                if (!recovery.fresh()) {
                    LOG.info("session {} recovered from {}: {} records re-created, {} appended, continuing at input {}",
                            sessionId, journal.location(), recovery.replayedRecords(), recovery.appendedRecords(),
                            nextInputIndex);
                }
                return recovery;
            }
        }
    }

    private Recovery requireRecovered() {
        if (recovery == null) {
            throw new IllegalStateException("the session failed before it was recovered", failure);
        }
        return recovery;
    }

    private void reexecute(JournalRecord record) {
        switch (record.event()) {
            case JournalEvent.BarConsumed b -> {
                Instrument instrument = instruments.get(b.instrument());
                if (instrument == null) {
                    throw new JournalException("journal " + journal.location() + ": seq " + record.seq()
                            + ": a bar of " + b.instrument() + ", which this session does not trade");
                }
                processBar(instrument, new Bar(b.barTime(), b.open(), b.high(), b.low(), b.close(), b.volume()),
                        b.inputIndex());
            }
            case JournalEvent.OperatorAction a when a.action().equals(PAUSE) -> applyPause(a.operator(), a.detail());
            case JournalEvent.OperatorAction a when a.action().equals(RESUME) -> applyResume(a.operator(), a.detail());
            case JournalEvent.OperatorAction a when a.action().equals(STOP) -> applyStopOrders(a.operator(), a.detail());
            case JournalEvent.KillSwitchTripped k when isExternal(k.trigger()) ->
                    applyExternalTrip(KillSwitchTrigger.valueOf(k.trigger()), k.reason());
            case JournalEvent.KillSwitchRearmed k -> applyRearm(k.operator(), k.reason());
            case JournalEvent.VenueConnectionChanged c when paper != null -> applyConnectionChange(c);
            case JournalEvent.OperatorAction a when a.action().equals(LIMITS) -> emit(a, true);
            case JournalEvent.LimitsChanged l -> applyLimits(l, "journal " + journal.location() + " seq " + record.seq());
            case JournalEvent e when paper == null && isVenueRecord(e) -> replayVenueRecords();
            default -> throw new JournalException("journal " + journal.location() + ": recovery diverged at seq "
                    + record.seq() + ": the journal holds " + record.event()
                    + ", which re-executing the journaled inputs did not produce");
        }
    }

    /**
     * Whether {@code event} came from the venue's side: what the venue sent, a connection change,
     * or a cancel of an order this journal never requested (sent by a kill switch to an order
     * working at the venue). Recovering against a real venue, these are applied from the journal.
     */
    private boolean isVenueRecord(JournalEvent event) {
        return event instanceof JournalEvent.VenueEventReceived || event instanceof JournalEvent.FillReceived
                || event instanceof JournalEvent.VenueConnectionChanged
                || event instanceof JournalEvent.CancelRequested c && !requested.containsKey(c.clientOrderId());
    }

    /**
     * Recovering against a real venue: applies the venue records next in the journal as the
     * venue delivered them (to the blotter, the risk engine and the journal's comparison),
     * without a word to the venue.
     */
    private void replayVenueRecords() {
        for (JournalRecord next = sink.peek(); next != null && isVenueRecord(next.event()); next = sink.peek()) {
            switch (next.event()) {
                case JournalEvent.CancelRequested c -> emit(c, true);
                case JournalEvent.VenueConnectionChanged c -> {
                    ConnectionState state = connectionState(c, next);
                    ConnectionState previous = state == ConnectionState.DISCONNECTED ? ConnectionState.CONNECTED
                            : ConnectionState.DISCONNECTED;
                    connector.onVenueConnection(previous, state, c.reason().isEmpty() ? null : c.reason());
                }
                default -> connector.onVenueOrderEvent(VenueEvents.toOrderEvent(sink.remaining(), instruments::get,
                        requested::get, journal.location()), true);
            }
            checkFailure();
            if (sink.peek() == next) {
                throw new JournalException("journal " + journal.location() + ": recovery diverged at seq " + next.seq()
                        + ": applying the journaled " + next.event() + " did not re-create it");
            }
        }
    }

    private ConnectionState connectionState(JournalEvent.VenueConnectionChanged c, JournalRecord record) {
        try {
            return ConnectionState.valueOf(c.state());
        } catch (IllegalArgumentException e) {
            throw new JournalException("journal " + journal.location() + ": seq " + record.seq()
                    + ": unknown connection state '" + c.state() + "'");
        }
    }

    /** Whether the next request is one the journal holds (so the venue had it): rebuilding and records are left. */
    private boolean replayingVenue() {
        return rebuilding && sink.peek() != null;
    }

    private static boolean isExternal(String trigger) {
        return trigger.equals(KillSwitchTrigger.STALE_MARKET_DATA.name()) || trigger.equals(KillSwitchTrigger.MANUAL.name());
    }

    private void applyConnectionChange(JournalEvent.VenueConnectionChanged c) {
        if (c.state().equals(ConnectionState.DISCONNECTED.name())) {
            // The paper venue reports a simulated loss as "connection lost: <reason>".
            String reason = c.reason().startsWith(PAPER_LOSS_PREFIX) ? c.reason().substring(PAPER_LOSS_PREFIX.length())
                    : c.reason();
            paper.simulateConnectionLoss(reason);
        } else {
            broker.connect();
        }
    }

    /** Runs on {@link #reconciler}: queries the venue without the lock, then journals under it. */
    private void reconcileAfterReconnect() {
        ReconciliationReport report;
        try {
            report = broker.reconcile();
        } catch (RuntimeException e) {
            LOG.error("session {}: reconciliation after the reconnect failed", sessionId, e);
            return;
        }
        synchronized (lock) {
            // Also after a stop: close() waits for this before it closes the journal, and recovery skips these records.
            if (failure != null) {
                return;
            }
            try {
                journalDifferences(report);
            } catch (JournalException e) {
                failure = e;
                LOG.error("session {}: journaling the reconciliation failed", sessionId, e);
            }
        }
    }

    private List<JournalEvent.ReconciliationDifference> journalDifferences(ReconciliationReport report) {
        List<JournalEvent.ReconciliationDifference> differences = new ArrayList<>();
        for (ReconciliationReport.Discrepancy d : report.discrepancies()) {
            String subject = d.clientOrderId().isEmpty() ? d.instrument().id() : d.clientOrderId();
            JournalEvent.ReconciliationDifference e = new JournalEvent.ReconciliationDifference(subject,
                    d.kind() + " local " + d.local(), d.kind() + " venue " + d.venue());
            differences.add(e);
            journal.append(e, clock.now());
            LOG.warn("session {}: reconciliation difference {}", sessionId, e);
        }
        return differences;
    }

    /**
     * Starts deciding on {@code feed}'s bars of every instrument; recovers first if
     * {@link #recover()} was not called. Bars at or before the last journaled bar of an
     * instrument are skipped (a replayed input resumes after the last journaled bar).
     *
     * @throws IllegalStateException if already started
     */
    public void start(MarketDataFeed feed) {
        Checks.notNull(feed, "feed");
        recover();
        synchronized (lock) {
            if (status != Status.RECOVERED) {
                throw new IllegalStateException("session " + sessionId + " is " + status + "; start it once");
            }
            emit(new JournalEvent.SessionStarted(sessionId, venue, bundleId, bundleDigest, limitsDigest,
                    recovery.resumedAfterSeq()), true);
            status = Status.RUNNING;
            lastBarNanos = System.nanoTime();
            feed.connect();
            for (Instrument i : instruments.values()) {
                subscriptions.add(feed.subscribeBars(i, timeFrame, this::onFeedBar));
            }
            if (staleAfter != null) {
                monitor = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "sextant-staleness-" + sessionId);
                    t.setDaemon(true);
                    return t;
                });
                long period = Math.max(1, staleAfter.toMillis() / 4);
                monitor.scheduleAtFixedRate(this::checkStaleness, period, period, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void onFeedBar(Instrument instrument, Bar bar) {
        synchronized (lock) {
            if (status != Status.RUNNING) {
                return;
            }
            Long last = lastBarTime.get(instrument.id());
            if (last != null && bar.time() <= last) {
                return;
            }
            lastBarNanos = System.nanoTime();
            processBar(instrument, bar, nextInputIndex);
            checkFailure();
        }
    }

    private void processBar(Instrument instrument, Bar bar, long inputIndex) {
        long started = System.nanoTime();
        signalNanos = 0;
        brokerNanos = 0;
        cancelReason = "cancel";
        if (clock instanceof SimulatedClock simulated) {
            long close = bar.time() + timeFrame.millis();
            if (close > simulated.millis()) {
                simulated.advanceTo(close);
            }
        }
        emit(new JournalEvent.BarConsumed(instrument.id(), timeFrame.label(), inputIndex, bar.time(), bar.open(),
                bar.high(), bar.low(), bar.close(), bar.volume()), false);
        lastBarTime.put(instrument.id(), bar.time());
        nextInputIndex = inputIndex + 1;
        if (paper != null) {
            paper.onBar(instrument, bar);
        }
        long pipelineStarted = System.nanoTime();
        Decision decision = pipeline.onBar(instrument, bar);
        long pipelineNanos = System.nanoTime() - pipelineStarted;
        checkFailure();
        DecisionAdapter.Described described = DecisionAdapter.describe(decision, limitsDigest, paused);
        described.risk().ifPresent(r -> emit(r, false));
        emit(described.decision(), false);
        decisions++;
        for (SessionComponent c : components) {
            c.onBar(instrument, timeFrame, bar, componentContext);
            checkFailure();
        }
        if (!sink.recovering() && !observers.isEmpty()) {
            observe(SessionObserver.Stage.SIGNAL, signalNanos);
            observe(SessionObserver.Stage.RISK, Math.max(0, pipelineNanos - signalNanos - brokerNanos));
            if (brokerNanos > 0) {
                observe(SessionObserver.Stage.BROKER, brokerNanos);
            }
            observe(SessionObserver.Stage.DECISION, System.nanoTime() - started);
        }
    }

    private void checkStaleness() {
        synchronized (lock) {
            if (status != Status.RUNNING || risk.killSwitch().isTripped()) {
                return;
            }
            long idle = System.nanoTime() - lastBarNanos;
            if (idle > staleAfter.toNanos()) {
                try {
                    applyExternalTrip(KillSwitchTrigger.STALE_MARKET_DATA, "no bar for " + Duration.ofNanos(idle).toMillis()
                            + " ms (limit " + staleAfter.toMillis() + " ms)");
                } catch (RuntimeException e) {
                    LOG.error("session {}: staleness trip failed", sessionId, e);
                }
            }
        }
    }

    /** Stops deciding: bars still update features, risk state and the venue. Journaled first. */
    public void pause(String operator) {
        synchronized (lock) {
            requireRunning();
            applyPause(Checks.notBlank(operator, "operator"), "");
        }
    }

    /** Resumes deciding after {@link #pause}. Journaled first. */
    public void resume(String operator) {
        synchronized (lock) {
            requireRunning();
            applyResume(Checks.notBlank(operator, "operator"), "");
        }
    }

    /** Trips the kill switch by hand ({@code MANUAL}): journaled durably, then working orders are cancelled. */
    public void tripKillSwitch(String operator, String reason) {
        synchronized (lock) {
            requireRunning();
            applyExternalTrip(KillSwitchTrigger.MANUAL, Checks.notBlank(operator, "operator") + ": "
                    + Checks.notBlank(reason, "reason"));
        }
    }

    /** Re-arms the kill switch: journaled durably, then new risk may be taken again. */
    public void rearmKillSwitch(String operator, String reason) {
        synchronized (lock) {
            requireRunning();
            applyRearm(Checks.notBlank(operator, "operator"), Checks.notNull(reason, "reason"));
        }
    }

    /**
     * Replaces the risk limits, effective for the next check: journaled durably first (an
     * {@link JournalEvent.OperatorAction} {@code LIMITS} with the reason, then
     * {@link JournalEvent.LimitsChanged} with the limits' JSON and its SHA-256), then handed to
     * the risk engine ({@link RiskEngine#setLimits}). Later {@link JournalEvent.RiskDecided risk
     * decisions} and session starts name the new digest; recovery applies the change again at
     * the same place in the journal, so the limits survive a restart.
     *
     * @param operator who changes them, not blank
     * @param limits   the new limits
     * @param reason   why, in words (may be empty)
     * @throws IllegalStateException if the session is not running
     */
    public void changeLimits(String operator, RiskLimits limits, String reason) {
        Checks.notBlank(operator, "operator");
        Checks.notNull(limits, "limits");
        Checks.notNull(reason, "reason");
        String json = limits.toJson();
        synchronized (lock) {
            requireRunning();
            emit(new JournalEvent.OperatorAction(operator, LIMITS, reason), true);
            applyLimits(new JournalEvent.LimitsChanged(EventCodec.sha256Hex(json.getBytes(StandardCharsets.UTF_8)), json),
                    "operator " + operator);
        }
    }

    private void applyLimits(JournalEvent.LimitsChanged change, String source) {
        RiskLimits limits;
        try {
            limits = RiskLimits.fromJson(change.limitsJson(), source);
        } catch (InvalidLimitsException e) {
            throw new JournalException(source + ": the journaled limits do not read back: " + e.getMessage(), e);
        }
        emit(change, true);
        risk.setLimits(limits);
        limitsDigest = change.limitsDigest();
        LOG.info("session {}: risk limits changed to {}", sessionId, limitsDigest);
    }

    /** The SHA-256 of the risk limits in force, as journaled (empty when not given to the builder and not changed). */
    public String limitsDigest() {
        synchronized (lock) {
            return limitsDigest;
        }
    }

    /**
     * Stops gracefully: unsubscribes from the feed, journals the stop, applies the working-order
     * policy (cancel requests journaled before they are sent), journals the session's end and
     * commits the journal. Idempotent; a session that never started is just marked stopped.
     */
    public void stop(String reason) {
        Checks.notBlank(reason, "reason");
        synchronized (lock) {
            if (status == Status.STOPPED) {
                return;
            }
            Status was = status;
            status = Status.STOPPED;
            subscriptions.forEach(Subscription::close);
            subscriptions.clear();
            if (monitor != null) {
                monitor.shutdownNow();
            }
            if (was != Status.RUNNING || failure != null) {
                return;
            }
            applyStopOrders("session", policy.name() + ": " + reason);
            emit(new JournalEvent.SessionStopped(sessionId, reason, policy.name()), true);
            LOG.info("session {} stopped ({}); working orders: {}", sessionId, reason, policy);
        }
    }

    private void applyPause(String operator, String detail) {
        emit(new JournalEvent.OperatorAction(operator, PAUSE, detail), true);
        paused = true;
    }

    private void applyResume(String operator, String detail) {
        emit(new JournalEvent.OperatorAction(operator, RESUME, detail), true);
        paused = false;
    }

    private void applyStopOrders(String operator, String detail) {
        emit(new JournalEvent.OperatorAction(operator, STOP, detail), true);
        if (detail.startsWith(WorkingOrderPolicy.CANCEL.name())) {
            cancelReason = "session stop";
            broker.cancelAll();
        }
    }

    private void applyExternalTrip(KillSwitchTrigger trigger, String reason) {
        emit(new JournalEvent.KillSwitchTripped(trigger.name(), reason), true);
        externalKillSwitchChange = true;
        try {
            risk.killSwitch().trip(trigger, reason);
        } finally {
            externalKillSwitchChange = false;
        }
    }

    private void applyRearm(String operator, String reason) {
        emit(new JournalEvent.KillSwitchRearmed(operator, reason), true);
        externalKillSwitchChange = true;
        try {
            risk.killSwitch().rearm(operator);
        } finally {
            externalKillSwitchChange = false;
        }
    }

    private void requireRunning() {
        if (status != Status.RUNNING) {
            throw new IllegalStateException("session " + sessionId + " is " + status + ", not running");
        }
    }

    private JournalRecord emit(JournalEvent event, boolean durable) {
        if (failure != null) {
            throw failure;
        }
        if (rebuilding && !isVenueRecord(event)) {
            // What the venue sent before this event in the journal reached the session before it.
            replayVenueRecords();
        }
        JournalRecord record;
        long started = System.nanoTime();
        try {
            record = sink.emit(event, durable);
        } catch (JournalException e) {
            failure = e;
            throw e;
        }
        if (record != null && !observers.isEmpty()) {
            observe(SessionObserver.Stage.JOURNAL, System.nanoTime() - started);
            for (SessionObserver o : observers) {
                try {
                    o.onRecord(record);
                } catch (RuntimeException e) {
                    LOG.warn("session {}: observer {} failed on seq {}", sessionId, o, record.seq(), e);
                }
            }
        }
        return record;
    }

    /**
     * A drift monitor of one of the session's models alerted while the session decided on a bar:
     * journaled as {@link JournalEvent.DriftAlert} (re-created and compared during recovery, so
     * never duplicated), then handed to the observers, once, when it is appended.
     */
    private void onModelDriftAlert(dev.sextant.trading.models.drift.DriftAlert alert) {
        JournalRecord record = emit(JournalEvent.DriftAlert.of(alert), false);
        if (record == null) {
            return;
        }
        for (SessionObserver o : observers) {
            try {
                o.onDriftAlert(alert);
            } catch (RuntimeException e) {
                LOG.warn("session {}: observer {} failed on drift alert {}", sessionId, o, alert, e);
            }
        }
    }

    private void observe(SessionObserver.Stage stage, long nanos) {
        for (SessionObserver o : observers) {
            try {
                o.onLatency(stage, nanos);
            } catch (RuntimeException e) {
                LOG.warn("session {}: observer {} failed on {} latency", sessionId, o, stage, e);
            }
        }
    }

    private void checkFailure() {
        if (failure != null) {
            status = Status.STOPPED;
            throw failure;
        }
    }

    // ------------------------------------------------------------------ state

    /** The session's id (new for every run; journaled in {@link JournalEvent.SessionStarted}). */
    public String sessionId() {
        return sessionId;
    }

    /** Where the session is in its life cycle. */
    public Status status() {
        synchronized (lock) {
            return status;
        }
    }

    /** Whether the session is paused. */
    public boolean isPaused() {
        synchronized (lock) {
            return paused;
        }
    }

    /** Wall-clock time since the last bar arrived from the feed (since the start before the first one). */
    public Duration sinceLastBar() {
        return Duration.ofNanos(System.nanoTime() - lastBarNanos);
    }

    /** The risk engine (state, kill switch). */
    public RiskEngine risk() {
        return risk;
    }

    /** The journal failure that stopped the session, if any. */
    public java.util.Optional<JournalException> failure() {
        synchronized (lock) {
            return java.util.Optional.ofNullable(failure);
        }
    }

    /**
     * A snapshot: the venue's account, positions and working orders (blocking queries) and the
     * session's counts.
     */
    public SessionState state() {
        long decisionCount;
        long orderCount;
        long fillCount;
        boolean tripped;
        synchronized (lock) {
            decisionCount = decisions;
            orderCount = orders;
            fillCount = fills;
            tripped = risk.killSwitch().isTripped();
        }
        // The venue is queried without the lock: its events are delivered under the lock.
        AccountSnapshot account = connector.account();
        Map<String, Double> positions = new HashMap<>();
        for (Position p : connector.positions()) {
            if (p.quantity() != 0) {
                positions.put(p.instrument().id(), p.quantity());
            }
        }
        List<String> open = connector.openOrders().stream().map(Order::clientOrderId).toList();
        return new SessionState(account.cash(), account.equity(), positions, open, decisionCount, orderCount, fillCount,
                tripped);
    }

    /** Stops the session if running ({@link #stop}) and closes the journal. The connector and feed stay the caller's. */
    @Override
    public void close() {
        try {
            stop("close");
        } finally {
            reconciler.shutdown();
            try {
                if (!reconciler.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("session {}: a reconciliation still waits on the venue; closing the journal", sessionId);
                    reconciler.shutdownNow();
                }
            } catch (InterruptedException e) {
                reconciler.shutdownNow();
                Thread.currentThread().interrupt();
            }
            synchronized (lock) {
                journalClosed = true;
                journal.close();
            }
        }
    }

    // ------------------------------------------------------------------ journaling wrappers

    /** What a {@link SessionComponent} sees: the session's journal (under the session's lock) and its clock. */
    private final class ComponentContext implements SessionComponent.Context {
        @Override
        public void journal(JournalEvent event, boolean durable) {
            emit(Checks.notNull(event, "event"), durable);
        }

        @Override
        public boolean recovering() {
            return sink.recovering();
        }

        @Override
        public java.time.Instant now() {
            return clock.now();
        }

        @Override
        public java.util.Optional<JournalEvent> nextJournaled() {
            JournalRecord next = sink.recovering() ? sink.peek() : null;
            return next == null ? java.util.Optional.empty() : java.util.Optional.of(next.event());
        }
    }

    /** The signal source seen by the pipeline: journals each signal; gives no prediction while paused. */
    private final class JournalingSignals implements SignalSource {
        private final SignalSource delegate;

        JournalingSignals(SignalSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public SignalResult onBar(Instrument instrument, TimeFrame frame, Bar bar) {
            // The delegate always sees the bar, so its features stay warm while paused.
            long started = System.nanoTime();
            SignalResult result;
            try {
                result = delegate.onBar(instrument, frame, bar);
            } finally {
                signalNanos += System.nanoTime() - started;
            }
            if (paused && result instanceof SignalResult.OutOfDistribution) {
                return SignalResult.noPrediction();
            }
            if (!(result instanceof SignalResult.Ready ready)) {
                return result;
            }
            if (paused) {
                return SignalResult.noPrediction();
            }
            Signal s = ready.signal();
            try {
                String featureDigest = delegate.lastModelInput(instrument).map(EventCodec::featureDigest).orElse("");
                emit(new JournalEvent.SignalGenerated(instrument.id(), s.time(), s.direction().name(),
                        s.probabilities().sell(), s.probabilities().hold(), s.probabilities().buy(), s.confidence(),
                        s.modelId(), s.modelVersion(), bundleDigest, featureDigest), false);
            } catch (JournalException e) {
                // The pipeline would count this as a model failure; processBar rethrows it instead.
                return SignalResult.noPrediction();
            }
            return result;
        }

        @Override
        public java.util.Optional<float[]> lastModelInput(Instrument instrument) {
            return delegate.lastModelInput(instrument);
        }
    }

    /**
     * The connector seen by the broker session: write-ahead for requests, journals venue events.
     * Recovering against a real venue, it sends nothing the journal holds (the venue had it) and
     * holds the venue's own events until the rebuild is done; a venue event already in the
     * journal (a venue that sends again what a restarted client may have missed) is dropped.
     */
    private final class JournalingConnector implements BrokerConnector {
        private final BrokerConnector delegate;
        private final List<BrokerListener> listeners = new CopyOnWriteArrayList<>();
        private boolean venueDown;
        /** Events of the venue that arrived while rebuilding, in arrival order; guarded by itself. */
        private final List<Runnable> held = new ArrayList<>();
        private boolean holding;
        // Guarded by lock: what the journal already holds, so that a venue's re-sent event is applied once.
        private final Set<String> journaledExecutions = new HashSet<>();
        private final Set<String> journaledVenueEvents = new HashSet<>();

        JournalingConnector(BrokerConnector delegate) {
            this.delegate = delegate;
            delegate.addListener(new BrokerListener() {
                @Override
                public void onOrderEvent(OrderEvent event) {
                    if (!hold(() -> onVenueOrderEvent(event, false))) {
                        synchronized (lock) {
                            if (!journalClosed) {
                                onVenueOrderEvent(event, false);
                            }
                        }
                    }
                }

                @Override
                public void onConnectionStateChanged(ConnectionState previous, ConnectionState current, String reason) {
                    if (!hold(() -> onVenueConnection(previous, current, reason))) {
                        synchronized (lock) {
                            if (!journalClosed) {
                                onVenueConnection(previous, current, reason);
                            }
                        }
                    }
                }
            });
        }

        private boolean hold(Runnable delivery) {
            synchronized (held) {
                if (holding) {
                    held.add(delivery);
                }
                return holding;
            }
        }

        /** From now on the venue's events wait (without blocking the venue's thread) until {@link #releaseHeldVenueEvents}. */
        void holdVenueEvents() {
            synchronized (held) {
                holding = true;
            }
        }

        /** Under the lock: applies ({@code apply}) or drops the held events, then stops holding. */
        void releaseHeldVenueEvents(boolean apply) {
            try {
                while (true) {
                    List<Runnable> batch;
                    synchronized (held) {
                        if (held.isEmpty()) {
                            holding = false;
                            return;
                        }
                        batch = new ArrayList<>(held);
                        held.clear();
                    }
                    if (apply) {
                        batch.forEach(Runnable::run);
                    }
                }
            } finally {
                synchronized (held) {
                    holding = false;
                    held.clear();
                }
            }
        }

        /** Under the lock: journals {@code event} and passes it on; {@code replayed}: applied from the journal. */
        void onVenueOrderEvent(OrderEvent event, boolean replayed) {
            List<JournalEvent> described = VenueEvents.describe(event);
            if (!replayed && alreadyJournaled(described.getFirst())) {
                LOG.debug("session {}: the venue sent {} again; already journaled, dropped", sessionId, event);
                return;
            }
            for (JournalEvent e : described) {
                emit(e, false);
                switch (e) {
                    case JournalEvent.FillReceived f -> {
                        journaledExecutions.add(f.executionId());
                        fills++;
                    }
                    case JournalEvent.VenueEventReceived v -> journaledVenueEvents.add(v.clientOrderId() + '|' + v.kind());
                    default -> {
                    }
                }
            }
            listeners.forEach(l -> l.onOrderEvent(event));
        }

        /** A fill whose execution id, or an order's once-only event (all but a rejected cancel), already journaled. */
        private boolean alreadyJournaled(JournalEvent first) {
            return switch (first) {
                case JournalEvent.FillReceived f -> journaledExecutions.contains(f.executionId());
                case JournalEvent.VenueEventReceived v -> !v.kind().equals(VenueEvents.CANCEL_REJECTED)
                        && journaledVenueEvents.contains(v.clientOrderId() + '|' + v.kind());
                default -> false;
            };
        }

        /** Under the lock: a disconnect trips the kill switch (journaled first); a reconnect is reconciled. */
        void onVenueConnection(ConnectionState previous, ConnectionState current, String reason) {
            boolean reconnected = current == ConnectionState.CONNECTED && venueDown;
            if (current == ConnectionState.DISCONNECTED && previous == ConnectionState.CONNECTED) {
                venueDown = true;
                emit(new JournalEvent.VenueConnectionChanged(current.name(), reason == null ? "" : reason), true);
            } else if (reconnected) {
                venueDown = false;
                emit(new JournalEvent.VenueConnectionChanged(current.name(), reason == null ? "" : reason), true);
            }
            listeners.forEach(l -> l.onConnectionStateChanged(previous, current, reason));
            if (reconnected && sink != null && !sink.recovering()) {
                reconciler.execute(TradingSession.this::reconcileAfterReconnect);
            }
        }

        private JournalEvent.OrderRequested requestEvent(OrderRequest r) {
            return new JournalEvent.OrderRequested(r.clientOrderId(), r.instrument().id(), r.side().name(), r.type().name(),
                    r.quantity(), Double.isNaN(r.limitPrice()) ? null : r.limitPrice(),
                    Double.isNaN(r.stopPrice()) ? null : r.stopPrice(), r.timeInForce().name());
        }

        @Override
        public String venue() {
            return delegate.venue();
        }

        @Override
        public void addListener(BrokerListener listener) {
            if (!listeners.contains(listener)) {
                listeners.add(listener);
            }
        }

        @Override
        public void removeListener(BrokerListener listener) {
            listeners.remove(listener);
        }

        @Override
        public void connect() {
            delegate.connect();
        }

        @Override
        public void disconnect() {
            delegate.disconnect();
        }

        @Override
        public ConnectionState connectionState() {
            return delegate.connectionState();
        }

        @Override
        public void submit(OrderRequest request) {
            synchronized (lock) {
                if (rebuilding) {
                    replayVenueRecords();
                }
                if (replayingVenue()) {
                    // The journal holds this request, so the venue had it (reconciliation tells if the crash came first).
                    emit(requestEvent(request), true);
                    orders++;
                    requested.put(request.clientOrderId(), request);
                    replayVenueRecords();
                    java.util.Optional<RuntimeException> refused = VenueEvents.refusal(sink.remaining(),
                            request.clientOrderId());
                    if (refused.isPresent()) {
                        throw refused.get();
                    }
                    return;
                }
                emit(requestEvent(request), true);
                orders++;
                long started = System.nanoTime();
                try {
                    delegate.submit(request);
                } finally {
                    brokerNanos += System.nanoTime() - started;
                }
            }
        }

        @Override
        public void cancel(String clientOrderId) {
            synchronized (lock) {
                if (rebuilding) {
                    replayVenueRecords();
                }
                JournalEvent.CancelRequested event = new JournalEvent.CancelRequested(clientOrderId, cancelReason);
                if (replayingVenue()) {
                    emit(event, true);
                    replayVenueRecords();
                    return;
                }
                emit(event, true);
                delegate.cancel(clientOrderId);
            }
        }

        @Override
        public void replace(String clientOrderId, OrderRequest replacement) {
            synchronized (lock) {
                if (rebuilding) {
                    replayVenueRecords();
                }
                boolean replaying = replayingVenue();
                emit(new JournalEvent.CancelRequested(clientOrderId, "replaced by " + replacement.clientOrderId()), true);
                emit(requestEvent(replacement), true);
                orders++;
                if (replaying) {
                    requested.put(replacement.clientOrderId(), replacement);
                    replayVenueRecords();
                    return;
                }
                delegate.replace(clientOrderId, replacement);
            }
        }

        @Override
        public List<Order> openOrders() {
            synchronized (lock) {
                if (replayingVenue()) {
                    // Rebuilding: the venue's orders of now are not those of the journaled moment.
                    return List.of();
                }
            }
            return delegate.openOrders();
        }

        @Override
        public List<Position> positions() {
            return delegate.positions();
        }

        @Override
        public AccountSnapshot account() {
            return delegate.account();
        }

        @Override
        public void close() {
            // The caller owns the venue connector.
        }
    }

    // ------------------------------------------------------------------ builder

    /** Hands a monitor's alerts to the session its builder built (alerts arrive on the session's thread). */
    private static final class DriftRelay implements dev.sextant.trading.models.drift.DriftListener {
        private volatile TradingSession session;

        @Override
        public void onAlert(dev.sextant.trading.models.drift.DriftAlert alert) {
            TradingSession s = session;
            if (s == null) {
                throw new IllegalStateException("a drift alert arrived before the session was built: " + alert);
            }
            s.onModelDriftAlert(alert);
        }
    }

    /** Builder of {@link TradingSession}; not thread-safe. */
    public static final class Builder {
        private Journal journal;
        private Clock clock;
        private TimeFrame timeFrame;
        private final List<Instrument> instruments = new ArrayList<>();
        private SignalSource signals;
        private RiskEngine risk;
        private PositionSizer sizer;
        private BrokerConnector connector;
        private PaperBroker paper;
        private WorkingOrderPolicy policy = WorkingOrderPolicy.CANCEL;
        private Duration staleAfter;
        private double expectedMove = 0.001;
        private String sessionId;
        private String bundleId = "";
        private String bundleDigest = "";
        private String limitsDigest = "";
        private final List<SessionObserver> observers = new ArrayList<>();
        private final List<SessionComponent> components = new ArrayList<>();
        private final DriftRelay relay = new DriftRelay();

        private Builder() {
        }

        /**
         * Adds a component called after each bar's decision (shadow challengers, scheduled
         * retraining, a rollback policy); see {@link SessionComponent}.
         */
        public Builder component(SessionComponent value) {
            components.add(Checks.notNull(value, "component"));
            return this;
        }

        /** Adds an observer (metrics, alerts); see {@link SessionObserver}. */
        public Builder observer(SessionObserver value) {
            observers.add(Checks.notNull(value, "observer"));
            return this;
        }

        /**
         * A drift listener for the {@link dev.sextant.trading.engine.DriftGuard} of the session's
         * {@link dev.sextant.trading.engine.ModelSignalSource} (or of its shadow models): every alert
         * is journaled as a {@link JournalEvent.DriftAlert} on the session's thread while it decides
         * on the bar, and then handed to the observers ({@link SessionObserver#onRecord}, then
         * {@link SessionObserver#onDriftAlert}). During recovery the alerts are re-created from the
         * journaled bars and compared with the journal, not appended again nor observed again. Use
         * the listener only in the session built by this builder.
         */
        public dev.sextant.trading.models.drift.DriftListener driftListener() {
            return relay;
        }

        /** The journal (required); the session closes it. */
        public Builder journal(Journal value) {
            this.journal = Checks.notNull(value, "journal");
            return this;
        }

        /** The session clock (required): a {@link SimulatedClock} in a replay, advanced to each bar's close. */
        public Builder clock(Clock value) {
            this.clock = Checks.notNull(value, "clock");
            return this;
        }

        /** The bar time frame (required). */
        public Builder timeFrame(TimeFrame value) {
            this.timeFrame = Checks.notNull(value, "timeFrame");
            return this;
        }

        /** Adds an instrument to trade (at least one). */
        public Builder instrument(Instrument value) {
            instruments.add(Checks.notNull(value, "instrument"));
            return this;
        }

        /** The signal source (required), fresh: recovery warms it up from the journaled bars. */
        public Builder signals(SignalSource value) {
            this.signals = Checks.notNull(value, "signals");
            return this;
        }

        /** The risk engine (required), fresh and on the session clock: recovery rebuilds its state. */
        public Builder risk(RiskEngine value) {
            this.risk = Checks.notNull(value, "risk");
            return this;
        }

        /** The position sizer (required). */
        public Builder sizer(PositionSizer value) {
            this.sizer = Checks.notNull(value, "sizer");
            return this;
        }

        /** The venue (this or {@link #paperVenue} required). */
        public Builder connector(BrokerConnector value) {
            this.connector = Checks.notNull(value, "connector");
            this.paper = null;
            return this;
        }

        /**
         * A fresh paper venue on the session clock: the session feeds it each bar before deciding
         * and rebuilds it from the journal on recovery. Give it no latency jitter: a jitter draws
         * from a random sequence, so it is deterministic only when replayed from the first bar,
         * which recovery does.
         */
        public Builder paperVenue(PaperBroker value) {
            this.paper = Checks.notNull(value, "paperVenue");
            this.connector = value;
            return this;
        }

        /** What {@link TradingSession#stop} does with working orders (default {@link WorkingOrderPolicy#CANCEL}). */
        public Builder workingOrderPolicy(WorkingOrderPolicy value) {
            this.policy = Checks.notNull(value, "workingOrderPolicy");
            return this;
        }

        /** Trip the kill switch when no bar arrives for this long, wall clock (default: never). */
        public Builder staleAfter(Duration value) {
            Checks.notNull(value, "staleAfter");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("staleAfter must be positive but was " + value);
            }
            this.staleAfter = value;
            return this;
        }

        /** The sizer's minimum expected move (see {@link TradingPipeline.Builder#expectedMove}). */
        public Builder expectedMove(double value) {
            this.expectedMove = Checks.positive(value, "expectedMove");
            return this;
        }

        /** The id of this run (default: a random UUID). */
        public Builder sessionId(String value) {
            this.sessionId = Checks.notBlank(value, "sessionId");
            return this;
        }

        /** The model bundle's id and version and its SHA-256, for the journal (default: empty). */
        public Builder bundle(String id, String digest) {
            this.bundleId = Checks.notNull(id, "bundleId");
            this.bundleDigest = Checks.notNull(digest, "bundleDigest");
            return this;
        }

        /** SHA-256 of the risk limits in force, for the journal (default: empty). */
        public Builder limitsDigest(String value) {
            this.limitsDigest = Checks.notNull(value, "limitsDigest");
            return this;
        }

        /** Builds the session and its pipeline; nothing is read or sent until {@link #recover()}. */
        public TradingSession build() {
            TradingSession session = new TradingSession(this);
            relay.session = session;
            return session;
        }
    }
}

package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.AccountSnapshot;
import dev.sextant.trading.broker.BrokerConnector;
import dev.sextant.trading.broker.BrokerListener;
import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.broker.OrderEvent;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Order;
import dev.sextant.trading.core.OrderRequest;
import dev.sextant.trading.core.Position;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import dev.sextant.trading.core.CostModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TradingSessionTest {
    private static final int BARS = 300;
    private static final BarSeries SERIES = SessionRig.bars(BARS);
    /** A large group, so that a crash loses the buffered tail and recovery must re-create it. */
    private static final JournalOptions OPTIONS = JournalOptions.defaults().withGroupSize(10_000);

    @TempDir
    Path dir;

    private SessionState runUninterrupted(Path journal) {
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            assertEquals(BARS, rig.feed.deliver(Integer.MAX_VALUE));
            return rig.session.state();
        }
    }

    @Test
    void firstDecisionAfterARestartEqualsTheUninterruptedOne() throws Exception {
        Path straight = dir.resolve("straight.db");
        SessionState expected = runUninterrupted(straight);
        List<JournalEvent> expectedDecisions = SessionRig.events(straight, JournalEvent.DecisionMade.class);
        List<JournalEvent> expectedFills = SessionRig.events(straight, JournalEvent.FillReceived.class);
        assertTrue(expected.fills() > 20, "the momentum rig trades: " + expected);

        Path crashed = dir.resolve("crashed.db");
        int[] crashes = {17, 95, 96, 211};
        Path live = dir.resolve("live.db");
        int delivered = 0;
        for (int crashAt : crashes) {
            SessionRig rig = new SessionRig(live, SERIES, 0, 0.2, OPTIONS);
            Recovery recovery = rig.session.recover();
            assertEquals(delivered, recovery.nextInputIndex(), "resumes after the last journaled bar");
            rig.session.start(rig.feed);
            rig.feed.deliver(delivered);  // already journaled: skipped by the session
            rig.feed.deliver(crashAt - delivered);
            delivered = crashAt;
            // A crash now: only what is committed survives; the rig is abandoned without stop or flush.
            SessionRig.crashCopy(live, crashed);
            rig.feed.stop();
            live = dir.resolve("live-" + crashAt + ".db");
            SessionRig.crashCopy(crashed, live);
        }
        SessionState finalState;
        try (SessionRig rig = new SessionRig(live, SERIES, crashes[crashes.length - 1], 0.2, OPTIONS)) {
            Recovery last = rig.session.recover();
            assertTrue(last.appendedRecords() > 0, "the crash lost buffered records that recovery re-created: " + last);
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
            finalState = rig.session.state();
        }
        List<JournalEvent> decisions = SessionRig.events(live, JournalEvent.DecisionMade.class);
        assertEquals(expectedDecisions.get(crashes[crashes.length - 1]), decisions.get(crashes[crashes.length - 1]),
                "the first decision after the last restart");
        assertEquals(expectedDecisions, decisions);
        assertEquals(expectedFills, SessionRig.events(live, JournalEvent.FillReceived.class), "no fill lost or doubled");
        assertEquals(expected, finalState);
        try (JournalStore store = JournalStores.sqlite(live)) {
            assertInstanceOf(AuditVerification.Intact.class, AuditTrail.verify(store));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void outOfDistributionBarsAreJournaledAndDriftAlertsReachTheObservers() {
        List<dev.sextant.trading.models.drift.DriftAlert> seen = new ArrayList<>();
        Path journal = dir.resolve("ood.db");
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS, b -> {
            b.observer(new SessionObserver() {
                @Override
                public void onDriftAlert(dev.sextant.trading.models.drift.DriftAlert alert) {
                    seen.add(alert);
                }
            });
            dev.sextant.trading.models.drift.DriftListener alerts = b.driftListener();
            SessionRig.Momentum momentum = new SessionRig.Momentum(SERIES.timeFrame());
            int[] bar = {0};
            b.signals((instrument, frame, next) -> {
                dev.sextant.trading.engine.SignalResult r = momentum.onBar(instrument, frame, next);
                if (++bar[0] % 10 == 0 && r instanceof dev.sextant.trading.engine.SignalResult.Ready ready) {
                    alerts.onAlert(new dev.sextant.trading.models.drift.DriftAlert.FeatureDrift(instrument.id(),
                            ready.signal().time(), "rsi_14", dev.sextant.trading.models.drift.Detector.PSI, 0.4, 0.25));
                    return new dev.sextant.trading.engine.SignalResult.OutOfDistribution(ready.signal(), 5.0, 3.0);
                }
                return r;
            });
        })) {
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        List<JournalEvent.DecisionMade> held = SessionRig.events(journal, JournalEvent.DecisionMade.class).stream()
                .map(JournalEvent.DecisionMade.class::cast).filter(d -> d.outcome().equals("OUT_OF_DISTRIBUTION")).toList();
        assertEquals(BARS / 10, held.size());
        assertEquals("distance 5.0 above threshold 3.0", held.get(0).note());
        assertEquals(BARS / 10, seen.size());
        assertEquals("rsi_14", ((dev.sextant.trading.models.drift.DriftAlert.FeatureDrift) seen.get(0)).feature());
    }

    @Test
    void recoveryRebuildsTheRiskStateAndTheKillSwitch() throws Exception {
        Path journal = dir.resolve("j.db");
        RiskSnapshotPair pair;
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            rig.feed.deliver(120);
            rig.session.tripKillSwitch("alice", "news");
            rig.feed.deliver(10);
            pair = new RiskSnapshotPair(rig.session.risk().snapshot().toString(), rig.session.state());
        }
        try (SessionRig rig = new SessionRig(journal, SERIES, 130, 0.2, OPTIONS)) {
            rig.session.recover();
            assertTrue(rig.session.risk().killSwitch().isTripped(), "the kill switch stays tripped after a restart");
            assertEquals(pair.risk(), rig.session.risk().snapshot().toString());
            SessionState recovered = rig.session.state();
            assertEquals(pair.state().cash(), recovered.cash());
            assertEquals(pair.state().positions(), recovered.positions());
            assertEquals(pair.state().fills(), recovered.fills());
        }
    }

    private record RiskSnapshotPair(String risk, SessionState state) {
    }

    @Test
    void journalsAnOrderRequestDurablyBeforeTheVenueSeesIt() {
        Path journal = dir.resolve("j.db");
        List<Long> committedAtSubmit = new ArrayList<>();
        BrokerConnector probe = new AcceptingVenue() {
            @Override
            public void submit(OrderRequest request) {
                try (JournalStore store = JournalStores.sqlite(journal)) {
                    long[] found = {0};
                    store.scan(1, row -> {
                        if (row.payload().contains("\"type\":\"OrderRequested\"")
                                && row.payload().contains("\"clientOrderId\":\"" + request.clientOrderId() + "\"")) {
                            found[0] = row.seq();
                        }
                    });
                    committedAtSubmit.add(found[0]);
                }
                super.submit(request);
            }
        };
        SimulatedClock clock = new SimulatedClock(SERIES.bar(0).time());
        CostModel costs = CostModel.ofBps(2, 1);
        TradingSession session = TradingSession.builder().journal(Journal.open(JournalStores.sqlite(journal), OPTIONS))
                .clock(clock).timeFrame(SERIES.timeFrame()).instrument(SessionRig.BTC)
                .signals(new SessionRig.Momentum(SERIES.timeFrame()))
                .risk(RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(SessionRig.CASH).build())
                .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.2), 0, true), costs))
                .connector(probe).build();
        ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, SERIES.timeFrame(), barsOf(SERIES, 0, 60), ReplayBarFeed.MAX_SPEED);
        session.start(feed);
        feed.deliver(60);
        session.close();
        assertFalse(committedAtSubmit.isEmpty(), "the session sent orders");
        assertTrue(committedAtSubmit.stream().allMatch(seq -> seq > 0),
                "every request was committed before submit: " + committedAtSubmit);
    }

    private static List<dev.sextant.trading.core.Bar> barsOf(BarSeries s, int from, int to) {
        List<dev.sextant.trading.core.Bar> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(s.bar(i));
        }
        return out;
    }

    @Test
    void staleMarketDataTripsTheKillSwitch() throws Exception {
        Path journal = dir.resolve("j.db");
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS,
                b -> b.staleAfter(Duration.ofMillis(50)))) {
            rig.session.start(rig.feed);
            rig.feed.deliver(5);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!rig.session.risk().killSwitch().isTripped() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(rig.session.risk().killSwitch().isTripped());
        }
        List<JournalEvent> trips = SessionRig.events(journal, JournalEvent.KillSwitchTripped.class);
        assertEquals("STALE_MARKET_DATA", ((JournalEvent.KillSwitchTripped) trips.getFirst()).trigger());
    }

    @Test
    void venueDisconnectTripsTheKillSwitchAndARestartKeepsItTripped() {
        Path journal = dir.resolve("j.db");
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            rig.feed.deliver(50);
            rig.paper.simulateConnectionLoss("heartbeat timeout");
            assertTrue(rig.session.risk().killSwitch().isTripped());
            rig.paper.connect();
            rig.feed.deliver(10);
        }
        List<JournalEvent> changes = SessionRig.events(journal, JournalEvent.VenueConnectionChanged.class);
        assertEquals(List.of("DISCONNECTED", "CONNECTED"),
                changes.stream().map(e -> ((JournalEvent.VenueConnectionChanged) e).state()).toList());
        assertTrue(((JournalEvent.VenueConnectionChanged) changes.getFirst()).reason().contains("heartbeat timeout"));
        assertEquals("BROKER_DISCONNECT",
                ((JournalEvent.KillSwitchTripped) SessionRig.events(journal, JournalEvent.KillSwitchTripped.class).getFirst())
                        .trigger());
        try (SessionRig rig = new SessionRig(journal, SERIES, 60, 0.2, OPTIONS)) {
            rig.session.recover();
            assertTrue(rig.session.risk().killSwitch().isTripped());
        }
    }

    @Test
    void pauseStopsDecidingButKeepsTheFeaturesWarm() {
        Path paused = dir.resolve("paused.db");
        try (SessionRig rig = new SessionRig(paused, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            rig.feed.deliver(40);
            rig.session.pause("alice");
            rig.feed.deliver(20);
            rig.session.resume("alice");
            rig.feed.deliver(1);
        }
        List<JournalEvent.DecisionMade> decisions = SessionRig.events(paused, JournalEvent.DecisionMade.class).stream()
                .map(JournalEvent.DecisionMade.class::cast).toList();
        assertTrue(decisions.subList(40, 60).stream().allMatch(d -> d.outcome().equals("PAUSED")));
        assertFalse(decisions.get(60).outcome().equals("WARMING_UP"), "features stayed warm: " + decisions.get(60));
        Path straight = dir.resolve("straight.db");
        runUninterrupted(straight);
        List<JournalEvent> straightSignals = SessionRig.events(straight, JournalEvent.SignalGenerated.class);
        List<JournalEvent> pausedSignals = SessionRig.events(paused, JournalEvent.SignalGenerated.class);
        Instant firstAfterResume = decisions.get(60).barClose();
        assertEquals(straightSignals.stream().filter(s -> ((JournalEvent.SignalGenerated) s).barClose().equals(firstAfterResume))
                .toList(), pausedSignals.subList(pausedSignals.size() - 1, pausedSignals.size()));
    }

    @Test
    void stopCancelsWorkingOrdersJournalsTheStopAndAllowsARestart() {
        Path journal = dir.resolve("j.db");
        String stoppedSession;
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            rig.feed.deliver(80);
            rig.session.stop("operator");
            stoppedSession = rig.session.sessionId();
            assertEquals(TradingSession.Status.STOPPED, rig.session.status());
        }
        List<JournalEvent> stops = SessionRig.events(journal, JournalEvent.SessionStopped.class);
        assertEquals(List.of(new JournalEvent.SessionStopped(stoppedSession, "operator", "CANCEL")), stops);
        try (SessionRig rig = new SessionRig(journal, SERIES, 80, 0.2, OPTIONS)) {
            Recovery r = rig.session.recover();
            assertEquals(80, r.nextInputIndex());
            assertEquals(0, r.appendedRecords(), "a graceful stop left nothing to re-create");
            rig.session.start(rig.feed);
            assertEquals(10, rig.feed.deliver(10));
        }
        try (JournalStore store = JournalStores.sqlite(journal)) {
            assertInstanceOf(AuditVerification.Intact.class, AuditTrail.verify(store));
        }
    }

    @Test
    void recoveryRefusesAJournalThatTheConfigurationDoesNotReproduce() {
        Path journal = dir.resolve("j.db");
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            rig.feed.deliver(100);
        }
        try (SessionRig rig = new SessionRig(journal, SERIES, 100, 0.02, OPTIONS)) {
            JournalException e = assertThrows(JournalException.class, rig.session::recover);
            assertTrue(e.getMessage().contains("recovery diverged at seq"), e.getMessage());
        }
    }

    @Test
    @Timeout(60)
    void stateQueriesTheVenueWithoutHoldingTheSessionLock() {
        DispatchingVenue venue = new DispatchingVenue();
        try (TradingSession session = probeSession(dir.resolve("j.db"), venue)) {
            session.recover();
            venue.armed = true;
            SessionState state = session.state();
            assertEquals(java.util.Map.of(SessionRig.BTC.id(), 1.0), state.positions());
            assertTrue(venue.dispatched > 0, "the venue delivered events while it was queried");
        }
    }

    @Test
    @Timeout(60)
    void aReconnectIsReconciledOffTheListenerThreadAndTheDifferencesJournaled() {
        Path journal = dir.resolve("j.db");
        DispatchingVenue venue = new DispatchingVenue();
        try (TradingSession session = probeSession(journal, venue)) {
            session.start(new ReplayBarFeed(SessionRig.BTC, SERIES.timeFrame(), barsOf(SERIES, 0, 5), ReplayBarFeed.MAX_SPEED));
            venue.changeState(ConnectionState.DISCONNECTED, "heartbeat timeout");
            venue.armed = true;
            venue.changeState(ConnectionState.CONNECTED, "logon");
            assertTrue(venue.reconciled.await(30, TimeUnit.SECONDS), "the reconnect was reconciled");
            venue.armed = false;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertFalse(venue.queriedOn.isEmpty(), "the reconnect was reconciled");
        assertTrue(venue.queriedOn.stream().allMatch(n -> n.startsWith("sextant-reconcile-")), venue.queriedOn.toString());
        List<JournalEvent> differences = SessionRig.events(journal, JournalEvent.ReconciliationDifference.class);
        assertTrue(differences.stream().anyMatch(d -> ((JournalEvent.ReconciliationDifference) d).subject()
                .equals(SessionRig.BTC.id())), "the venue's unknown position was journaled: " + differences);
    }

    @Test
    void aJournalIsNotResumedAgainstARealVenueSoNoJournaledOrderIsSentTwice() {
        Path journal = dir.resolve("j.db");
        try (TradingSession first = probeSession(journal, new AcceptingVenue())) {
            ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, SERIES.timeFrame(), barsOf(SERIES, 0, 60),
                    ReplayBarFeed.MAX_SPEED);
            first.start(feed);
            feed.deliver(60);
        }
        assertFalse(SessionRig.events(journal, JournalEvent.OrderRequested.class).isEmpty(),
                "the first run journaled orders that a resumed run could send again");
        List<OrderRequest> sent = new ArrayList<>();
        BrokerConnector venue = new AcceptingVenue() {
            @Override
            public void submit(OrderRequest request) {
                sent.add(request);
                super.submit(request);
            }
        };
        try (TradingSession second = probeSession(journal, venue)) {
            JournalException e = assertThrows(JournalException.class, second::recover);
            assertTrue(e.getMessage().contains("resuming needs the paper venue"), e.getMessage());
        }
        assertTrue(sent.isEmpty(), "nothing was sent to the venue: " + sent);
    }

    private static TradingSession probeSession(Path journal, BrokerConnector venue) {
        SimulatedClock clock = new SimulatedClock(SERIES.bar(0).time());
        return TradingSession.builder().journal(Journal.open(JournalStores.sqlite(journal), OPTIONS))
                .clock(clock).timeFrame(SERIES.timeFrame()).instrument(SessionRig.BTC)
                .signals(new SessionRig.Momentum(SERIES.timeFrame()))
                .risk(RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(SessionRig.CASH).build())
                .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.2), 0, true),
                        CostModel.ofBps(2, 1)))
                .connector(venue).build();
    }

    /**
     * Once armed, a venue like the FIX connector: a query waits for an event that its dispatch
     * thread delivers meanwhile, and fails if that delivery stalls; it holds one position.
     */
    private static final class DispatchingVenue extends AcceptingVenue {
        volatile boolean armed;
        volatile int dispatched;
        final List<String> queriedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.concurrent.CountDownLatch reconciled = new java.util.concurrent.CountDownLatch(1);
        private final List<BrokerListener> all = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void addListener(BrokerListener listener) {
            super.addListener(listener);
            all.add(listener);
        }

        void changeState(ConnectionState next, String reason) {
            ConnectionState previous = connectionState();
            if (next == ConnectionState.CONNECTED) {
                connect();
            } else {
                disconnect();
            }
            all.forEach(l -> l.onConnectionStateChanged(previous, next, reason));
        }

        private void dispatchWhileQueried() {
            if (!armed) {
                return;
            }
            queriedOn.add(Thread.currentThread().getName());
            Thread dispatch = new Thread(() -> all.forEach(l -> l.onConnectionStateChanged(ConnectionState.CONNECTED,
                    ConnectionState.CONNECTED, "heartbeat")), "probe-dispatch");
            dispatch.start();
            try {
                dispatch.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (dispatch.isAlive()) {
                throw new IllegalStateException("the venue's dispatch thread stalled while the venue was queried");
            }
            dispatched++;
        }

        @Override
        public List<Order> openOrders() {
            dispatchWhileQueried();
            return List.of();
        }

        @Override
        public List<Position> positions() {
            dispatchWhileQueried();
            if (!armed) {
                return List.of();
            }
            reconciled.countDown();
            return List.of(new Position(SessionRig.BTC, 1.0, 100.0, 0.0));
        }
    }

    /** A venue that accepts every order and never fills. */
    private static class AcceptingVenue implements BrokerConnector {
        private final List<BrokerListener> listeners = new ArrayList<>();
        private ConnectionState state = ConnectionState.DISCONNECTED;

        @Override
        public String venue() {
            return "probe";
        }

        @Override
        public void addListener(BrokerListener listener) {
            listeners.add(listener);
        }

        @Override
        public void removeListener(BrokerListener listener) {
            listeners.remove(listener);
        }

        @Override
        public void connect() {
            state = ConnectionState.CONNECTED;
        }

        @Override
        public void disconnect() {
            state = ConnectionState.DISCONNECTED;
        }

        @Override
        public ConnectionState connectionState() {
            return state;
        }

        @Override
        public void submit(OrderRequest request) {
            listeners.forEach(l -> l.onOrderEvent(new OrderEvent.Accepted(request.clientOrderId(), "V-" + request.clientOrderId(),
                    Instant.EPOCH)));
        }

        @Override
        public void cancel(String clientOrderId) {
            listeners.forEach(l -> l.onOrderEvent(new OrderEvent.Canceled(clientOrderId, Instant.EPOCH)));
        }

        @Override
        public void replace(String clientOrderId, OrderRequest replacement) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public List<Order> openOrders() {
            return List.of();
        }

        @Override
        public List<Position> positions() {
            return List.of();
        }

        @Override
        public AccountSnapshot account() {
            return new AccountSnapshot("USD", SessionRig.CASH, SessionRig.CASH, SessionRig.CASH, Instant.EPOCH);
        }
    }
}

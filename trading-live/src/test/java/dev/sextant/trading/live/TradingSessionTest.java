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
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.Clock;
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
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.TimeFrame;
import dev.sextant.trading.engine.SignalResult;
import dev.sextant.trading.engine.SignalSource;
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
        List<JournalEvent> journaled = SessionRig.events(journal, JournalEvent.DriftAlert.class);
        assertEquals(BARS / 10, journaled.size(), "every alert is a journal event");
        assertEquals(seen.get(0), ((JournalEvent.DriftAlert) journaled.get(0)).alert());
    }

    /**
     * A session whose signal source is a real bundle with its drift guard and label definition:
     * the Page-Hinkley test on the realised loss runs inside the session (a low threshold makes it
     * alarm), its alerts are journaled, and a crash mid-run recovers to the same alerts, none
     * doubled, none observed twice.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void performanceDriftIsMonitoredInTheSessionJournaledAndRecoveredWithoutDuplicates() throws Exception {
        Path bundle = dev.sextant.trading.live.registry.TestBundles.write(dir, "champion");
        dev.sextant.trading.models.drift.DriftSettings sensitive = dev.sextant.trading.models.drift.DriftSettings.defaults()
                .withPageHinkley(0, 0.5);
        Path straight = dir.resolve("straight.db");
        List<dev.sextant.trading.models.drift.DriftAlert> seenStraight = new ArrayList<>();
        try (dev.sextant.trading.models.bundle.ModelBundle loaded = dev.sextant.trading.models.bundle.ModelBundle.load(bundle);
             SessionRig rig = new SessionRig(straight, SERIES, 0, 0.2, OPTIONS, guarded(loaded, sensitive, seenStraight))) {
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        List<JournalEvent> expected = SessionRig.events(straight, JournalEvent.DriftAlert.class);
        long degraded = expected.stream().filter(e -> ((JournalEvent.DriftAlert) e).kind().equals("PERFORMANCE_DEGRADED"))
                .count();
        assertTrue(degraded >= 2, "the Page-Hinkley test ran in the session: " + expected);
        assertEquals(expected.size(), seenStraight.size(), "each journaled alert observed once");

        Path live = dir.resolve("live.db");
        int crashAt = 200;
        try (dev.sextant.trading.models.bundle.ModelBundle loaded = dev.sextant.trading.models.bundle.ModelBundle.load(bundle)) {
            SessionRig rig = new SessionRig(live, SERIES, 0, 0.2, OPTIONS, guarded(loaded, sensitive, new ArrayList<>()));
            rig.session.start(rig.feed);
            rig.feed.deliver(crashAt);
            Path crashed = dir.resolve("crashed.db");
            SessionRig.crashCopy(live, crashed);
            rig.feed.stop();
            live = dir.resolve("resumed.db");
            SessionRig.crashCopy(crashed, live);
        }
        List<dev.sextant.trading.models.drift.DriftAlert> seenResumed = new ArrayList<>();
        long committedBefore;
        try (dev.sextant.trading.models.bundle.ModelBundle loaded = dev.sextant.trading.models.bundle.ModelBundle.load(bundle);
             SessionRig rig = new SessionRig(live, SERIES, 0, 0.2, OPTIONS, guarded(loaded, sensitive, seenResumed))) {
            // The whole input again: the session skips what its journal holds and resumes after it.
            committedBefore = SessionRig.events(live, JournalEvent.DriftAlert.class).size();
            rig.session.start(rig.feed);
            rig.feed.deliver(Integer.MAX_VALUE);
        }
        assertEquals(expected, SessionRig.events(live, JournalEvent.DriftAlert.class), "recovered alerts equal the uninterrupted run's");
        assertEquals(expected.size() - committedBefore, seenResumed.size(),
                "observers see only the alerts appended after the crash, not the re-created ones");
        try (JournalStore store = JournalStores.sqlite(live)) {
            assertInstanceOf(AuditVerification.Intact.class, AuditTrail.verify(store));
        }
    }

    private static java.util.function.Consumer<TradingSession.Builder> guarded(
            dev.sextant.trading.models.bundle.ModelBundle loaded, dev.sextant.trading.models.drift.DriftSettings settings,
            List<dev.sextant.trading.models.drift.DriftAlert> seen) {
        return b -> {
            b.observer(new SessionObserver() {
                @Override
                public void onDriftAlert(dev.sextant.trading.models.drift.DriftAlert alert) {
                    seen.add(alert);
                }
            });
            var m = loaded.manifest();
            dev.sextant.trading.engine.DriftGuard guard = dev.sextant.trading.engine.DriftGuard.of(loaded, b.driftListener())
                    .orElseThrow().withSettings(settings);
            assertTrue(guard.labels().isPresent(), "the bundle records its label definition");
            b.signals(new dev.sextant.trading.engine.ModelSignalSource(m.featureSpec(), loaded.model(), m.bundleId(),
                    m.bundleVersion(), guard));
        };
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
    void aLimitChangeIsJournaledAppliedAndKeptAcrossARestart() throws Exception {
        RiskLimits tight = RiskLimits.defaults().toBuilder().maxOrderQuantity(0.5).build();
        String digest;
        Path straight = dir.resolve("straight.db");
        try (SessionRig rig = new SessionRig(straight, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            rig.feed.deliver(100);
            rig.session.changeLimits("alice", tight, "tighter order size after the open");
            digest = rig.session.limitsDigest();
            assertEquals(tight, rig.session.risk().limits());
            rig.feed.deliver(60);
        }
        assertEquals(List.of(new JournalEvent.OperatorAction("alice", "LIMITS", "tighter order size after the open")),
                SessionRig.events(straight, JournalEvent.OperatorAction.class).stream()
                        .filter(a -> ((JournalEvent.OperatorAction) a).action().equals("LIMITS")).toList());
        JournalEvent.LimitsChanged change = (JournalEvent.LimitsChanged) SessionRig.events(straight,
                JournalEvent.LimitsChanged.class).getFirst();
        assertEquals(digest, change.limitsDigest());
        assertEquals(tight, RiskLimits.fromJson(change.limitsJson(), "journal"));
        List<JournalEvent> risk = SessionRig.events(straight, JournalEvent.RiskDecided.class);
        assertTrue(risk.stream().map(r -> ((JournalEvent.RiskDecided) r).limitsDigest()).anyMatch(digest::equals),
                "risk decisions after the change name the new limits");

        Path live = dir.resolve("live.db");
        Path crashed = dir.resolve("crashed.db");
        try (SessionRig rig = new SessionRig(live, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            rig.feed.deliver(100);
            rig.session.changeLimits("alice", tight, "tighter order size after the open");
            rig.feed.deliver(20);
            SessionRig.crashCopy(live, crashed);
        }
        try (SessionRig rig = new SessionRig(crashed, SERIES, 120, 0.2, OPTIONS)) {
            rig.session.recover();
            assertEquals(tight, rig.session.risk().limits(), "the changed limits survive the restart");
            assertEquals(digest, rig.session.limitsDigest());
            rig.session.start(rig.feed);
            rig.feed.deliver(40);
        }
        assertEquals(SessionRig.events(straight, JournalEvent.DecisionMade.class),
                SessionRig.events(crashed, JournalEvent.DecisionMade.class));
    }

    @Test
    void limitsAreChangedOnlyWhileRunning() {
        try (SessionRig rig = new SessionRig(dir.resolve("j.db"), SERIES, 0, 0.2, OPTIONS)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rig.session.changeLimits("alice", RiskLimits.defaults(), ""));
            assertTrue(e.getMessage().contains("not running"), e.getMessage());
        }
    }

    @Test
    void onTheSystemClockRecordsAreStampedToTheMicrosecond() {
        Path journal = dir.resolve("j.db");
        try (TradingSession session = probeSession(journal, new AcceptingVenue(), Clock.system())) {
            ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, SERIES.timeFrame(), barsOf(SERIES, 0, 40),
                    ReplayBarFeed.MAX_SPEED);
            session.start(feed);
            feed.deliver(40);
        }
        List<Instant> times = new ArrayList<>();
        try (Journal j = Journal.open(JournalStores.sqlite(journal))) {
            j.replay(1, r -> times.add(r.time()));
        }
        assertTrue(times.size() > 40, "records: " + times.size());
        assertTrue(times.stream().allMatch(t -> t.getNano() % 1_000 == 0), "whole microseconds");
        assertTrue(times.stream().anyMatch(t -> t.getNano() % 1_000_000 != 0),
                "the session clock's microseconds are kept, not rounded to milliseconds: " + times.subList(0, 5));
    }

    @Test
    void aSignalIsJournaledWithTheDigestOfTheModelInputItCameFrom() {
        Path journal = dir.resolve("j.db");
        List<String> digests = new ArrayList<>();
        SignalSource exposing = new SignalSource() {
            private final SessionRig.Momentum momentum = new SessionRig.Momentum(SERIES.timeFrame());
            private float[] last;

            @Override
            public SignalResult onBar(Instrument instrument, TimeFrame frame, Bar bar) {
                SignalResult r = momentum.onBar(instrument, frame, bar);
                if (r instanceof SignalResult.Ready) {
                    last = new float[] {(float) bar.open(), (float) bar.close()};
                    digests.add(dev.sextant.trading.live.internal.EventCodec.featureDigest(last));
                }
                return r;
            }

            @Override
            public java.util.Optional<float[]> lastModelInput(Instrument instrument) {
                return java.util.Optional.ofNullable(last).map(float[]::clone);
            }
        };
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS, b -> b.signals(exposing))) {
            rig.session.start(rig.feed);
            rig.feed.deliver(30);
        }
        List<String> journaled = SessionRig.events(journal, JournalEvent.SignalGenerated.class).stream()
                .map(e -> ((JournalEvent.SignalGenerated) e).featureDigest()).toList();
        assertEquals(digests, journaled);
        assertEquals(28, journaled.size());
        assertEquals(journaled.size(), new java.util.HashSet<>(journaled).size(), "a digest per distinct input");
    }

    @Test
    void aSignalSourceThatDoesNotExposeItsInputGivesAnEmptyFeatureDigest() {
        Path journal = dir.resolve("j.db");
        try (SessionRig rig = new SessionRig(journal, SERIES, 0, 0.2, OPTIONS)) {
            rig.session.start(rig.feed);
            rig.feed.deliver(10);
        }
        List<JournalEvent> signals = SessionRig.events(journal, JournalEvent.SignalGenerated.class);
        assertFalse(signals.isEmpty());
        assertTrue(signals.stream().allMatch(e -> ((JournalEvent.SignalGenerated) e).featureDigest().isEmpty()));
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
    void aCrashedSessionResumesAgainstARealVenueWithoutSendingAJournaledOrderAgain() throws Exception {
        int total = 120;
        Path straight = dir.resolve("straight.db");
        SimulatedClock straightClock = new SimulatedClock(SERIES.bar(0).time());
        FillingVenue uninterrupted = new FillingVenue(straightClock);
        try (TradingSession session = probeSession(straight, uninterrupted, straightClock)) {
            ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, SERIES.timeFrame(), barsOf(SERIES, 0, total),
                    ReplayBarFeed.MAX_SPEED);
            session.start(feed);
            feed.deliver(total);
        }
        List<JournalEvent> expected = SessionRig.events(straight, JournalEvent.DecisionMade.class);
        assertTrue(uninterrupted.fills > 5, "the venue filled orders: " + uninterrupted.fills);

        Path live = dir.resolve("live.db");
        Path crashed = dir.resolve("crashed.db");
        int crashAt = 70;
        SimulatedClock firstClock = new SimulatedClock(SERIES.bar(0).time());
        FillingVenue venue = new FillingVenue(firstClock);
        TradingSession first = probeSession(live, venue, firstClock);
        ReplayBarFeed firstFeed = new ReplayBarFeed(SessionRig.BTC, SERIES.timeFrame(), barsOf(SERIES, 0, crashAt),
                ReplayBarFeed.MAX_SPEED);
        first.start(firstFeed);
        firstFeed.deliver(crashAt);
        // A crash: the session is abandoned without stop; only what the journal committed survives (the fills
        // of the last order were buffered and are lost: the venue sends them again at the logon).
        SessionRig.crashCopy(live, crashed);
        List<String> sentBeforeTheCrash = List.copyOf(venue.submitted);
        assertFalse(sentBeforeTheCrash.isEmpty(), "the first run sent orders that a resumed run could send again");

        SimulatedClock secondClock = new SimulatedClock(SERIES.bar(0).time());
        venue.clock = secondClock;
        try (TradingSession second = probeSession(crashed, venue, secondClock)) {
            Recovery recovery = second.recover();
            assertEquals(crashAt, recovery.nextInputIndex());
            assertEquals(sentBeforeTheCrash, venue.submitted, "rebuilding sent nothing to the venue");
            assertTrue(recovery.appendedRecords() > 0, "the crash lost the last fills, which the venue sent again: "
                    + recovery);
            assertTrue(recovery.reconciliation().isEmpty(), "the rebuilt state agrees with the venue: "
                    + recovery.reconciliation());
            ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, SERIES.timeFrame(), barsOf(SERIES, crashAt, total),
                    ReplayBarFeed.MAX_SPEED);
            second.start(feed);
            feed.deliver(total - crashAt);
        }
        List<JournalEvent> decisions = SessionRig.events(crashed, JournalEvent.DecisionMade.class);
        assertEquals(expected.get(crashAt), decisions.get(crashAt), "the first decision after the restart");
        assertEquals(expected, decisions);
        assertEquals(venue.submitted.size(), new java.util.HashSet<>(venue.submitted).size(),
                "the venue saw each client order id once: " + venue.submitted);
        assertEquals(uninterrupted.submitted, venue.submitted);
        assertEquals(SessionRig.events(straight, JournalEvent.FillReceived.class),
                SessionRig.events(crashed, JournalEvent.FillReceived.class), "no fill lost or doubled");
    }

    @Test
    void aVenueEventSentAgainAfterARestartIsJournaledOnce() {
        Path journal = dir.resolve("j.db");
        SimulatedClock clock = new SimulatedClock(SERIES.bar(0).time());
        FillingVenue venue = new FillingVenue(clock);
        long fills;
        try (TradingSession session = probeSession(journal, venue, clock)) {
            ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, SERIES.timeFrame(), barsOf(SERIES, 0, 60),
                    ReplayBarFeed.MAX_SPEED);
            session.start(feed);
            feed.deliver(60);
            fills = session.state().fills();
            assertTrue(fills > 0, "the venue filled orders");
            venue.resendEverything();
            assertEquals(fills, session.state().fills(), "a re-sent fill is not counted again");
        }
        assertEquals(fills, SessionRig.events(journal, JournalEvent.FillReceived.class).size());
        assertEquals(fills, venue.fills);
    }

    private static TradingSession probeSession(Path journal, BrokerConnector venue) {
        return probeSession(journal, venue, new SimulatedClock(SERIES.bar(0).time()));
    }

    private static TradingSession probeSession(Path journal, BrokerConnector venue, Clock clock) {
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

    /**
     * A venue that acknowledges and fills every market order at once, on the calling thread, at
     * the close of the bar that the session clock has reached; it keeps its events to send them
     * all again, as a venue does to a client that logs on without a sequence number.
     */
    private static final class FillingVenue extends AcceptingVenue {
        volatile SimulatedClock clock;
        final List<String> submitted = new ArrayList<>();
        final List<OrderEvent> sentEvents = new ArrayList<>();
        double position;
        int fills;

        FillingVenue(SimulatedClock clock) {
            this.clock = clock;
        }

        @Override
        public void submit(OrderRequest request) {
            submitted.add(request.clientOrderId());
            double price = 0;
            for (int i = 0; i < SERIES.size(); i++) {
                if (SERIES.bar(i).time() + SERIES.timeFrame().millis() == clock.millis()) {
                    price = SERIES.bar(i).close();
                }
            }
            Instant now = clock.now();
            send(new OrderEvent.Accepted(request.clientOrderId(), "V-" + request.clientOrderId(), now));
            send(new OrderEvent.Filled(new dev.sextant.trading.core.Fill("E-" + request.clientOrderId(),
                    request.clientOrderId(), request.instrument(), request.side(), request.quantity(), price, 0, now)));
            position += request.side().sign() * request.quantity();
            fills++;
        }

        private void send(OrderEvent e) {
            sentEvents.add(e);
            listeners().forEach(l -> l.onOrderEvent(e));
        }

        /** Logs on: sends every event it ever sent again. */
        @Override
        public void connect() {
            super.connect();
            resendEverything();
        }

        void resendEverything() {
            List.copyOf(sentEvents).forEach(e -> listeners().forEach(l -> l.onOrderEvent(e)));
        }

        @Override
        public List<Position> positions() {
            return position == 0 ? List.of() : List.of(new Position(SessionRig.BTC, position, 100.0, 0.0));
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

        List<BrokerListener> listeners() {
            return listeners;
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

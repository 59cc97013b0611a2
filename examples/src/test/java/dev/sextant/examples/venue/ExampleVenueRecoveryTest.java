package dev.sextant.examples.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.core.CostModel;
import dev.sextant.trading.core.Instrument;
import dev.sextant.trading.core.SimulatedClock;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.live.Journal;
import dev.sextant.trading.live.JournalEvent;
import dev.sextant.trading.live.JournalOptions;
import dev.sextant.trading.live.JournalStores;
import dev.sextant.trading.live.Recovery;
import dev.sextant.trading.live.SessionRig;
import dev.sextant.trading.live.ReplayBarFeed;
import dev.sextant.trading.live.TradingSession;
import dev.sextant.trading.risk.PositionSizer;
import dev.sextant.trading.risk.RiskEngine;
import dev.sextant.trading.risk.RiskLimits;
import dev.sextant.trading.risk.SizingMethod;
import dev.sextant.trading.risk.SizingPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link TradingSession} on the example venue over a real loopback socket, crashed (abandoned
 * without stop, only the journal's committed records kept) and restarted with a new connector:
 * it rebuilds from the journal without sending anything, reconciles, and continues as an
 * uninterrupted session would have.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExampleVenueRecoveryTest {
    private static final Instrument LOOP = Instrument.equity("LOOP", ExampleVenueConfig.VENUE);
    private static final BarSeries SERIES = SyntheticBars.randomWalk(90, 0.01, 11);
    private static final double CASH = 1_000_000;
    /** A large group: a crash loses the buffered venue events, which the venue sends again at the next logon. */
    private static final JournalOptions OPTIONS = JournalOptions.defaults().withGroupSize(10_000);

    @TempDir
    Path dir;

    @Test
    void aCrashedSessionResumesOnTheVenueWithTheUninterruptedDecisionsAndSendsNoOrderTwice() throws Exception {
        Path straight = dir.resolve("straight.db");
        List<String> straightLog;
        try (ExampleVenueServer venue = startVenue()) {
            Run run = new Run(straight, venue);
            run.session.start(run.feed);
            run.bars(0, SERIES.size());
            run.close();
            straightLog = venue.orderLog();
        }
        List<JournalEvent> expected = SessionRig.events(straight, JournalEvent.DecisionMade.class);
        assertTrue(straightLog.size() > 5, "the session traded: " + straightLog);

        Path live = dir.resolve("live.db");
        Path crashed = dir.resolve("crashed.db");
        int crashAt = 47;
        try (ExampleVenueServer venue = startVenue()) {
            Run first = new Run(live, venue);
            first.session.start(first.feed);
            first.bars(0, crashAt - 1);
            // The last bar before the crash: its order (if any) reaches the venue and is left working there.
            first.feed.deliver(1);
            first.awaitVenueHasEveryOrder();
            SessionRig.crashCopy(live, crashed);
            first.connector.close();
            List<String> sentBeforeTheCrash = venue.orderLog();

            Run second = new Run(crashed, venue);
            Recovery recovery = second.session.recover();
            assertEquals(crashAt, recovery.nextInputIndex(), "resumes after the last journaled bar");
            assertEquals(sentBeforeTheCrash, venue.orderLog(), "rebuilding sent nothing to the venue");
            assertTrue(recovery.appendedRecords() > 0, "the crash lost buffered venue events, which the venue sent "
                    + "again at the logon: " + recovery);
            second.session.start(second.feed);
            second.feed.deliver(crashAt);  // journaled already: skipped
            venue.trade(tick(SERIES.bar(crashAt - 1).close()), 1e9);
            second.awaitNoWorkingOrders();
            second.bars(crashAt, SERIES.size());
            second.close();
            List<String> log = venue.orderLog();
            assertEquals(log.size(), new HashSet<>(log).size(), "the venue saw each client order id once: " + log);
            assertEquals(straightLog, log, "the same orders as the uninterrupted session");
        }
        List<JournalEvent> decisions = SessionRig.events(crashed, JournalEvent.DecisionMade.class);
        assertEquals(expected.get(crashAt), decisions.get(crashAt), "the first decision after the restart");
        assertEquals(expected, decisions);
        assertEquals(fillIds(straight), fillIds(crashed), "no fill lost or doubled");
    }

    private static ExampleVenueServer startVenue() {
        return ExampleVenueServer.start(LOOP, PaperBrokerConfig.builder().initialCash(CASH).build(),
                tick(SERIES.bar(0).open()), Duration.ofSeconds(120));
    }

    private static double tick(double price) {
        return Math.round(price * 100) / 100.0;
    }

    /** One process's session: a fresh connector, fresh components, the journal at {@code journal}. */
    private static final class Run {
        final ExampleVenueServer venue;
        final ExampleVenueConnector connector;
        final TradingSession session;
        final ReplayBarFeed feed;

        Run(Path journal, ExampleVenueServer venue) {
            this.venue = venue;
            this.connector = new ExampleVenueConnector(new ExampleVenueConfig("127.0.0.1", venue.address().getPort(),
                    LOOP.symbol(), Duration.ofSeconds(10)));
            SimulatedClock clock = new SimulatedClock(SERIES.bar(0).time());
            CostModel costs = CostModel.ofBps(2, 1);
            this.session = TradingSession.builder().journal(Journal.open(JournalStores.sqlite(journal), OPTIONS))
                    .clock(clock).timeFrame(SERIES.timeFrame()).instrument(LOOP).signals(new SessionRig.Momentum(SERIES.timeFrame()))
                    .risk(RiskEngine.builder().limits(RiskLimits.defaults()).clock(clock).startingCash(CASH).build())
                    .sizer(new PositionSizer(new SizingPolicy(new SizingMethod.FixedFractional(0.1), 0, true), costs))
                    .connector(connector).build();
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < SERIES.size(); i++) {
                bars.add(SERIES.bar(i));
            }
            this.feed = new ReplayBarFeed(LOOP, SERIES.timeFrame(), bars, ReplayBarFeed.MAX_SPEED);
        }

        /** Bars {@code from} to {@code to} (exclusive), each followed by a print at its close that fills what it ordered. */
        void bars(int from, int to) throws InterruptedException {
            for (int i = from; i < to; i++) {
                feed.deliver(1);
                awaitVenueHasEveryOrder();
                venue.trade(tick(SERIES.bar(i).close()), 1e9);
                awaitNoWorkingOrders();
            }
        }

        void awaitVenueHasEveryOrder() throws InterruptedException {
            await(() -> venue.orderLog().size() >= session.state().orders(), "the venue received every order");
        }

        void awaitNoWorkingOrders() throws InterruptedException {
            await(() -> session.risk().snapshot().workingOrders() == 0, "the venue's fills reached the session");
        }

        void close() {
            session.close();
            connector.close();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(2);
        }
    }

    private static List<String> fillIds(Path journal) {
        return SessionRig.events(journal, JournalEvent.FillReceived.class).stream()
                .map(e -> ((JournalEvent.FillReceived) e).clientOrderId()).sorted().toList();
    }
}

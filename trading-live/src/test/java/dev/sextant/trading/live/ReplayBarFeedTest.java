package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.TimeFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReplayBarFeedTest {
    private static final List<Bar> BARS = List.of(new Bar(0, 1, 1, 1, 1, 1), new Bar(60_000, 1, 1, 1, 1, 1),
            new Bar(120_000, 1, 1, 1, 1, 1));

    @Test
    void parsesMaxAndPositiveSpeedsAndNamesABadOne() {
        assertEquals(ReplayBarFeed.MAX_SPEED, ReplayBarFeed.parseSpeed("max"));
        assertEquals(60, ReplayBarFeed.parseSpeed("60"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayBarFeed.parseSpeed("0"));
        assertEquals("--speed must be 'max' or a positive number (1 is real time) but was '0'", e.getMessage());
    }

    @Test
    void deliversEachBarOnceInOrderAndOnlyWhileConnected() {
        ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, TimeFrame.M1, BARS, ReplayBarFeed.MAX_SPEED);
        List<Bar> seen = new ArrayList<>();
        feed.subscribeBars(SessionRig.BTC, TimeFrame.M1, (i, b) -> seen.add(b));
        assertEquals(0, feed.deliver(5), "nothing before connect");
        feed.connect();
        assertEquals(2, feed.deliver(2));
        assertEquals(1, feed.deliver(5));
        assertEquals(BARS, seen);
        assertEquals(0, feed.remaining());
    }

    @Test
    void paceAtSpeedTakesAtLeastTheScaledTimeFrames() throws InterruptedException {
        // Three 1-minute bars at 1200x: the second and third are due 50 ms and 100 ms after the start.
        ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, TimeFrame.M1, BARS, 1200);
        List<Long> arrivals = new ArrayList<>();
        feed.subscribeBars(SessionRig.BTC, TimeFrame.M1, (i, b) -> arrivals.add(System.nanoTime()));
        feed.connect();
        feed.start();
        feed.awaitCompletion();
        assertEquals(3, arrivals.size());
        assertTrue(arrivals.get(2) - arrivals.get(0) >= 95_000_000L, "paced: " + (arrivals.get(2) - arrivals.get(0)));
    }

    @Test
    void refusesASubscriptionForAnotherInstrumentOrTimeFrame() {
        ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, TimeFrame.M1, BARS, ReplayBarFeed.MAX_SPEED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> feed.subscribeBars(SessionRig.BTC, TimeFrame.H1, (i, b) -> { }));
        assertTrue(e.getMessage().startsWith("this replay has 1m bars of BTC/USD@PAPER"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> feed.subscribeTrades(SessionRig.BTC, (i, t) -> { }));
    }

    @Test
    void aHandlerFailureEndsTheReplayAndIsRethrown() {
        ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, TimeFrame.M1, BARS, ReplayBarFeed.MAX_SPEED);
        feed.subscribeBars(SessionRig.BTC, TimeFrame.M1, (i, b) -> {
            throw new JournalException("disk full");
        });
        feed.connect();
        feed.start();
        JournalException e = assertThrows(JournalException.class, feed::awaitCompletion);
        assertEquals("disk full", e.getMessage());
    }

    @Test
    void aDisconnectBeforeTheLastBarIsReportedByAwaitCompletion() {
        ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, TimeFrame.M1, BARS, ReplayBarFeed.MAX_SPEED);
        feed.subscribeBars(SessionRig.BTC, TimeFrame.M1, (i, b) -> feed.disconnect());
        feed.connect();
        feed.start();
        IllegalStateException e = assertThrows(IllegalStateException.class, feed::awaitCompletion);
        assertEquals("the replay of BTC/USD@PAPER 1m bars ended at bar 1 of 3: the feed was disconnected", e.getMessage());
        assertEquals(2, feed.remaining());
    }

    @Test
    void aStoppedReplayCompletesWithoutAFailure() throws InterruptedException {
        ReplayBarFeed feed = new ReplayBarFeed(SessionRig.BTC, TimeFrame.M1, BARS, ReplayBarFeed.MAX_SPEED);
        feed.subscribeBars(SessionRig.BTC, TimeFrame.M1, (i, b) -> {
            feed.stop();
            feed.disconnect();
        });
        feed.connect();
        feed.start();
        feed.awaitCompletion();
        assertEquals(2, feed.remaining());
    }
}

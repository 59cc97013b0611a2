package dev.sextant.trading.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.core.SimulatedClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KillSwitchTest {
    private final SimulatedClock clock = Fixtures.clock();

    @Test
    void tripRequestsCancelAllOnceAndStaysTrippedUntilRearmed() {
        KillSwitch k = new KillSwitch(clock);
        List<KillSwitchTrip> cancels = new ArrayList<>();
        List<String> rearms = new ArrayList<>();
        k.addListener(new KillSwitchListener() {
            @Override
            public void onTripped(KillSwitchTrip trip) {
                cancels.add(trip);
            }

            @Override
            public void onRearmed(KillSwitchTrip cleared, String operator) {
                rearms.add(operator + ":" + cleared.trigger());
            }
        });
        assertFalse(k.isTripped());
        assertTrue(k.trip(KillSwitchTrigger.MANUAL, "fat finger on desk 3"));
        assertFalse(k.trip(KillSwitchTrigger.DAILY_LOSS, "later trigger"));
        assertEquals(1, cancels.size());
        KillSwitchTrip trip = k.currentTrip().orElseThrow();
        assertEquals(KillSwitchTrigger.MANUAL, trip.trigger());
        assertEquals(Fixtures.START, trip.time());
        clock.advanceBy(3_600_000);
        assertTrue(k.isTripped(), "time alone never re-arms");
        assertTrue(k.rearm("alice"));
        assertFalse(k.rearm("alice"));
        assertEquals(List.of("alice:MANUAL"), rearms);
        assertTrue(k.trip(KillSwitchTrigger.BROKER_DISCONNECT, "again"));
        assertEquals(2, cancels.size());
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        KillSwitch k = new KillSwitch(clock);
        AtomicInteger called = new AtomicInteger();
        k.addListener(t -> {
            throw new IllegalStateException("broker gone");
        });
        k.addListener(t -> called.incrementAndGet());
        assertTrue(k.trip(KillSwitchTrigger.MANUAL, "test"));
        assertEquals(1, called.get());
        assertTrue(k.isTripped());
    }

    @Test
    void concurrentTripsNotifyExactlyOnce() throws Exception {
        KillSwitch k = new KillSwitch(clock);
        AtomicInteger called = new AtomicInteger();
        k.addListener(t -> called.incrementAndGet());
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger winners = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (k.trip(KillSwitchTrigger.MODEL_FAILURES, "race")) {
                    winners.incrementAndGet();
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1, winners.get());
        assertEquals(1, called.get());
    }

    @Test
    void removedListenersAreNotCalled() {
        KillSwitch k = new KillSwitch(clock);
        AtomicInteger called = new AtomicInteger();
        KillSwitchListener l = t -> called.incrementAndGet();
        k.addListener(l);
        assertTrue(k.removeListener(l));
        k.trip(KillSwitchTrigger.MANUAL, "x");
        assertEquals(0, called.get());
    }

    @Test
    void rejectsBlankDetailsAndOperators() {
        KillSwitch k = new KillSwitch(clock);
        assertThrows(IllegalArgumentException.class, () -> k.trip(KillSwitchTrigger.MANUAL, " "));
        assertFalse(k.isTripped());
        assertThrows(IllegalArgumentException.class, () -> k.rearm(""));
    }
}

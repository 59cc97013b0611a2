package dev.sextant.trading.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdmissionTest {
    @Test
    void slotsThenABoundedLineThenRefusal() throws Exception {
        Admission a = new Admission(2, 2, Duration.ofSeconds(30));
        assertTrue(a.tryEnter());
        assertTrue(a.tryEnter());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Boolean>> waiting = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            waiting.add(pool.submit(a::tryEnter));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (a.waiting() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(2, a.waiting());
        assertFalse(a.tryEnter(), "the line is full: refused at once");
        a.release();
        a.release();
        for (Future<Boolean> f : waiting) {
            assertTrue(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdownNow();
        assertEquals(2, a.maxWaiting());
        assertEquals(0, a.waiting());
    }

    @Test
    void aWaitLongerThanTheLimitIsRefused() {
        Admission a = new Admission(1, 5, Duration.ofMillis(50));
        assertTrue(a.tryEnter());
        assertFalse(a.tryEnter());
        a.release();
        assertTrue(a.tryEnter());
    }

    @Test
    void withoutALineABusyServerRefusesAtOnce() {
        Admission a = new Admission(1, 0, Duration.ofSeconds(30));
        assertTrue(a.tryEnter());
        assertFalse(a.tryEnter());
        assertEquals(0, a.maxWaiting());
    }
}

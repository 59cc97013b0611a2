package dev.sextant.trading.broker.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SerialDispatcherTest {

    @Test
    void runsCallbacksQueuedByACallbackAfterItReturns() {
        SerialDispatcher d = new SerialDispatcher();
        List<String> order = new ArrayList<>();
        d.enqueue(() -> {
            order.add("a-start");
            d.enqueue(() -> order.add("b"));
            d.drain();
            order.add("a-end");
        });
        d.drain();
        assertEquals(List.of("a-start", "a-end", "b"), order);
    }

    @Test
    void aFailingCallbackDoesNotStopTheOthers() {
        SerialDispatcher d = new SerialDispatcher();
        List<String> order = new ArrayList<>();
        d.enqueue(() -> {
            throw new IllegalStateException("listener bug");
        });
        d.enqueue(() -> order.add("after"));
        d.drain();
        assertEquals(List.of("after"), order);
    }

    @Test
    void neverRunsTwoCallbacksAtOnceAcrossThreadsAndLosesNone() throws Exception {
        SerialDispatcher d = new SerialDispatcher();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<Integer> done = Collections.synchronizedList(new ArrayList<>());
        int threads = 4;
        int perThread = 2_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    int id = base + i;
                    d.enqueue(() -> {
                        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        done.add(id);
                        running.decrementAndGet();
                    });
                    d.drain();
                }
            });
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join(10_000);
        }
        d.drain();
        assertEquals(1, maxRunning.get());
        assertEquals(threads * perThread, done.size());
    }
}

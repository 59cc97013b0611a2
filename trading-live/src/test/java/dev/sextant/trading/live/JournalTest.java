package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.internal.EventCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void startsAnEmptyJournalAtTheGenesisHash() {
        try (Journal journal = Journal.open(JournalStores.sqlite(dir.resolve("j.db")))) {
            assertEquals(0, journal.lastSeq());
            assertEquals(EventCodec.GENESIS_HASH, journal.headHash());
            assertTrue(journal.repairedTail().isEmpty());
        }
    }

    @Test
    void refusesAppendsAfterClose() {
        Journal journal = Journal.open(JournalStores.sqlite(dir.resolve("j.db")));
        journal.close();
        JournalException e = assertThrows(JournalException.class,
                () -> journal.append(SampleEvents.oneOfEach().getFirst(), SampleEvents.T0));
        assertTrue(e.getMessage().endsWith("is closed"), e.getMessage());
    }

    @Test
    void refusesFurtherAppendsAfterACommitFailed() {
        Path file = dir.resolve("j.db");
        try (Journal journal = Journal.open(JournalStores.sqlite(file), JournalOptions.defaults().withGroupSize(1))) {
            journal.append(SampleEvents.oneOfEach().getFirst(), SampleEvents.T0);
            // Another writer takes seq 2 behind the journal's back: the next commit must fail, and stay failed.
            try (JournalStore intruder = JournalStores.sqlite(file)) {
                intruder.append(List.of(new JournalStore.Row(2, "{}", "00".repeat(32))), List.of());
            }
            assertThrows(JournalException.class, () -> journal.append(SampleEvents.oneOfEach().get(1), SampleEvents.T0));
            JournalException again = assertThrows(JournalException.class,
                    () -> journal.append(SampleEvents.oneOfEach().get(1), SampleEvents.T0));
            assertTrue(again.getMessage().contains("failed earlier"), again.getMessage());
        }
    }

    @Test
    void numbersConcurrentAppendsWithoutGapsOrRepeats() throws Exception {
        Path file = dir.resolve("j.db");
        int threads = 4;
        int perThread = 250;
        try (Journal journal = Journal.open(JournalStores.sqlite(file), JournalOptions.defaults().withGroupSize(16));
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CountDownLatch start = new CountDownLatch(1);
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        journal.append(new JournalEvent.OperatorAction("t" + id, "TICK", Integer.toString(i)), SampleEvents.T0);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var f : futures) {
                f.get();
            }
        }
        try (JournalStore store = JournalStores.sqlite(file)) {
            AuditVerification result = AuditTrail.verify(store);
            assertEquals(threads * perThread, ((AuditVerification.Intact) result).records());
        }
    }
}

package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.sextant.trading.models.Model;
import dev.sextant.trading.models.ModelMetadata;
import dev.sextant.trading.models.bundle.ModelBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent clients on loopback. The latencies are printed, never asserted (a shared machine
 * says nothing about speed); what is asserted is behaviour: every request within capacity
 * answers 200, past capacity the excess is refused with 503 (or 429 per token) at once, the
 * waiting line never exceeds its bound, and the service answers normally afterwards.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SignalServiceLoadTest {
    @TempDir
    Path dir;

    private static HttpRequest signal(ServiceRig rig, String body) {
        return HttpRequest.newBuilder(URI.create(rig.service.baseUrl() + "/api/v1/signal"))
                .header("Authorization", "Bearer " + ServiceRig.VIEWER).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void concurrentClientsWithinCapacityAllGetSignalsAndTheLatencyIsReported() throws Exception {
        try (ServiceRig rig = new ServiceRig(dir, false, ServiceLimits.builder().maxConcurrentRequests(4)
                .maxQueuedRequests(64).maxQueueWait(Duration.ofSeconds(30)).requestsPerSecond(100_000).burst(100_000).build())) {
            String body = ServiceRig.signalBody("BTC/USD", rig.engine.warmUpBars() + 200);
            int clients = 8;
            int perClient = 25;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < 10; i++) {
                assertEquals(200, http.send(signal(rig, body), HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            long[] nanos = new long[clients * perClient];
            AtomicInteger index = new AtomicInteger();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    done.add(pool.submit(() -> {
                        for (int k = 0; k < perClient; k++) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> r = http.send(signal(rig, body), HttpResponse.BodyHandlers.ofString());
                            nanos[index.getAndIncrement()] = System.nanoTime() - t0;
                            statuses.merge(r.statusCode(), 1, Integer::sum);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get(150, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(Map.of(200, clients * perClient), statuses);
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "signal endpoint, %d clients x %d requests of %d bars on loopback: "
                    + "p50 %.2f ms, p99 %.2f ms, max %.2f ms (shared machine: not a benchmark; see benchmarks/)%n",
                    clients, perClient, rig.engine.warmUpBars() + 200, nanos[nanos.length / 2] / 1e6,
                    nanos[(int) (nanos.length * 0.99) - 1] / 1e6, nanos[nanos.length - 1] / 1e6);
            assertTrue(rig.service.maxWaitingRequests() <= 64);
        }
    }

    /** The bundle's model, holding every prediction until the gate opens. */
    private static final class HeldModel implements Model {
        final Model inner;
        final CountDownLatch gate = new CountDownLatch(1);

        HeldModel(Model inner) {
            this.inner = inner;
        }

        @Override
        public ModelMetadata metadata() {
            return inner.metadata();
        }

        @Override
        public double predict(float[] input, double[] probabilities) {
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return inner.predict(input, probabilities);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void pastCapacityTheExcessIsRefusedAtOnceWithABoundedLineAndTheServiceRecovers() throws Exception {
        int slots = 2;
        int queue = 3;
        int excess = 10;
        try (ModelBundle bundle = ModelBundle.load(ServiceRig.bundle())) {
            HeldModel held = new HeldModel(bundle.model());
            var m = bundle.manifest();
            SignalEngine engine = SignalEngine.builder(m.featureSpec(), held, m.bundleId(), m.bundleVersion()).build();
            try (SignalService service = SignalService.builder(engine).tokens(ServiceRig.tokens()).port(0)
                    .limits(ServiceLimits.builder().maxConcurrentRequests(slots).maxQueuedRequests(queue)
                            .maxQueueWait(Duration.ofSeconds(60)).requestsPerSecond(100_000).burst(100_000).build())
                    .start()) {
                String body = ServiceRig.signalBody("BTC/USD", engine.warmUpBars());
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/signal"))
                        .header("Authorization", "Bearer " + ServiceRig.VIEWER).timeout(Duration.ofSeconds(90))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                ExecutorService pool = Executors.newFixedThreadPool(slots + queue);
                try {
                    // Fill the slots (held in the model) and the line behind them.
                    List<Future<HttpResponse<String>>> admitted = new ArrayList<>();
                    for (int i = 0; i < slots + queue; i++) {
                        admitted.add(pool.submit(() -> http.send(request, HttpResponse.BodyHandlers.ofString())));
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (service.waitingRequests() < queue && System.nanoTime() < deadline) {
                        Thread.sleep(10);
                    }
                    assertEquals(queue, service.waitingRequests(), "the line is full");
                    // Past capacity: refused at once, while the held requests still wait.
                    Map<Integer, Integer> refused = new ConcurrentHashMap<>();
                    for (int i = 0; i < excess; i++) {
                        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                        refused.merge(r.statusCode(), 1, Integer::sum);
                        assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
                    }
                    assertEquals(Map.of(503, excess), refused);
                    assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode(), "health answers while at capacity");
                    held.gate.countDown();
                    for (Future<HttpResponse<String>> f : admitted) {
                        assertEquals(200, f.get(90, TimeUnit.SECONDS).statusCode());
                    }
                    System.out.println("past capacity (" + slots + " slots, " + queue + " waiting): " + (slots + queue)
                            + " answered 200, " + excess + " refused 503 at once; most ever waiting "
                            + service.maxWaitingRequests());
                } finally {
                    pool.shutdownNow();
                }
                assertEquals(queue, service.maxWaitingRequests(), "the line never exceeds its bound");
                assertEquals(0, service.waitingRequests());
                assertEquals(200, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(),
                        "the service answers normally afterwards");
            }
        }
    }
}

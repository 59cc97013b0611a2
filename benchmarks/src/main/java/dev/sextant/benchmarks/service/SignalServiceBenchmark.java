package dev.sextant.benchmarks.service;

import dev.sextant.trading.core.Bar;
import dev.sextant.trading.core.BarSeries;
import dev.sextant.trading.engine.BundleTrainer;
import dev.sextant.trading.engine.TrainedBundle;
import dev.sextant.trading.engine.TrainingConfig;
import dev.sextant.trading.engine.synthetic.SyntheticBars;
import dev.sextant.trading.features.FeatureSpec;
import dev.sextant.trading.models.bundle.ModelBundle;
import dev.sextant.trading.service.AccessTokens;
import dev.sextant.trading.service.ServiceLimits;
import dev.sextant.trading.service.SignalEngine;
import dev.sextant.trading.service.SignalResponse;
import dev.sextant.trading.service.SignalService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of the signal service on loopback, in microseconds per request, sampled (p50, p99 from
 * JMH's SampleTime mode), with 4 client threads:
 * <ul>
 *   <li>{@code signalOverHttp}: {@code POST /api/v1/signal} with {@code bars} closed bars (JSON
 *       parsing, bearer-token check, rate limiter, features over every bar, the calibrated
 *       logistic bundle once, sizing) through {@link HttpClient};</li>
 *   <li>{@code signalInProcess} (anchor): the same {@link SignalEngine#signal} call without HTTP;</li>
 *   <li>{@code healthOverHttp} (anchor): {@code GET /health}, the HTTP round trip alone.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar SignalServiceBenchmark -rf json}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(4)
@State(Scope.Benchmark)
public class SignalServiceBenchmark {
    private static final String TOKEN = "benchmark-token";

    /** Bars per signal request beyond the bundle's warm-up. */
    @Param({"200"})
    public int bars;

    private Path directory;
    private ModelBundle bundle;
    private SignalEngine engine;
    private SignalService service;
    private HttpClient client;
    private HttpRequest signal;
    private HttpRequest health;
    private List<Bar> requestBars;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BarSeries series = SyntheticBars.ar1(2_000, -0.25, 0.001, 5);
        directory = Files.createTempDirectory("sextant-service-bench-");
        try (TrainedBundle trained = BundleTrainer.train(series, TrainingConfig.builder(FeatureSpec.standard24())
                .models("logistic").horizon(1).labelThreshold(0.25).bundleId("bench").build())) {
            trained.write(directory.resolve("bundle"), Map.of());
        }
        bundle = ModelBundle.load(directory.resolve("bundle"));
        engine = SignalEngine.builder(bundle).build();
        service = SignalService.builder(engine).port(0)
                .tokens(AccessTokens.parse("[{\"role\":\"viewer\",\"sha256\":\"" + AccessTokens.sha256Hex(TOKEN) + "\"}]",
                        "benchmark"))
                .limits(ServiceLimits.builder().requestsPerSecond(1e9).burst(1_000_000).maxQueuedRequests(1_000).build())
                .start();
        int n = engine.warmUpBars() + bars;
        requestBars = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"symbol\":\"BTC/USD\",\"bars\":[");
        for (int i = series.size() - n; i < series.size(); i++) {
            Bar b = series.bar(i);
            requestBars.add(b);
            body.append(i > series.size() - n ? "," : "").append(String.format(Locale.ROOT,
                    "{\"timestamp\":%d,\"open\":%s,\"high\":%s,\"low\":%s,\"close\":%s,\"volume\":%s}",
                    b.time(), b.open(), b.high(), b.low(), b.close(), b.volume()));
        }
        body.append("]}");
        client = HttpClient.newHttpClient();
        signal = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/api/v1/signal"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        health = HttpRequest.newBuilder(URI.create(service.baseUrl() + "/health")).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        service.close();
        bundle.close();
        client.close();
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int signalOverHttp() throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(signal, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("signal answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().length();
    }

    @Benchmark
    public SignalResponse signalInProcess() {
        return engine.signal("BTC/USD", requestBars);
    }

    @Benchmark
    public int healthOverHttp() throws IOException, InterruptedException {
        return client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}

package dev.sextant.trading.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's meters: {@code sextant.service.requests} (timer with p50/p95/p99, tags
 * {@code route} and {@code status}), {@code sextant.service.refused} (counter, tag
 * {@code reason}) and {@code sextant.service.waiting} (gauge: requests waiting for a slot).
 * Loaded only when the optional Micrometer dependency is present and a registry configured.
 */
final class MicrometerRequestMeters implements RequestMeters {
    private final MeterRegistry registry;

    MicrometerRequestMeters(MeterRegistry registry, Supplier<Number> waiting) {
        this.registry = registry;
        Gauge.builder("sextant.service.waiting", waiting).description("requests waiting for a slot").register(registry);
    }

    @Override
    public void record(String route, int status, long nanos) {
        Timer.builder("sextant.service.requests").tag("route", route).tag("status", Integer.toString(status))
                .publishPercentiles(0.5, 0.95, 0.99).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void refused(String reason) {
        Counter.builder("sextant.service.refused").tag("reason", reason).register(registry).increment();
    }
}

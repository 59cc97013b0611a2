package dev.sextant.trading.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PrometheusEndpointTest {

    private record Response(int status, String contentType, String body) {
    }

    private static Response send(URI uri, String method) throws Exception {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setRequestMethod(method);
        try {
            int status = c.getResponseCode();
            String body = status == 200 ? new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
            return new Response(status, c.getContentType(), body);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void servesTheRegistryAtMetricsAndNothingElse() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("sextant.test.events").increment(3);
        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(registry, new InetSocketAddress("127.0.0.1", 0))) {
            URI base = URI.create("http://127.0.0.1:" + endpoint.port());
            Response ok = send(base.resolve("/metrics"), "GET");
            assertEquals(200, ok.status());
            assertTrue(ok.contentType().startsWith("text/plain"), ok.contentType());
            assertTrue(ok.body().contains("sextant_test_events_total 3.0"), ok.body());
            assertEquals(404, send(base.resolve("/other"), "GET").status());
            assertEquals(405, send(base.resolve("/metrics"), "DELETE").status());
        }
    }
}

package dev.sextant.trading.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake chat service on loopback (the JDK's HTTP server): records every request and answers from a
 * script of responses, then with 200 {@code {"ok":true}}. Stands in for the Telegram Bot API and
 * for webhooks in tests; never a real external address.
 */
final class FakeChatServer implements AutoCloseable {
    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer ok() {
            return new Answer(200, Map.of(), "{\"ok\":true,\"result\":{}}");
        }

        static Answer status(int status, String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    /** One request received. */
    record Received(String path, String body, long nanoTime) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeChatServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers the next requests with {@code answers}, in order. */
    FakeChatServer then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestURI().getRawPath(), body, System.nanoTime()));
        Answer a = script.poll();
        if (a == null) {
            a = Answer.ok();
        }
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The server's base address, e.g. {@code http://127.0.0.1:PORT}. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

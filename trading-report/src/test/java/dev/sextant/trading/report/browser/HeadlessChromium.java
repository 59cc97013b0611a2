package dev.sextant.trading.report.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real headless Chromium for browser tests, driven over the Chrome DevTools Protocol (CDP) with
 * nothing but {@code java.net.http}: no WebDriver, no extra dependency.
 *
 * <p>{@link #launch} starts {@code chromium --headless=new --remote-debugging-port=0} with a
 * fresh profile in a temporary folder, reads the DevTools address the browser prints on standard
 * error, and attaches to its page over a WebSocket. From then on it records every console error,
 * uncaught exception and error log entry of the page ({@link #consoleErrors()}), and can
 * {@linkplain #navigate load a URL} (file:// or http://127.0.0.1) and wait for its load event,
 * {@linkplain #evaluate evaluate JavaScript} (promises awaited, the value returned as JSON),
 * {@linkplain #click click an element} with real mouse events, {@linkplain #waitFor wait for a
 * condition}, send {@linkplain #extraHeaders extra HTTP headers} (a bearer token) and take a
 * {@linkplain #screenshotPng PNG screenshot}.
 *
 * <p>Every wait is bounded by the timeout given at launch. {@link #close()} kills the browser and
 * its child processes and deletes the profile; a JVM shutdown hook does the same for a browser a
 * test forgot to close. Use it in try-with-resources.
 *
 * <p>Where the browser is: the {@code SEXTANT_CHROMIUM} environment variable, else the first of
 * {@code /usr/bin/chromium}, {@code /usr/bin/chromium-browser}, {@code /usr/bin/google-chrome}
 * that exists ({@link #executable()}); tests call {@code assumeTrue(HeadlessChromium.available())}
 * only where a missing browser must not fail the build. Debian: {@code apt-get install chromium}.
 *
 * <p>One thread drives one instance; the CDP reader thread only completes futures and appends to
 * the error list.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    /** Viewport width in CSS pixels. */
    public static final int WIDTH = 1280;
    /** Viewport height in CSS pixels. */
    public static final int HEIGHT = 900;
    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final Duration timeout;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final AtomicReference<CompletableFuture<Void>> load = new AtomicReference<>(new CompletableFuture<>());
    private final Thread shutdownHook;
    private volatile boolean closed;

    private HeadlessChromium(Process process, Path profile, Duration timeout, URI pageSocket) {
        this.process = process;
        this.profile = profile;
        this.timeout = timeout;
        this.shutdownHook = new Thread(this::kill, "headless-chromium-kill");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.socket = await(HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(pageSocket, new Listener()), "connecting to the page's DevTools socket");
    }

    /** The browser executable found (see the class comment), if any. */
    public static Optional<Path> executable() {
        String env = System.getenv("SEXTANT_CHROMIUM");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Whether a browser executable was found. */
    public static boolean available() {
        return executable().isPresent();
    }

    /**
     * Starts a headless browser with a 1280×900 window and attaches to its page.
     *
     * @param timeout bound on every wait (start-up, navigation, evaluation, screenshot)
     * @throws IllegalStateException if no browser is found, or it does not start within the timeout
     *                               (the message carries the end of its standard error)
     */
    public static HeadlessChromium launch(Duration timeout) {
        Path exe = executable().orElseThrow(() -> new IllegalStateException(
                "no Chromium found: install Debian's chromium package or set SEXTANT_CHROMIUM"));
        Path profile;
        try {
            profile = Files.createTempDirectory("sextant-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a browser profile folder", e);
        }
        List<String> cmd = List.of(exe.toString(), "--headless=new", "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-extensions", "--disable-background-networking", "--disable-sync", "--disable-component-update",
                "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--window-size=1280,900", "about:blank");
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            deleteTree(profile);
            throw new UncheckedIOException("cannot start " + exe, e);
        }
        List<String> tail = new ArrayList<>();
        CompletableFuture<URI> browserSocket = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStderr(process, tail, browserSocket), "headless-chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            URI browser = browserSocket.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            URI page = pageSocket(browser, timeout);
            HeadlessChromium chromium = new HeadlessChromium(process, profile, timeout, page);
            chromium.send("Page.enable", null);
            chromium.send("Runtime.enable", null);
            chromium.send("Log.enable", null);
            chromium.send("Network.enable", null);
            // A fixed viewport: the window size of the new headless mode includes its (invisible) browser frame.
            chromium.send("Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", WIDTH)
                    .put("height", HEIGHT).put("deviceScaleFactor", 1).put("mobile", false));
            return chromium;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killProcess(process);
            deleteTree(profile);
            throw new IllegalStateException("interrupted while starting Chromium", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            killProcess(process);
            deleteTree(profile);
            String err;
            synchronized (tail) {
                err = String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
            }
            throw new IllegalStateException("Chromium did not start within " + timeout + ": " + e.getMessage()
                    + (err.isEmpty() ? "" : "; stderr: " + err), e);
        }
    }

    private static void readStderr(Process process, List<String> tail, CompletableFuture<URI> browserSocket) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = DEVTOOLS.matcher(line);
                if (m.find()) {
                    browserSocket.complete(URI.create(m.group(1)));
                }
                synchronized (tail) {
                    tail.add(line);
                    if (tail.size() > 50) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            browserSocket.completeExceptionally(e);
        }
        browserSocket.completeExceptionally(new IllegalStateException("Chromium exited before printing its DevTools address"));
    }

    /** The WebSocket of the browser's first page, from the DevTools HTTP endpoint's target list. */
    private static URI pageSocket(URI browser, Duration timeout) throws InterruptedException {
        URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                String body = http.send(HttpRequest.newBuilder(list).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                for (JsonNode target : JSON.readTree(body)) {
                    if ("page".equals(target.path("type").asString()) && target.has("webSocketDebuggerUrl")) {
                        return URI.create(target.get("webSocketDebuggerUrl").asString());
                    }
                }
            } catch (IOException e) {
                // The endpoint may answer a moment after the address is printed; retried below.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no page target at " + list);
            }
            Thread.sleep(50);
        }
    }

    /**
     * Loads {@code url} and waits for its load event.
     *
     * @throws IllegalStateException if the browser reports a navigation error (naming it) or the
     *                               load event does not come within the timeout
     */
    public void navigate(URI url) {
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        load.set(loaded);
        ObjectNode params = JSON.createObjectNode().put("url", url.toString());
        JsonNode result = send("Page.navigate", params);
        if (result.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot load " + url + ": " + result.get("errorText").asString());
        }
        await(loaded, "the load event of " + url);
    }

    /**
     * Evaluates a JavaScript expression in the page; a promise is awaited.
     *
     * @return the value as JSON (a missing node for {@code undefined})
     * @throws IllegalStateException if the expression throws, naming the exception's description
     */
    public JsonNode evaluate(String expression) {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            JsonNode d = result.get("exceptionDetails");
            String text = d.path("exception").path("description").asString(d.path("text").asString());
            throw new IllegalStateException("JavaScript error in " + abbreviate(expression) + ": " + text);
        }
        return result.path("result").path("value");
    }

    /**
     * Evaluates {@code condition} every 50 ms until it is {@code true}.
     *
     * @throws IllegalStateException if it is not true within the timeout
     */
    public void waitFor(String condition) {
        waitFor(condition, timeout);
    }

    /**
     * Evaluates {@code condition} every 50 ms until it is {@code true}, for at most {@code limit}.
     *
     * @throws IllegalStateException if it is not true within {@code limit}
     */
    public void waitFor(String condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!evaluate("Boolean(" + condition + ")").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not true within " + limit + ": " + abbreviate(condition));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + abbreviate(condition), e);
            }
        }
    }

    /**
     * Clicks the centre of the first element matching {@code cssSelector} with real mouse events
     * (pressed and released), after scrolling it into view.
     *
     * @throws IllegalStateException if no element matches or it has no size
     */
    public void click(String cssSelector) {
        JsonNode box = evaluate("(() => { const e = document.querySelector(" + JSON.writeValueAsString(cssSelector) + ");"
                + " if (!e) return null; e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
                + " return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height}; })()");
        if (box.isMissingNode() || box.isNull()) {
            throw new IllegalStateException("no element matches " + cssSelector);
        }
        if (box.get("w").asDouble() <= 0 || box.get("h").asDouble() <= 0) {
            throw new IllegalStateException("element " + cssSelector + " has no size (hidden?)");
        }
        double x = box.get("x").asDouble();
        double y = box.get("y").asDouble();
        for (String type : List.of("mouseMoved", "mousePressed", "mouseReleased")) {
            ObjectNode p = JSON.createObjectNode().put("type", type).put("x", x).put("y", y);
            if (!type.equals("mouseMoved")) {
                p.put("button", "left").put("clickCount", 1);
            }
            send("Input.dispatchMouseEvent", p);
        }
    }

    /** Sends these headers (e.g. {@code Authorization: Bearer ...}) with every later request of the page. */
    public void extraHeaders(Map<String, String> headers) {
        ObjectNode h = JSON.createObjectNode();
        headers.forEach(h::put);
        send("Network.setExtraHTTPHeaders", JSON.createObjectNode().set("headers", h));
    }

    /** A PNG screenshot of the page's viewport (1280×900 CSS pixels unless the page changed it). */
    public byte[] screenshotPng() {
        JsonNode r = send("Page.captureScreenshot", JSON.createObjectNode().put("format", "png"));
        return Base64.getDecoder().decode(r.get("data").asString());
    }

    /** A PNG screenshot of the whole page, beyond the viewport, at most {@code maxHeight} CSS pixels tall. */
    public byte[] fullPageScreenshotPng(int maxHeight) {
        JsonNode size = evaluate("({w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight})");
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", size.get("w").asInt())
                .put("height", Math.min(maxHeight, size.get("h").asInt())).put("scale", 1);
        ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        p.set("clip", clip);
        return Base64.getDecoder().decode(send("Page.captureScreenshot", p).get("data").asString());
    }

    /**
     * The console errors, uncaught exceptions and error log entries (failed resource loads among
     * them) recorded since launch, oldest first, each as one line.
     */
    public List<String> consoleErrors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Sends one CDP command and waits for its result; a CDP error becomes an IllegalStateException. */
    public JsonNode send(String method, JsonNode params) {
        if (closed) {
            throw new IllegalStateException("the browser is closed");
        }
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", params);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            await(socket.sendText(JSON.writeValueAsString(msg), true), "sending " + method);
            JsonNode r = await(reply, method);
            if (r.has("error")) {
                throw new IllegalStateException(method + " failed: " + r.get("error").path("message").asString());
            }
            return r.path("result");
        } finally {
            pending.remove(id);
        }
    }

    private <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": no answer within " + timeout + stderrNote(), e);
        }
    }

    private String stderrNote() {
        return process.isAlive() ? "" : " (the browser exited with " + process.exitValue() + ")";
    }

    private void onMessage(String text) {
        JsonNode m = JSON.readTree(text);
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.get(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        String method = m.path("method").asString("");
        JsonNode p = m.path("params");
        switch (method) {
            case "Page.loadEventFired" -> load.get().complete(null);
            case "Runtime.consoleAPICalled" -> {
                if ("error".equals(p.path("type").asString()) || "assert".equals(p.path("type").asString())) {
                    List<String> parts = new ArrayList<>();
                    p.path("args").forEach(a -> parts.add(a.has("value") ? a.get("value").asString()
                            : a.path("description").asString(a.path("type").asString())));
                    record("console.error: " + String.join(" ", parts));
                }
            }
            case "Runtime.exceptionThrown" -> {
                JsonNode d = p.path("exceptionDetails");
                record("uncaught: " + d.path("exception").path("description").asString(d.path("text").asString())
                        + " at " + d.path("url").asString("?") + ":" + d.path("lineNumber").asInt());
            }
            case "Log.entryAdded" -> {
                JsonNode e = p.path("entry");
                if ("error".equals(e.path("level").asString())) {
                    record("log: " + e.path("text").asString() + (e.has("url") ? " (" + e.get("url").asString() + ")" : ""));
                }
            }
            default -> {
                // Other events are not needed.
            }
        }
    }

    private void record(String line) {
        synchronized (errors) {
            errors.add(line);
        }
    }

    /** The browser's process id (its children are killed with it on {@link #close()}). */
    public long pid() {
        return process.pid();
    }

    /** Kills the browser and its children and deletes its profile; safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            socket.abort();
        } finally {
            kill();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook runs kill() again, harmlessly.
            }
        }
    }

    private void kill() {
        killProcess(process);
        deleteTree(profile);
    }

    private static void killProcess(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        all.add(process.toHandle());
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // Killed forcibly; a process that outlives this wait is reported by isAlive() to the caller.
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // The profile is in the temporary folder; a leftover file there is harmless.
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }

    /** Collects text frames (possibly split) and hands whole messages to onMessage. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                onMessage(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            IllegalStateException gone = new IllegalStateException("the DevTools socket closed (" + status + " " + reason + ")");
            pending.values().forEach(f -> f.completeExceptionally(gone));
            load.get().completeExceptionally(gone);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            pending.values().forEach(f -> f.completeExceptionally(error));
            load.get().completeExceptionally(error);
        }
    }
}

package dev.sextant.trading.report.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class HeadlessChromiumTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private URI page(String name, String html) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, html);
        return file.toUri();
    }

    @Test
    void recordsConsoleErrorsAndUncaughtExceptions() throws IOException {
        URI url = page("errors.html", "<html><body><script>console.log('fine'); console.error('boom', 42);"
                + " setTimeout(() => { throw new Error('late failure'); }, 0);</script></body></html>");
        try (HeadlessChromium browser = HeadlessChromium.launch(WAIT)) {
            browser.navigate(url);
            browser.waitFor("true");
            browser.evaluate("new Promise(r => setTimeout(r, 100))");
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.stream().anyMatch(e -> e.contains("console.error: boom 42")), errors.toString());
            assertTrue(errors.stream().anyMatch(e -> e.contains("uncaught") && e.contains("late failure")), errors.toString());
            assertFalse(errors.stream().anyMatch(e -> e.contains("fine")), errors.toString());
        }
    }

    @Test
    void aCleanPageHasNoErrors() throws IOException {
        URI url = page("clean.html", "<html><body><p id='p'>hello</p></body></html>");
        try (HeadlessChromium browser = HeadlessChromium.launch(WAIT)) {
            browser.navigate(url);
            assertEquals("hello", browser.evaluate("document.getElementById('p').textContent").asString());
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void evaluatesExpressionsAndAwaitsPromises() throws IOException {
        try (HeadlessChromium browser = HeadlessChromium.launch(WAIT)) {
            browser.navigate(page("blank.html", "<html><body></body></html>"));
            assertEquals(7, browser.evaluate("3 + 4").asInt());
            assertEquals("done", browser.evaluate("new Promise(r => setTimeout(() => r('done'), 20))").asString());
            assertEquals(3, browser.evaluate("({a: [1, 2, 3]})").get("a").size());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> browser.evaluate("nope.x"));
            assertTrue(e.getMessage().contains("nope is not defined"), e.getMessage());
        }
    }

    @Test
    void clicksAnElementWithRealMouseEvents() throws IOException {
        URI url = page("click.html", "<html><body style='margin:0'><div style='height:1500px'></div>"
                + "<button id='b' onclick=\"this.textContent = event.isTrusted ? 'trusted' : 'synthetic'\">press</button>"
                + "</body></html>");
        try (HeadlessChromium browser = HeadlessChromium.launch(WAIT)) {
            browser.navigate(url);
            browser.click("#b");
            browser.waitFor("document.getElementById('b').textContent === 'trusted'");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> browser.click("#missing"));
            assertTrue(e.getMessage().contains("no element matches #missing"), e.getMessage());
        }
    }

    @Test
    void waitForGivesUpAfterTheTimeout() throws IOException {
        try (HeadlessChromium browser = HeadlessChromium.launch(WAIT)) {
            browser.navigate(page("blank.html", "<html><body></body></html>"));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> browser.waitFor("false", Duration.ofMillis(300)));
            assertTrue(e.getMessage().startsWith("not true within"), e.getMessage());
        }
    }

    @Test
    void takesAPngScreenshotOfTheViewport() throws IOException {
        try (HeadlessChromium browser = HeadlessChromium.launch(WAIT)) {
            browser.navigate(page("red.html", "<html><body style='background:#c00'></body></html>"));
            byte[] png = browser.screenshotPng();
            assertEquals(0x89, png[0] & 0xff);
            assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
            int width = readInt(png, 16);
            int height = readInt(png, 20);
            assertEquals(1280, width);
            assertEquals(900, height);
        }
    }

    @Test
    void loadsFromLoopbackHttpWithExtraHeadersAndRecordsFailedRequests() throws IOException {
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            boolean index = ex.getRequestURI().getPath().equals("/");
            byte[] body = (index ? "<html><body><img src='/missing.png'></body></html>" : "gone").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", index ? "text/html" : "text/plain");
            ex.sendResponseHeaders(index ? 200 : 404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try (HeadlessChromium browser = HeadlessChromium.launch(WAIT)) {
            browser.extraHeaders(Map.of("Authorization", "Bearer t0ken"));
            browser.navigate(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
            browser.waitFor("document.images[0].complete");
            assertTrue(auth.contains("Bearer t0ken"), auth.toString());
            assertTrue(browser.consoleErrors().stream().anyMatch(e -> e.contains("404")), browser.consoleErrors().toString());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void closeKillsTheBrowserAndItsChildren() {
        HeadlessChromium browser = HeadlessChromium.launch(WAIT);
        ProcessHandle handle = ProcessHandle.of(browser.pid()).orElseThrow();
        List<ProcessHandle> children = handle.descendants().toList();
        browser.close();
        assertFalse(handle.isAlive());
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive));
        browser.close();
        assertThrows(IllegalStateException.class, () -> browser.evaluate("1"));
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}

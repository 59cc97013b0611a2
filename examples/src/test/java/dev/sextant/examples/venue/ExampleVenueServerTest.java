package dev.sextant.examples.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.paper.PaperBrokerConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExampleVenueServerTest {

    private static ExampleVenueServer start(Duration idle) {
        return ExampleVenueServer.start(ExampleVenueFixture.INSTRUMENT, PaperBrokerConfig.defaults(), 100, idle);
    }

    @Test
    void listensOnLoopbackOnly() {
        try (ExampleVenueServer s = start(Duration.ofSeconds(10))) {
            assertTrue(s.address().getAddress().isLoopbackAddress());
        }
    }

    @Test
    void answersAMalformedCommandWithAnErrorAndKeepsTheConnection() throws IOException {
        try (ExampleVenueServer s = start(Duration.ofSeconds(10)); Socket c = new Socket(s.address().getAddress(), s.address().getPort())) {
            Writer w = new BufferedWriter(new OutputStreamWriter(c.getOutputStream(), StandardCharsets.UTF_8));
            InputStream in = c.getInputStream();
            w.write("HELLO|0\nFLY|away\nQUERY|1|ACCOUNT\n");
            w.flush();
            assertEquals("WELCOME|0", ExampleVenueWire.readLine(in));
            assertTrue(ExampleVenueWire.readLine(in).startsWith("ERR|unknown+command"));
            assertTrue(ExampleVenueWire.readLine(in).startsWith("ROW|1|USD|"));
            assertEquals("END|1", ExampleVenueWire.readLine(in));
        }
    }

    @Test
    void dropsAClientThatSendsAnOverlongLine() throws IOException {
        try (ExampleVenueServer s = start(Duration.ofSeconds(10)); Socket c = new Socket(s.address().getAddress(), s.address().getPort())) {
            c.getOutputStream().write(new byte[ExampleVenueWire.MAX_LINE_BYTES + 1]);
            c.getOutputStream().flush();
            try {
                assertNull(ExampleVenueWire.readLine(c.getInputStream()));
            } catch (SocketException reset) {
                // Also a dropped connection.
            }
        }
    }

    @Test
    void stopsByItselfWhenIdle() throws InterruptedException {
        ExampleVenueServer s = start(Duration.ofMillis(200));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!s.isClosed() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(s.isClosed());
    }
}

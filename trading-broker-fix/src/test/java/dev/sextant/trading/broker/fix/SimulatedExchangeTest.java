package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.sextant.trading.broker.ConnectionState;
import dev.sextant.trading.core.Clock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The simulated exchange's own start-up: a port taken between choosing and binding it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatedExchangeTest {

    @Test
    void startsOnAnotherPortWhenTheChosenOneIsTakenBeforeItBinds() throws Exception {
        Path dir = Files.createTempDirectory("sextant-fix-");
        AtomicInteger offered = new AtomicInteger();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SimulatedExchange.Settings settings = SimulatedExchange.Settings.of(dir.resolve("exchange"),
                    List.of(SimulatedExchangeFixture.INSTRUMENT));
            try (SimulatedExchange e = SimulatedExchange.start(settings,
                    () -> offered.getAndIncrement() == 0 ? taken.getLocalPort() : SimulatedExchange.freePort());
                    FixConnector c = new FixConnector(e.clientConfig(dir.resolve("client")).build(), Clock.system())) {
                assertEquals(2, offered.get(), "a second port was tried");
                assertNotEquals(taken.getLocalPort(), e.port());
                c.connect();
                assertEquals(ConnectionState.CONNECTED, c.connectionState());
            }
        } finally {
            SimulatedExchangeFixture.delete(dir);
        }
    }
}

package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PostgresServerTest {

    @Test
    void comparesVersionsNumerically() {
        assertTrue(PostgresServer.compareVersions("9.6", "16") < 0, "9.6 is older than 16");
        assertTrue(PostgresServer.compareVersions("16", "15") > 0);
        assertTrue(PostgresServer.compareVersions("9.10", "9.6") > 0);
        assertEquals(0, PostgresServer.compareVersions("16", "16.0"));
    }

    @Test
    void aStartWhosePortWasTakenRetriesOnAnotherPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger calls = new AtomicInteger();
            try (ServerSocket spare = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int sparePort = spare.getLocalPort();
                spare.close();
                List<Integer> ports = List.of(taken.getLocalPort(), sparePort);
                try (PostgresServer server = PostgresServer.start(() -> ports.get(calls.getAndIncrement()))) {
                    assertEquals(2, calls.get(), "the taken port was tried first");
                    assertNotEquals(taken.getLocalPort(), server.port());
                    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
                        assertTrue(c.isValid(10));
                    }
                }
            }
        }
    }
}

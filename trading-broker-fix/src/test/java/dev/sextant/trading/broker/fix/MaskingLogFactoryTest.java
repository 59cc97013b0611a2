package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.core.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Credentials never reach a log: the mask itself, and a real logon with a password whose session
 * messages are logged at DEBUG to target/fix-tests.log (see simplelogger.properties).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaskingLogFactoryTest {
    private static final Path LOG_FILE = Path.of("target", "fix-tests.log");

    @Test
    void masksPasswordAndNewPasswordButNothingElse() {
        String logon = "8=FIX.4.4\u00019=80\u000135=A\u0001553=alice\u0001554=s3cret\u0001925=n3w\u000110=000\u0001";
        String masked = MaskingLogFactory.mask(logon);
        assertEquals("8=FIX.4.4\u00019=80\u000135=A\u0001553=alice\u0001554=***\u0001925=***\u000110=000\u0001", masked);
        assertEquals("1554=x\u00012554=y", MaskingLogFactory.mask("1554=x\u00012554=y"), "only whole tags 554 and 925");
        assertEquals("554=***", MaskingLogFactory.mask("554=at-start"));
    }

    @Test
    void neverLogsThePasswordOfARealLogon() throws IOException {
        String password = "pw-" + Long.toString(System.nanoTime(), 36);
        String client;
        try (SimulatedExchangeFixture f = new SimulatedExchangeFixture(s -> s.withCredentials("alice", password),
                b -> b)) {
            FixConnector c = (FixConnector) f.connector();
            client = c.config().senderCompId();
            c.connect();
            c.disconnect();
        }
        String log = Files.readString(LOG_FILE);
        // Other tests log to the same file: only this test's own logon counts.
        List<String> logons = log.lines().filter(l -> l.contains("|49=" + client + "|") && l.contains("|35=A|"))
                .toList();
        assertTrue(logons.stream().anyMatch(l -> l.contains("|553=alice|")), "this logon was logged at DEBUG");
        assertTrue(logons.stream().anyMatch(l -> l.contains("|553=alice|") && l.contains("|554=***|")),
                "the password field was logged masked: " + logons);
        assertFalse(log.contains(password), "the password appears in " + LOG_FILE);
    }

    @Test
    void failsAWrongPasswordWithoutShowingIt() throws IOException {
        String password = "bad-" + Long.toString(System.nanoTime(), 36);
        try (SimulatedExchangeFixture f = new SimulatedExchangeFixture(s -> s.withCredentials("alice", "right"),
                b -> b.password(password).logonTimeout(java.time.Duration.ofSeconds(3)))) {
            FixConnector c = (FixConnector) f.connector();
            BrokerException e = assertThrows(BrokerException.class, c::connect);
            assertEquals(BrokerException.Code.CONNECTION_FAILED, e.code());
            assertFalse(e.getMessage().contains(password), e.getMessage());
            assertFalse(c.config().toString().contains(password));
            FixConnector again = new FixConnector(c.config(), Clock.system());
            assertThrows(BrokerException.class, again::connect);
            again.close();
        }
        assertFalse(Files.readString(LOG_FILE).contains(password), "the wrong password appears in " + LOG_FILE);
    }
}

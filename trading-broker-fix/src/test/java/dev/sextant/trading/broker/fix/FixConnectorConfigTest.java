package dev.sextant.trading.broker.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.broker.BrokerException;
import dev.sextant.trading.core.AssetClass;
import dev.sextant.trading.core.Instrument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FixConnectorConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("host", "fix.example.com");
        p.put("port", "9876");
        p.put("senderCompId", "ME");
        p.put("targetCompId", "VENUE");
        p.put("storeDirectory", "/tmp/store");
        p.put("instruments", "AAPL");
        return p;
    }

    @Test
    void readsStringSettingsWithDefaults() {
        FixConnectorConfig c = FixConnectorConfig.fromProperties(minimal());
        assertEquals("fix.example.com", c.host());
        assertEquals(9876, c.port());
        assertEquals("FIX.4.4", c.beginString());
        assertEquals("FIX44.xml", c.dataDictionary());
        assertEquals(List.of(Instrument.equity("AAPL", "fix")), c.instruments());
        assertEquals(Duration.ofSeconds(5), c.requestTimeout());
        assertTrue(c.massStatus() && c.positionRequests() && c.collateralInquiry());
        assertFalse(c.resetOnLogon());
        assertEquals(FixConnectorConfig.DEFAULT_RETAINED_FINISHED_ORDERS, c.retainedFinishedOrders());
    }

    @Test
    void boundsTheFinishedOrdersKeptAndRejectsANonPositiveBoundNamingIt() {
        Map<String, String> p = minimal();
        p.put("retainedFinishedOrders", "250");
        FixConnectorConfig c = FixConnectorConfig.fromProperties(p);
        assertEquals(250, c.retainedFinishedOrders());
        assertEquals(250, c.toBuilder().build().retainedFinishedOrders(), "toBuilder keeps it");
        p.put("retainedFinishedOrders", "0");
        BrokerException zero = assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p));
        assertTrue(zero.getMessage().contains("retainedFinishedOrders must be positive but was 0"), zero.getMessage());
        p.put("retainedFinishedOrders", "lots");
        BrokerException words = assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p));
        assertTrue(words.getMessage().contains("'retainedFinishedOrders' must be a whole number but was 'lots'"),
                words.getMessage());
    }

    @Test
    void parsesInstrumentsWithTickLotCurrencyAndAssetClassUnderTheVenue() {
        Map<String, String> p = minimal();
        p.put("venue", "xfix");
        p.put("instruments", "AAPL, BTC/USD:0.01:0.00000001:USD:crypto");
        FixConnectorConfig c = FixConnectorConfig.fromProperties(p);
        assertEquals(Instrument.equity("AAPL", "xfix"), c.instruments().get(0));
        assertEquals(new Instrument("BTC/USD", "xfix", AssetClass.CRYPTO, "USD", 0.01, 1e-8), c.instruments().get(1));
    }

    @Test
    void readsDurationsAsIsoOrMilliseconds() {
        Map<String, String> p = minimal();
        p.put("logonTimeout", "PT3S");
        p.put("requestTimeout", "250");
        FixConnectorConfig c = FixConnectorConfig.fromProperties(p);
        assertEquals(Duration.ofSeconds(3), c.logonTimeout());
        assertEquals(Duration.ofMillis(250), c.requestTimeout());
    }

    @Test
    void rejectsUnknownKeysNamingThem() {
        Map<String, String> p = minimal();
        p.put("hots", "x");
        BrokerException e = assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p));
        assertEquals(BrokerException.Code.INVALID_CONFIG, e.code());
        assertTrue(e.getMessage().contains("[hots]"), e.getMessage());
    }

    @Test
    void rejectsABadPortNamingKeyAndValue() {
        Map<String, String> p = minimal();
        p.put("port", "98x");
        BrokerException e = assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p));
        assertTrue(e.getMessage().contains("'port'") && e.getMessage().contains("'98x'"), e.getMessage());
        p.put("port", "70000");
        e = assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p));
        assertTrue(e.getMessage().contains("port must be"), e.getMessage());
    }

    @Test
    void rejectsABadBooleanDurationOrInstrument() {
        Map<String, String> p = minimal();
        p.put("massStatus", "yes");
        assertTrue(assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p)).getMessage()
                .contains("'massStatus' must be true or false but was 'yes'"));
        p.remove("massStatus");
        p.put("logonTimeout", "soon");
        assertTrue(assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p)).getMessage()
                .contains("'logonTimeout'"));
        p.remove("logonTimeout");
        p.put("instruments", "AAPL:0.01");
        assertTrue(assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p)).getMessage()
                .contains("'AAPL:0.01' must be SYMBOL or SYMBOL:TICK:LOT"));
    }

    @Test
    void requiresTheSessionSettingsNamingTheMissingOne() {
        Map<String, String> p = minimal();
        p.remove("senderCompId");
        BrokerException e = assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(p));
        assertTrue(e.getMessage().contains("senderCompId"), e.getMessage());
        Map<String, String> q = minimal();
        q.remove("instruments");
        assertTrue(assertThrows(BrokerException.class, () -> FixConnectorConfig.fromProperties(q)).getMessage()
                .contains("instruments must not be empty"));
    }

    @Test
    void refusesExtraSettingsThatShadowATypedField() {
        FixConnectorConfig.Builder b = FixConnectorConfig.fromProperties(minimal()).toBuilder()
                .extraSettings(Map.of("SenderCompID", "OTHER"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("SenderCompID"), e.getMessage());
    }

    @Test
    void neverShowsThePasswordInToString() {
        Map<String, String> p = minimal();
        p.put("password", "hunter2-secret");
        FixConnectorConfig c = FixConnectorConfig.fromProperties(p);
        assertEquals("hunter2-secret", c.password());
        assertFalse(c.toString().contains("hunter2"), c.toString());
        assertTrue(c.toString().contains("password=***"));
    }

    @Test
    void readsAQuickFixSettingsFileWithSextantKeysAndKeepsOtherSettings(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("session.cfg");
        Files.writeString(file, """
                [DEFAULT]
                ConnectionType=initiator
                HeartBtInt=20
                FileStorePath=%s
                SocketUseSSL=N
                SextantInstruments=MSFT,ESZ6:0.25:1:USD:FUTURE
                SextantVenue=cme
                SextantPassword=pw-in-file
                SextantMassStatus=N
                SextantRetainedFinishedOrders=500

                [SESSION]
                BeginString=FIX.4.4
                SenderCompID=CLIENT
                TargetCompID=EXCH
                SocketConnectHost=127.0.0.1
                SocketConnectPort=7001
                """.formatted(dir.resolve("store")));
        FixConnectorConfig c = FixConnectorConfig.fromSettingsFile(file);
        assertEquals("CLIENT", c.senderCompId());
        assertEquals("EXCH", c.targetCompId());
        assertEquals(7001, c.port());
        assertEquals(20, c.heartbeatSeconds());
        assertEquals(dir.resolve("store"), c.storeDirectory());
        assertEquals("cme", c.venue());
        assertEquals(Instrument.equity("MSFT", "cme"), c.instruments().getFirst());
        assertEquals(AssetClass.FUTURE, c.instruments().get(1).assetClass());
        assertEquals("pw-in-file", c.password());
        assertFalse(c.massStatus());
        assertEquals(500, c.retainedFinishedOrders());
        assertEquals(Map.of("SocketUseSSL", "N"), c.extraSettings());
    }

    @Test
    void rejectsASettingsFileWithoutExactlyOneSession(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("none.cfg");
        Files.writeString(file, "[DEFAULT]\nConnectionType=initiator\n");
        BrokerException e = assertThrows(BrokerException.class, () -> FixConnectorConfig.fromSettingsFile(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("exactly one [SESSION]"),
                e.getMessage());
        Path acceptor = dir.resolve("acceptor.cfg");
        Files.writeString(acceptor, "[DEFAULT]\nConnectionType=acceptor\n[SESSION]\nBeginString=FIX.4.4\n"
                + "SenderCompID=A\nTargetCompID=B\n");
        assertTrue(assertThrows(BrokerException.class, () -> FixConnectorConfig.fromSettingsFile(acceptor)).getMessage()
                .contains("ConnectionType must be initiator"));
        assertEquals(BrokerException.Code.INVALID_CONFIG, assertThrows(BrokerException.class,
                () -> FixConnectorConfig.fromSettingsFile(dir.resolve("missing.cfg"))).code());
    }

    @Test
    void letsStringSettingsOverrideTheSettingsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("s.cfg");
        Files.writeString(file, "[DEFAULT]\nConnectionType=initiator\nFileStorePath=" + dir + "\nSextantInstruments=X\n"
                + "[SESSION]\nBeginString=FIX.4.4\nSenderCompID=A\nTargetCompID=B\nSocketConnectHost=h\n"
                + "SocketConnectPort=1\n");
        FixConnectorConfig c = FixConnectorConfig.fromProperties(Map.of("settingsFile", file.toString(), "port", "2"));
        assertEquals(2, c.port());
        assertEquals("A", c.senderCompId());
    }
}

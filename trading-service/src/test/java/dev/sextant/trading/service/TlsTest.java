package dev.sextant.trading.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsTest {
    private static final char[] PASSWORD = "changeit-test".toCharArray();

    @TempDir
    Path dir;

    /** A self-signed certificate for 127.0.0.1 made with the JDK's keytool. */
    private Path keyStore() throws IOException, InterruptedException {
        Path ks = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, p.exitValue(), output);
        return ks;
    }

    private static SSLContext trusting(Path ks) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, PASSWORD);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }

    @Test
    void servesHttpsWithAKeyStoreAndTheClientTrustingItsCertificateGetsAnswers() throws Exception {
        Path ks = keyStore();
        try (ServiceRig rig = new ServiceRig(dir, false, ServiceLimits.defaults(),
                b -> b.tls(Tls.fromKeyStore(ks, PASSWORD)))) {
            assertTrue(rig.service.baseUrl().startsWith("https://127.0.0.1:"));
            HttpClient client = HttpClient.newBuilder().sslContext(trusting(ks)).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(rig.service.baseUrl() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            HttpResponse<String> models = client.send(HttpRequest.newBuilder(URI.create(rig.service.baseUrl()
                    + "/api/v1/models")).header("Authorization", "Bearer " + ServiceRig.VIEWER).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, models.statusCode());
            HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThrows(IOException.class, () -> untrusting.send(HttpRequest.newBuilder(URI.create(
                    rig.service.baseUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString()),
                    "a client that does not trust the certificate cannot talk to the service");
        }
    }

    @Test
    void aWrongKeyStorePasswordIsRefusedNamingTheStore() throws Exception {
        Path ks = keyStore();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tls.fromKeyStore(ks, "wrong".toCharArray()));
        assertTrue(e.getMessage().contains(ks.toString()), e.getMessage());
    }
}

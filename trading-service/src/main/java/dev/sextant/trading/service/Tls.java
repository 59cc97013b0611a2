package dev.sextant.trading.service;

import dev.sextant.trading.core.Checks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** TLS set-up for {@link SignalService.Builder#tls}. */
public final class Tls {
    private Tls() {
    }

    /**
     * A server context from a key store (PKCS#12 or JKS, detected) holding the server's key and
     * certificate chain; the key's password is the store's.
     *
     * @throws IllegalArgumentException if the store cannot be opened with the password or holds no key
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static SSLContext fromKeyStore(Path keyStore, char[] password) {
        Checks.notNull(keyStore, "keyStore");
        Checks.notNull(password, "password");
        try {
            KeyStore ks = KeyStore.getInstance(keyStore.toFile(), password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            if (!ks.aliases().hasMoreElements()) {
                throw new IllegalArgumentException("key store " + keyStore + " holds no key");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException || e.getMessage() != null
                    && e.getMessage().contains("password")) {
                throw new IllegalArgumentException("key store " + keyStore + " cannot be opened: wrong password?", e);
            }
            throw new UncheckedIOException("cannot read key store " + keyStore + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key store " + keyStore + " cannot be used: " + e.getMessage(), e);
        }
    }
}

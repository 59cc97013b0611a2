package dev.sextant.trading.live;

import dev.sextant.trading.core.Checks;
import dev.sextant.trading.live.internal.PostgresJournalStore;
import dev.sextant.trading.live.internal.SqliteJournalStore;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The journal storage backends: SQLite (embedded, the default) and PostgreSQL (shared by
 * several sessions). Each call opens a new connection; the caller closes the store.
 */
public final class JournalStores {
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private JournalStores() {
    }

    /**
     * Opens or creates a SQLite journal file (WAL mode, {@code synchronous=FULL}).
     *
     * @throws JournalException if the file cannot be opened as a SQLite database
     */
    public static JournalStore sqlite(Path file) {
        return SqliteJournalStore.open(Checks.notNull(file, "file"));
    }

    /**
     * Connects to PostgreSQL and opens or creates the journal named {@code journal} in the
     * shared tables. Needs {@code org.postgresql:postgresql} on the class path.
     *
     * @param jdbcUrl              {@code jdbc:postgresql://host:port/database}
     * @param connectionProperties user, password and other driver properties
     * @param journal              the journal's name, e.g. the strategy id; not blank
     * @throws JournalException if the server cannot be reached or the tables cannot be created
     */
    public static JournalStore postgres(String jdbcUrl, Properties connectionProperties, String journal) {
        Checks.notBlank(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(POSTGRES_PREFIX)) {
            throw new IllegalArgumentException("jdbcUrl must start with " + POSTGRES_PREFIX + " but was " + jdbcUrl);
        }
        return PostgresJournalStore.open(jdbcUrl, Checks.notNull(connectionProperties, "connectionProperties"),
                Checks.notBlank(journal, "journal"));
    }

    /**
     * Opens a journal named on a command line: a {@code jdbc:postgresql:} URL (credentials as URL
     * parameters, the journal's name in the URL fragment after {@code #}, {@code default} when
     * none), else a SQLite file path.
     */
    public static JournalStore open(String location) {
        Checks.notBlank(location, "location");
        if (location.startsWith(POSTGRES_PREFIX)) {
            int hash = location.lastIndexOf('#');
            String url = hash < 0 ? location : location.substring(0, hash);
            String journal = hash < 0 ? "default" : location.substring(hash + 1);
            return postgres(url, new Properties(), journal);
        }
        return sqlite(Path.of(location));
    }
}

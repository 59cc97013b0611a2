package dev.sextant.trading.live.internal;

import dev.sextant.trading.live.JournalException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * A journal in PostgreSQL: several sessions (strategies) share the tables, each journal keyed by
 * its name in a {@code journal} column. Commits are synchronous (the server's default), so an
 * append is durable when it returns. Needs the {@code org.postgresql:postgresql} driver on the
 * class path.
 */
public final class PostgresJournalStore extends JdbcJournalStore {

    private PostgresJournalStore(Connection connection, String location, String journal) {
        super(connection, location, journal);
    }

    /**
     * Connects to {@code jdbcUrl} ({@code jdbc:postgresql://host:port/db}) and opens or creates
     * the journal {@code journal}.
     */
    public static PostgresJournalStore open(String jdbcUrl, Properties connectionProperties, String journal) {
        int query = jdbcUrl.indexOf('?');
        String location = (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) + "#" + journal;
        try {
            Connection c = DriverManager.getConnection(jdbcUrl, connectionProperties);
            return new PostgresJournalStore(c, location, journal);
        } catch (SQLException e) {
            throw new JournalException("journal " + location + ": could not connect: " + e.getMessage(), e);
        }
    }

    @Override
    protected List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS events (journal TEXT NOT NULL, seq BIGINT NOT NULL, payload TEXT NOT NULL, "
                        + "hash TEXT NOT NULL, PRIMARY KEY (journal, seq))",
                "CREATE TABLE IF NOT EXISTS checkpoints (journal TEXT NOT NULL, seq BIGINT NOT NULL, hash TEXT NOT NULL, "
                        + "created_at TEXT NOT NULL, PRIMARY KEY (journal, seq))",
                "CREATE TABLE IF NOT EXISTS quarantine (id BIGSERIAL PRIMARY KEY, journal TEXT NOT NULL, seq BIGINT NOT NULL, "
                        + "payload TEXT, hash TEXT, reason TEXT NOT NULL, quarantined_at TEXT NOT NULL)");
    }
}

package dev.sextant.trading.live.internal;

import dev.sextant.trading.live.JournalException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The embedded journal: one SQLite file in WAL mode with {@code synchronous=FULL}, so that a
 * committed append survives a power loss. The journal is the table {@code events(seq INTEGER
 * PRIMARY KEY, payload TEXT, hash TEXT)}; {@code checkpoints} and {@code quarantine} sit beside it.
 */
public final class SqliteJournalStore extends JdbcJournalStore {

    private SqliteJournalStore(Connection connection, String location) {
        super(connection, location, null);
    }

    /** Opens or creates the journal file {@code file}. */
    public static SqliteJournalStore open(Path file) {
        Path absolute = file.toAbsolutePath();
        String location = "sqlite:" + absolute;
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + absolute);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=10000");
            }
            return new SqliteJournalStore(c, location);
        } catch (SQLException e) {
            throw new JournalException("journal " + location + ": could not open: " + e.getMessage(), e);
        }
    }

    @Override
    protected List<String> schema() {
        return List.of(
                "CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL, hash TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS checkpoints (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS quarantine (id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL, "
                        + "payload TEXT, hash TEXT, reason TEXT NOT NULL, quarantined_at TEXT NOT NULL)");
    }
}

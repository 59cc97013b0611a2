package dev.sextant.trading.live.internal;

import dev.sextant.trading.live.JournalException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

/**
 * Opens the database of a model registry: the same SQLite file or PostgreSQL database as a
 * journal, with the registry's own tables ({@code model_versions}, {@code model_stage_changes}),
 * keyed by the registry's name so that several registries can share a PostgreSQL database. The
 * SQL is the same on both.
 *
 * @param connection an open connection, auto-commit off, tables created
 * @param location   where the registry lives, without credentials, e.g. {@code sqlite:/data/j.db#default}
 * @param name       the registry's name (its key in the tables)
 */
public record RegistryDatabase(Connection connection, String location, String name) {
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    /** The name of a registry opened without one. */
    public static final String DEFAULT_NAME = "default";

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS model_versions (registry TEXT NOT NULL, version BIGINT NOT NULL, "
                    + "bundle_id TEXT NOT NULL, bundle_version TEXT NOT NULL, digest TEXT NOT NULL, location TEXT NOT NULL, "
                    + "stage TEXT NOT NULL, registered_at TEXT NOT NULL, lineage TEXT NOT NULL, PRIMARY KEY (registry, version))",
            "CREATE TABLE IF NOT EXISTS model_stage_changes (registry TEXT NOT NULL, seq BIGINT NOT NULL, "
                    + "version BIGINT NOT NULL, from_stage TEXT NOT NULL, to_stage TEXT NOT NULL, move TEXT NOT NULL, "
                    + "actor TEXT NOT NULL, reason TEXT NOT NULL, changed_at TEXT NOT NULL, PRIMARY KEY (registry, seq))");

    /**
     * Opens a registry named on a command line: a {@code jdbc:postgresql:} URL (the registry's
     * name after {@code #}, {@code default} when none), else a SQLite file path (created if absent).
     */
    public static RegistryDatabase open(String location) {
        if (location.startsWith(POSTGRES_PREFIX)) {
            int hash = location.lastIndexOf('#');
            String url = hash < 0 ? location : location.substring(0, hash);
            String name = hash < 0 ? DEFAULT_NAME : location.substring(hash + 1);
            return postgres(url, new Properties(), name);
        }
        return sqlite(Path.of(location));
    }

    /** Opens or creates the registry tables in a SQLite file (WAL mode, {@code synchronous=FULL}). */
    public static RegistryDatabase sqlite(Path file) {
        Path absolute = file.toAbsolutePath();
        String where = "sqlite:" + absolute + "#" + DEFAULT_NAME;
        try {
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + absolute);
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=10000");
            }
            return create(c, where, DEFAULT_NAME);
        } catch (SQLException e) {
            throw new JournalException("registry " + where + ": could not open: " + e.getMessage(), e);
        }
    }

    /** Connects to PostgreSQL and opens or creates the registry {@code name} in the shared tables. */
    public static RegistryDatabase postgres(String jdbcUrl, Properties properties, String name) {
        int query = jdbcUrl.indexOf('?');
        String where = (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)) + "#" + name;
        try {
            return create(DriverManager.getConnection(jdbcUrl, properties), where, name);
        } catch (SQLException e) {
            throw new JournalException("registry " + where + ": could not connect: " + e.getMessage(), e);
        }
    }

    private static RegistryDatabase create(Connection c, String where, String name) throws SQLException {
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    st.execute(ddl);
                }
            }
            c.commit();
            return new RegistryDatabase(c, where, name);
        } catch (SQLException e) {
            c.close();
            throw new JournalException("registry " + where + ": could not create the registry tables: " + e.getMessage(), e);
        }
    }
}

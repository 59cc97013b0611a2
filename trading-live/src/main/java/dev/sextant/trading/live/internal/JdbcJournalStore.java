package dev.sextant.trading.live.internal;

import dev.sextant.trading.live.JournalException;
import dev.sextant.trading.live.JournalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link JournalStore} on one JDBC connection: the SQL both backends share. A backend gives
 * its schema and, where several journals share the tables (PostgreSQL), the journal's name
 * as a key column. Not thread-safe (the {@link dev.sextant.trading.live.Journal} serialises).
 */
public abstract class JdbcJournalStore implements JournalStore {
    private static final int SCAN_PAGE = 2_000;

    private final Connection connection;
    private final String location;
    private final String journalKey;
    private final String scope;

    /**
     * @param connection an open connection; this store owns and closes it
     * @param location   where the journal lives, without credentials
     * @param journalKey the journal's name in a {@code journal} key column, or null when the tables hold one journal
     */
    protected JdbcJournalStore(Connection connection, String location, String journalKey) {
        this.connection = connection;
        this.location = location;
        this.journalKey = journalKey;
        this.scope = journalKey == null ? "" : "journal = ? AND ";
        try {
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                for (String ddl : schema()) {
                    st.execute(ddl);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            closeQuietly();
            throw failure("could not create the journal tables", e);
        }
    }

    /** CREATE TABLE IF NOT EXISTS statements of {@code events}, {@code checkpoints} and {@code quarantine}. */
    protected abstract List<String> schema();

    @Override
    public final void append(List<Row> rows, List<Checkpoint> checkpoints) {
        String keyColumn = journalKey == null ? "" : "journal, ";
        String keyBind = journalKey == null ? "" : "?, ";
        try (PreparedStatement events = connection.prepareStatement(
                "INSERT INTO events (" + keyColumn + "seq, payload, hash) VALUES (" + keyBind + "?, ?, ?)");
             PreparedStatement marks = connection.prepareStatement(
                "INSERT INTO checkpoints (" + keyColumn + "seq, hash, created_at) VALUES (" + keyBind + "?, ?, ?)")) {
            for (Row row : rows) {
                int i = bindKey(events, 1);
                events.setLong(i, row.seq());
                events.setString(i + 1, row.payload());
                events.setString(i + 2, row.hash());
                events.addBatch();
            }
            for (Checkpoint c : checkpoints) {
                int i = bindKey(marks, 1);
                marks.setLong(i, c.seq());
                marks.setString(i + 1, c.hash());
                marks.setString(i + 2, c.createdAt());
                marks.addBatch();
            }
            if (!rows.isEmpty()) {
                events.executeBatch();
            }
            if (!checkpoints.isEmpty()) {
                marks.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            String range = rows.isEmpty() ? "" : " (seq " + rows.getFirst().seq() + ".." + rows.getLast().seq() + ")";
            throw failure("could not append" + range, e);
        }
    }

    @Override
    public final Optional<Row> last() {
        return single("SELECT seq, payload, hash FROM events WHERE " + scope + "1 = 1 ORDER BY seq DESC LIMIT 1", -1);
    }

    @Override
    public final Optional<Row> row(long seq) {
        return single("SELECT seq, payload, hash FROM events WHERE " + scope + "seq = ?", seq);
    }

    private Optional<Row> single(String sql, long seq) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            int i = bindKey(st, 1);
            if (seq >= 0) {
                st.setLong(i, seq);
            }
            try (ResultSet rs = st.executeQuery()) {
                Optional<Row> row = rs.next() ? Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3))) : Optional.empty();
                connection.commit();
                return row;
            }
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("could not read" + (seq >= 0 ? " seq " + seq : " the last record"), e);
        }
    }

    @Override
    public final void scan(long fromSeq, Consumer<Row> sink) {
        long next = fromSeq;
        while (true) {
            List<Row> page = new ArrayList<>(SCAN_PAGE);
            try (PreparedStatement st = connection.prepareStatement("SELECT seq, payload, hash FROM events WHERE "
                    + scope + "seq >= ? ORDER BY seq LIMIT " + SCAN_PAGE)) {
                int i = bindKey(st, 1);
                st.setLong(i, next);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        page.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
                connection.commit();
            } catch (SQLException e) {
                rollbackQuietly();
                throw failure("could not read from seq " + next, e);
            }
            page.forEach(sink);
            if (page.size() < SCAN_PAGE) {
                return;
            }
            next = page.getLast().seq() + 1;
        }
    }

    @Override
    public final List<Checkpoint> checkpoints() {
        List<Checkpoint> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT seq, hash, created_at FROM checkpoints WHERE " + scope + "1 = 1 ORDER BY seq")) {
            bindKey(st, 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Checkpoint(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            connection.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("could not read the checkpoints", e);
        }
    }

    @Override
    public final void quarantine(long seq, String reason) {
        String keyColumn = journalKey == null ? "" : "journal, ";
        String keySelect = journalKey == null ? "" : "journal, ";
        try (PreparedStatement copy = connection.prepareStatement("INSERT INTO quarantine (" + keyColumn
                + "seq, payload, hash, reason, quarantined_at) SELECT " + keySelect + "seq, payload, hash, ?, ? FROM events WHERE "
                + scope + "seq = ?");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM events WHERE " + scope + "seq = ?")) {
            copy.setString(1, reason);
            copy.setString(2, Instant.now().toString());
            int i = bindKey(copy, 3);
            copy.setLong(i, seq);
            copy.executeUpdate();
            i = bindKey(delete, 1);
            delete.setLong(i, seq);
            delete.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("could not quarantine seq " + seq, e);
        }
    }

    @Override
    public final List<Row> quarantined() {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT seq, payload, hash FROM quarantine WHERE " + scope + "1 = 1 ORDER BY id")) {
            bindKey(st, 1);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
            connection.commit();
            return out;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure("could not read the quarantine", e);
        }
    }

    @Override
    public final String location() {
        return location;
    }

    @Override
    public final void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("could not close", e);
        }
    }

    private int bindKey(PreparedStatement st, int index) throws SQLException {
        if (journalKey == null) {
            return index;
        }
        st.setString(index, journalKey);
        return index + 1;
    }

    private JournalException failure(String what, SQLException e) {
        return new JournalException("journal " + location + ": " + what + ": " + e.getMessage(), e);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see.
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The original failure is what the caller needs to see.
        }
    }
}

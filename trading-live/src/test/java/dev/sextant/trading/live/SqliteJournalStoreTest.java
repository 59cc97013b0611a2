package dev.sextant.trading.live;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The journal conformance suite on the embedded SQLite backend. */
class SqliteJournalStoreTest extends JournalStoreConformance {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @TempDir
    Path dir;
    private Path file;

    @Override
    JournalStore freshStore() {
        file = dir.resolve("journal-" + COUNTER.incrementAndGet() + ".db");
        return JournalStores.sqlite(file);
    }

    @Override
    JournalStore reopen() {
        return JournalStores.sqlite(file);
    }

    @Override
    Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    @Override
    String scope() {
        return "";
    }
}

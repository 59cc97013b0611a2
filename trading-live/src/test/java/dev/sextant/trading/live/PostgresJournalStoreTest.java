package dev.sextant.trading.live;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * The journal conformance suite on PostgreSQL: a real server started by the test on loopback
 * (see {@link PostgresServer}); each test uses its own journal name in the shared tables, so
 * the tests also show that journals sharing a database stay apart.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PostgresJournalStoreTest extends JournalStoreConformance {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static PostgresServer server;

    private String journal;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    JournalStore freshStore() {
        journal = "strategy-" + COUNTER.incrementAndGet();
        return reopen();
    }

    @Override
    JournalStore reopen() {
        return JournalStores.postgres(server.jdbcUrl(), new Properties(), journal);
    }

    @Override
    Connection raw() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl());
    }

    @Override
    String scope() {
        return "journal = '" + journal + "' AND ";
    }

    @Override
    String journalName() {
        return journal;
    }
}

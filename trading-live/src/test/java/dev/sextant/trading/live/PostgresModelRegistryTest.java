package dev.sextant.trading.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sextant.trading.live.registry.ModelRegistry;
import dev.sextant.trading.live.registry.ModelRegistryConformance;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The model registry's conformance suite on a real PostgreSQL server started by the test (see
 * {@link PostgresServer}); each test uses its own registry name in the shared tables. Lives in
 * this package because the server helper does.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PostgresModelRegistryTest extends ModelRegistryConformance {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static PostgresServer server;

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
    protected ModelRegistry fresh() {
        return ModelRegistry.postgres(server.jdbcUrl(), new Properties(), "registry-" + COUNTER.incrementAndGet(),
                audited::add);
    }

    @Test
    void theSuiteRunsOnARealPostgresServerThatHoldsTheRegistryTables() throws Exception {
        try (ModelRegistry ignored = fresh();
                Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement st = c.createStatement()) {
            try (ResultSet version = st.executeQuery("SELECT version()")) {
                assertTrue(version.next() && version.getString(1).startsWith("PostgreSQL"), "not a PostgreSQL server");
            }
            try (ResultSet tables = st.executeQuery("SELECT count(*) FROM information_schema.tables "
                    + "WHERE table_name IN ('model_versions', 'model_stage_changes')")) {
                assertTrue(tables.next() && tables.getInt(1) == 2, "the registry's two tables are on the server");
            }
        }
    }
}

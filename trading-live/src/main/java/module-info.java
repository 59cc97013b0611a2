/**
 * Sextant's live trading: {@link dev.sextant.trading.live.TradingSession} runs the engine's
 * pipeline on a market-data feed and a venue, with every state change in a write-ahead,
 * hash-chained event journal (SQLite embedded, PostgreSQL through JDBC); recovery after a crash
 * replays the journal; the audit trail verifies and exports it.
 */
module dev.sextant.trading.live {
    requires transitive dev.sextant.trading.engine;
    requires transitive java.sql;
    requires tools.jackson.databind;
    requires org.slf4j;
    requires org.xerial.sqlitejdbc;

    exports dev.sextant.trading.live;
    exports dev.sextant.trading.live.registry;

    // Journal events are records read and written by Jackson.
    opens dev.sextant.trading.live to tools.jackson.databind;
}

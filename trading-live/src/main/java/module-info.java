/**
 * Sextant's live trading: the write-ahead, hash-chained event journal (SQLite embedded,
 * PostgreSQL through JDBC), crash repair and the audit trail (verification and export).
 */
module dev.sextant.trading.live {
    requires transitive dev.sextant.trading.core;
    requires transitive java.sql;
    requires tools.jackson.databind;
    requires org.slf4j;
    requires org.xerial.sqlitejdbc;

    exports dev.sextant.trading.live;

    // Journal events are records read and written by Jackson.
    opens dev.sextant.trading.live to tools.jackson.databind;
}

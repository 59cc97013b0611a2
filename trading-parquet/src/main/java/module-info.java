/**
 * Bars from Parquet files with the validation of the bars CSV readers, through DuckDB's embedded
 * JDBC driver: {@link dev.sextant.trading.parquet.BarParquetReader}.
 */
module dev.sextant.trading.parquet {
    requires transitive dev.sextant.trading.core;
    requires java.sql;
    requires duckdb.jdbc;

    exports dev.sextant.trading.parquet;
}

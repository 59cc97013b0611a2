/**
 * Bars from Parquet files, read through DuckDB's embedded JDBC driver with the same validation and
 * typed errors as the bars CSV readers.
 */
package dev.sextant.trading.parquet;

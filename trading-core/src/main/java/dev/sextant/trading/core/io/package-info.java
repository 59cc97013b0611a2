/**
 * Market-data and file input and output: strict bars and trades readers (CSV, Ta4j JSON) with
 * bounded lines and typed errors naming file, line and field, resampling and trade aggregation,
 * the bars CSV writer, and {@link dev.sextant.trading.core.io.AtomicFileWriter}, through which
 * every output file is written.
 */
package dev.sextant.trading.core.io;

/**
 * JMH benchmarks of market-data reading: bars from CSV (sequential and parallel readers) and from
 * Parquet, on generated files of a fixed size. Not part of the published SDK.
 */
package dev.sextant.benchmarks.core;

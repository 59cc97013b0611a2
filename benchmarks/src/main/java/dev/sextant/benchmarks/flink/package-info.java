/**
 * JMH benchmarks of the Flink integration: a bounded trading job on a local mini cluster and the
 * per-instrument state it keeps. Not part of the published SDK.
 */
package dev.sextant.benchmarks.flink;

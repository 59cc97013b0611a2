/**
 * JMH benchmarks of live trading: the journal's cost per decision, with and without an order
 * request appended durably, and a paper trading session's throughput in bars per second. Not part
 * of the published SDK.
 */
package dev.sextant.benchmarks.live;

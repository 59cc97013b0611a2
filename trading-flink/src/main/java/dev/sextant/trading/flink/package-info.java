/**
 * Sextant on Apache Flink: a keyed trading job (signals per instrument, risk per account, champion
 * model updates by broadcast) with managed state, its order gateway and sink, and walk-forward
 * sweeps run as Flink tasks.
 */
package dev.sextant.trading.flink;

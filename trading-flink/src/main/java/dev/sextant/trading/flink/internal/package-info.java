/**
 * The Flink job's operators and serialisable messages, not part of the API: the instrument signal
 * stage, the account risk stage, the hand-off between them, sweep tasks and the local run's row
 * files.
 */
package dev.sextant.trading.flink.internal;

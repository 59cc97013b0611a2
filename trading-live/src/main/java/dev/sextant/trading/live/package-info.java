/**
 * Live trading: the trading session that runs the pipeline on a feed and a venue, the write-ahead,
 * hash-chained event journal (SQLite or PostgreSQL) it records every state change in, recovery
 * after a crash by replaying the journal, and the audit trail that verifies and exports it.
 */
package dev.sextant.trading.live;

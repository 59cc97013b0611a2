/**
 * Live trading internals, not part of the API: the SQLite, PostgreSQL and JDBC journal stores, the
 * event codec, the session's journal writer and the registry's database.
 */
package dev.sextant.trading.live.internal;

/**
 * Engine internals, not part of the API: the simulated market a backtest runs on, round-trip
 * accounting of fills, and a borrowed model that an ensemble must not close.
 */
package dev.sextant.trading.engine.internal;

/**
 * The files of a backtest, evaluation or walk-forward report folder (equity, trades, exposure,
 * decisions, metrics, feature importance) and the performance metrics they hold, each file written
 * atomically.
 */
package dev.sextant.trading.engine.report;

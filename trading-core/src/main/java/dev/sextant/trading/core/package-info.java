/**
 * Sextant's vocabulary: instruments, bars and bar series, time frames, signals, order requests,
 * orders, fills, positions, the portfolio, costs and clocks; values are validated records, and
 * {@link dev.sextant.trading.core.Checks} is the one argument-checking helper.
 */
package dev.sextant.trading.core;

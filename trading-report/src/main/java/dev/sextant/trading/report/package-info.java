/**
 * Tear sheets: one self-contained HTML page, with Apache ECharts inlined, from a backtest,
 * walk-forward or paper-session report folder, written atomically.
 */
package dev.sextant.trading.report;

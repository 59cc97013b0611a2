/**
 * Sextant's engine: the in-process trading pipeline from signal to risk to order, the event-driven
 * backtester, bundle training, walk-forward evaluation that cannot see the future, multi-timeframe
 * models and drift guarding.
 */
package dev.sextant.trading.engine;

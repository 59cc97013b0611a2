/**
 * JMH benchmarks of the engine: a full event-driven backtest, multi-timeframe prediction and the
 * reinforcement-learning trading environment's step. Not part of the published SDK.
 */
package dev.sextant.benchmarks.engine;

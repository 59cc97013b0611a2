/**
 * The paper broker: a deterministic, seeded simulated venue with slippage and a replay feed,
 * provided under the id {@code paper}; what backtests and paper sessions trade against.
 */
package dev.sextant.trading.broker.paper;

/**
 * Risk: position sizing, the pre-trade check chain and its limits, the kill switch, the model
 * circuit breaker, exits, value at risk, and the risk state built from fills and marks.
 */
package dev.sextant.trading.risk;

/**
 * Example 2, embedding live trading: a trading pipeline attached to a market-data feed and a
 * broker connector, a listener receiving every decision, and the kill switch tripped and re-armed
 * by an operator while the session runs.
 */
package dev.sextant.examples.live;

/**
 * The broker SPI: the venue connector and market-data feed interfaces that adapters implement and
 * publish with a {@code BrokerProvider}, the order events they deliver, the blotter that applies
 * them through the order state machine and reconciles with the venue, and the pre-trade gate in
 * front of every order.
 */
package dev.sextant.trading.broker;

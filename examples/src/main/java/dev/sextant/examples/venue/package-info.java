/**
 * Example 3, a venue adapter: a complete {@code BrokerConnector} over a real TCP socket to a local
 * simulated venue, its typed configuration and its {@code BrokerProvider}; the skeleton to copy
 * for an adapter of one's own venue, tested with the broker conformance kit.
 */
package dev.sextant.examples.venue;

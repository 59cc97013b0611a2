/**
 * The broker conformance kit: abstract JUnit 5 tests that a venue adapter's own tests extend, with
 * a venue fixture the adapter supplies, to prove that the adapter honours the {@code
 * BrokerConnector} contract: connection states, fills, cancels and replaces, rejects, idempotent
 * resubmission, duplicated and reordered events, and reconciliation after a reconnect.
 */
package dev.sextant.trading.broker.tck;

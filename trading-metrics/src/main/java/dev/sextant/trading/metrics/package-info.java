/**
 * Optional Micrometer metrics of live trading sessions and notifications, and a Prometheus scrape
 * endpoint; meter names follow Micrometer's conventions and are removed when a session closes.
 */
package dev.sextant.trading.metrics;

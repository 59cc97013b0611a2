/**
 * Notification internals, not part of the API: one JSON POST with the JDK's HTTP client, its
 * outcome classified for retrying.
 */
package dev.sextant.trading.notify.internal;

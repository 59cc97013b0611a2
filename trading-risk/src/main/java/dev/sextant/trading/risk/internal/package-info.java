/**
 * Risk internals, not part of the API: allocation-free quickselect and random numbers for value at
 * risk, and a ring of event times for rate limits.
 */
package dev.sextant.trading.risk.internal;

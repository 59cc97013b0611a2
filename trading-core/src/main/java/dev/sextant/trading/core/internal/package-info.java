/**
 * Rules shared inside the core module and not part of its API: the validity rules of one bar,
 * applied alike by the {@code Bar} constructor and by the market-data readers.
 */
package dev.sextant.trading.core.internal;

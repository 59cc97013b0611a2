/**
 * Statistics shared by every module: the normal and Student t distributions, rolling moments and
 * volatility on primitives, long-run variance and the Diebold-Mariano test of two forecasts.
 */
package dev.sextant.trading.core.stats;

/**
 * Seeded synthetic bar series with known statistical properties (a random walk, an AR(1) process),
 * for checking that a pipeline cannot see the future: on a random walk no honest model beats a
 * coin.
 */
package dev.sextant.trading.engine.synthetic;

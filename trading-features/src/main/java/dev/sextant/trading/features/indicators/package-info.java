/**
 * Technical indicators on primitives: each streams bar by bar and computes in batch with exactly
 * the same results, states when its value becomes defined, allocates nothing per bar, and can save
 * and restore its streaming state.
 */
package dev.sextant.trading.features.indicators;

/**
 * Features: named and versioned feature specs, the feature engine that produces the same vectors
 * live and in training, scalers, sequence windows and as-of joins of several time frames.
 */
package dev.sextant.trading.features;

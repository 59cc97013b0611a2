/**
 * Benchmarks and checks that need the GPL Smile models: the latency of the full ensemble (XGBoost,
 * random forest, SVM and the reference networks) trained from real Bitstamp trades. Kept in the
 * GPL artifact so that nothing else depends on Smile.
 */
package dev.sextant.gpl.benchmarks;

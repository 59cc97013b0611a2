/**
 * JMH benchmarks of features: indicators computed in batch and the feature engine streaming bar by
 * bar, on seeded generated bars. Not part of the published SDK.
 */
package dev.sextant.benchmarks.features;

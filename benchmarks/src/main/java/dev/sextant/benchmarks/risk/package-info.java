/**
 * JMH benchmarks of risk: the pre-trade check chain's cost per order. Not part of the published
 * SDK.
 */
package dev.sextant.benchmarks.risk;

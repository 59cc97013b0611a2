/**
 * JMH benchmarks of the broker layer: order-path throughput (an order through the blotter, a bar
 * through the paper broker, a paper market order round trip) and the FIX connector's round-trip
 * latency over loopback. Not part of the published SDK.
 */
package dev.sextant.benchmarks.broker;

/**
 * JMH benchmarks of models: single-row latency and batch throughput of each backend and of an
 * ensemble, the per-bar cost of drift monitoring and gating, and (not timed) the drift detectors'
 * false-alarm rates and detection delays. Not part of the published SDK.
 */
package dev.sextant.benchmarks.models;

/**
 * JMH benchmarks of the signal service: a signal request answered over HTTP on loopback. Not part
 * of the published SDK.
 */
package dev.sextant.benchmarks.service;

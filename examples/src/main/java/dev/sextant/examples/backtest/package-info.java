/**
 * Example 1, a backtest through the Java API: load bars, build a feature spec, train a bundle,
 * backtest it and print the metrics, on the real Bitstamp BTC/USD trades of ta4j-examples. Its
 * {@code main} runs as a test so that it never rots.
 */
package dev.sextant.examples.backtest;

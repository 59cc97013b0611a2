/**
 * Drift monitoring: reference histograms and losses recorded at training time, detectors that
 * compare live data with them (PSI and Kolmogorov-Smirnov on the inputs, Page-Hinkley on the
 * realised losses), alerts, and an out-of-distribution gate.
 */
package dev.sextant.trading.models.drift;

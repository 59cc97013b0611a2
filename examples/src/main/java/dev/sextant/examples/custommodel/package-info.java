/**
 * Example 4, a custom model type: a nearest-centroid classifier with its own trainer and provider
 * registered by ServiceLoader, trained and saved into a bundle by the library's {@code
 * BundleTrainer}, loaded back by its type id and traded by the backtester's pipeline.
 */
package dev.sextant.examples.custommodel;

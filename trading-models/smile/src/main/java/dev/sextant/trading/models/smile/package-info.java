/**
 * Smile random forest, SVM and logistic regression as Sextant models (GPL-3.0): their typed
 * settings and loading; found through ServiceLoader by type id. Nothing else in Sextant depends on
 * this package.
 */
package dev.sextant.trading.models.smile;

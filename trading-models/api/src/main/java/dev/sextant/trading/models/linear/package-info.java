/**
 * Pure-Java linear models: multinomial logistic regression and its per-time-frame variant, trained
 * with L-BFGS, saved as JSON.
 */
package dev.sextant.trading.models.linear;

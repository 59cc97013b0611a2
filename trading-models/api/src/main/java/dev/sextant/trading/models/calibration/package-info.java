/**
 * Probability calibration: temperature scaling, Platt scaling and isotonic regression, each
 * recording the window of rows it was fitted on, and their evaluation.
 */
package dev.sextant.trading.models.calibration;

/**
 * Ensembles: weighted averages and stacking of member models, standard scaling of inputs, and
 * calibrated and scaled model wrappers.
 */
package dev.sextant.trading.models.ensemble;
